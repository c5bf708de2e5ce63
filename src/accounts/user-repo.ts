import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { Updateable } from 'kysely';
import type { UserRow, UserTable } from '../db/schema.js';
import { toOptionalDate } from '../lib/db-values.js';
import type { StaffRole, StaffUser } from './staff.js';

function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    realName: row.real_name,
    role: row.role,
    disabled: row.disabled === 1,
    totpEnabled: row.totp_secret !== null,
  };
}

export async function insertStaffUser(
  db: Db,
  input: { username: string; displayName: string; realName: string; role: StaffRole; passwordHash?: string | null },
  now: Date,
): Promise<StaffUser> {
  const row = await db
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      real_name: input.realName,
      role: input.role,
      password_hash: input.passwordHash ?? null,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaffUser(row);
}

export async function findStaffUser(db: Db, id: number): Promise<StaffUser | undefined> {
  const [row] = await staffUserById(db, { id });
  return row && toStaffUser(row);
}

const staffUserById = preparedQuery((db, values: { id: number }) => db.selectFrom('users').selectAll().where('id', '=', values.id));

export async function findStaffUserByUsername(db: Db, username: string): Promise<StaffUser | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && toStaffUser(row);
}

export async function listStaffUsers(db: Db): Promise<StaffUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map(toStaffUser);
}

export interface StaffCredentials {
  user: StaffUser;
  passwordHash: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  totpSecret: string | null;
}

export async function findStaffCredentials(db: Db, username: string): Promise<StaffCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row) return undefined;
  return {
    user: toStaffUser(row),
    passwordHash: row.password_hash,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: toOptionalDate(row.locked_until),
    totpSecret: row.totp_secret,
  };
}

/** Admins who may sign in, other than `exceptId`. */
export async function countActiveAdmins(db: Db, exceptId: number): Promise<number> {
  return countRows(db.selectFrom('users').where('role', '=', 'admin').where('disabled', '=', 0).where('id', '!=', exceptId));
}

export async function updateStaffUser(
  db: Db,
  id: number,
  changes: Partial<{
    displayName: string;
    realName: string;
    role: StaffRole;
    disabled: boolean;
    passwordHash: string;
    totpSecret: string | null;
    failedSignIns: number;
    lockedUntil: Date | null;
    lastSignInAt: Date;
  }>,
): Promise<void> {
  const row: Updateable<UserTable> = {};
  if (changes.displayName !== undefined) row.display_name = changes.displayName;
  if (changes.realName !== undefined) row.real_name = changes.realName;
  if (changes.role !== undefined) row.role = changes.role;
  if (changes.disabled !== undefined) row.disabled = changes.disabled ? 1 : 0;
  if (changes.passwordHash !== undefined) row.password_hash = changes.passwordHash;
  if (changes.totpSecret !== undefined) row.totp_secret = changes.totpSecret;
  if (changes.failedSignIns !== undefined) row.failed_sign_ins = changes.failedSignIns;
  if (changes.lockedUntil !== undefined) row.locked_until = changes.lockedUntil?.toISOString() ?? null;
  if (changes.lastSignInAt !== undefined) row.last_sign_in_at = changes.lastSignInAt.toISOString();
  if (Object.keys(row).length === 0) return;
  await db.updateTable('users').set(row).where('id', '=', id).execute();
}

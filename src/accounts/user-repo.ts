import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';
import type { StaffRole, StaffUser } from './staff.js';

function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    realName: row.real_name,
    role: row.role,
    disabled: row.disabled === 1,
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
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaffUser(row);
}

export async function findStaffUserByUsername(db: Db, username: string): Promise<StaffUser | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && toStaffUser(row);
}

/** Display names of the given accounts, for bylines. */
export async function listStaffDisplayNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

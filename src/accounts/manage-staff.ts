import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { revokeAllApiTokens } from './api-tokens.js';
import { hashPassword, passwordProblem } from './password.js';
import { isValidUsername, type StaffRole, type StaffUser } from './staff.js';
import { endAllStaffSessions } from './staff-session.js';
import { countActiveAdmins, findStaffUser, findStaffUserByUsername, insertStaffUser, updateStaffUser } from './user-repo.js';

export interface CreateStaffInput {
  username: string;
  password: string;
  role: StaffRole;
  displayName?: string;
  realName?: string;
}

/**
 * Creates a staff account. Throws Invalid for a bad username or a weak
 * password, Conflict when the username is taken.
 */
export async function createStaffAccount(db: Db, input: CreateStaffInput, now: Date): Promise<StaffUser> {
  const username = input.username.trim().toLowerCase();
  if (!isValidUsername(username)) throw invalid('users.invalid_username');
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('users.weak_password', { problem });
  if (await findStaffUserByUsername(db, username)) throw conflict('users.username_taken');
  return insertStaffUser(
    db,
    {
      username,
      role: input.role,
      displayName: input.displayName?.trim() || username,
      realName: input.realName?.trim() || input.displayName?.trim() || username,
      passwordHash: await hashPassword(input.password),
    },
    now,
  );
}

/** Ends every session and revokes every API token of the account: whoever held one must prove who they are again. */
async function signOutEverywhere(db: Db, userId: number, now: Date): Promise<void> {
  await endAllStaffSessions(db, userId);
  await revokeAllApiTokens(db, userId, now);
}

/** A password that passed the strength rules, hashed: made before a transaction opens, since hashing is slow on purpose. */
export interface NewPassword {
  readonly hash: string;
}

/** Throws Invalid('users.weak_password') with the problem. */
export async function hashNewPassword(password: string): Promise<NewPassword> {
  const problem = passwordProblem(password);
  if (problem) throw invalid('users.weak_password', { problem });
  return { hash: await hashPassword(password) };
}

/**
 * Sets a new password, clears any lockout, and ends the account's sessions
 * and revokes its API tokens everywhere. Run it in the caller's transaction
 * with its audit entry, with the password hashed before (hashNewPassword).
 */
export async function changeStaffPassword(db: Db, username: string, password: NewPassword, now: Date): Promise<StaffUser> {
  const user = await findStaffUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw notFound('users.not_found');
  await updateStaffUser(db, user.id, { passwordHash: password.hash, failedSignIns: 0, lockedUntil: null });
  await signOutEverywhere(db, user.id, now);
  return user;
}

export type StaffAccountChanges = Partial<Pick<StaffUser, 'role' | 'disabled' | 'displayName' | 'realName'>>;

/** Every change that can leave a site without an admin takes this lock first. */
const ADMINS_LOCK = 'users.active_admins';

/**
 * An admin changes someone's account. Disabling it also ends its sessions and
 * revokes its API tokens. Throws NotFound, and Conflict('users.last_admin')
 * when the change would leave no active admin: under a lock, so two admins
 * demoting each other at once cannot both succeed.
 */
export async function updateStaffAccount(trx: Transaction<Database>, userId: number, changes: StaffAccountChanges, now: Date): Promise<StaffUser> {
  const losesAdmin = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
  // Lock before reading: the count below must see every other change of this kind that committed first.
  if (losesAdmin) await lockKeys(trx, [ADMINS_LOCK]);
  const user = await findStaffUser(trx, userId);
  if (!user) throw notFound('users.not_found');
  if (losesAdmin && user.role === 'admin' && !user.disabled && (await countActiveAdmins(trx, user.id)) === 0) {
    throw conflict('users.last_admin');
  }
  await updateStaffUser(trx, user.id, changes);
  if (changes.disabled === true && !user.disabled) await signOutEverywhere(trx, user.id, now);
  return (await findStaffUser(trx, user.id))!;
}

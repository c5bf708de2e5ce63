import type { Db } from '../db/database.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { hashPassword, passwordProblem } from './password.js';
import { isValidUsername, type StaffRole, type StaffUser } from './staff.js';
import { endAllStaffSessions } from './staff-session.js';
import { findStaffUserByUsername, insertStaffUser, updateStaffUser } from './user-repo.js';

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

/** Sets a new password, clears any lockout and ends the account's sessions everywhere. */
export async function changeStaffPassword(db: Db, username: string, password: string): Promise<StaffUser> {
  const user = await findStaffUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw notFound('users.not_found');
  const problem = passwordProblem(password);
  if (problem) throw invalid('users.weak_password', { problem });
  await updateStaffUser(db, user.id, { passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null });
  await endAllStaffSessions(db, user.id);
  return user;
}

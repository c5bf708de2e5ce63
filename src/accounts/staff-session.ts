import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import type { StaffUser } from './staff.js';
import { findStaffUser } from './user-repo.js';

export const STAFF_SESSION_DAYS = 14;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Starts a staff session and returns the token for the cookie. Only the
 * token's hash is stored, so a copy of the database opens no sessions.
 */
export async function createStaffSession(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + STAFF_SESSION_DAYS * 86_400_000);
  await db
    .insertInto('staff_sessions')
    .values({ id: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expires.toISOString() })
    .execute();
  return token;
}

/** The signed-in staff member for a cookie token, or undefined when it is unknown, expired or disabled. */
export async function findStaffBySessionToken(db: Db, token: string, now: Date): Promise<StaffUser | undefined> {
  const session = await db
    .selectFrom('staff_sessions')
    .select(['user_id', 'expires_at'])
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!session || toDate(session.expires_at) <= now) return undefined;
  const user = await findStaffUser(db, session.user_id);
  return user && !user.disabled ? user : undefined;
}

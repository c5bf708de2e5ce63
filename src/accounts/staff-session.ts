import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import type { StaffUser } from './staff.js';
import { findStaffUser } from './user-repo.js';

export const STAFF_SESSION_DAYS = 14;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface StaffSession {
  user: StaffUser;
  /** Every state-changing form and request of this session must carry it. */
  csrfToken: string;
}

/**
 * Starts a staff session and returns the token for the cookie. Only the
 * token's hash is stored, so a copy of the database opens no sessions.
 */
export async function createStaffSession(db: Db, userId: number, now: Date, ip: string | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + STAFF_SESSION_DAYS * 86_400_000);
  await db
    .insertInto('staff_sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
      csrf_token: randomBytes(24).toString('base64url'),
      ip,
    })
    .execute();
  return token;
}

/** The session for a cookie token, or undefined when it is unknown, expired or its account disabled. */
export async function findStaffSession(db: Db, token: string, now: Date): Promise<StaffSession | undefined> {
  const session = await db
    .selectFrom('staff_sessions')
    .select(['user_id', 'expires_at', 'csrf_token'])
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!session || toDate(session.expires_at) <= now) return undefined;
  const user = await findStaffUser(db, session.user_id);
  return user && !user.disabled ? { user, csrfToken: session.csrf_token } : undefined;
}

export async function endStaffSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', hashToken(token)).execute();
}

/** Signs a staff member out everywhere, e.g. after a password change. */
export async function endAllStaffSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
}

import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { StaffUser } from './staff.js';
import { hashToken } from './staff-session.js';
import { findStaffUser } from './user-repo.js';

/**
 * Creates an API token for scripts acting as `userId`, with that account's
 * permissions. The token is returned once; only its hash is kept.
 */
export async function createApiToken(db: Db, userId: number, name: string, now: Date): Promise<string> {
  const token = `bendi_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: hashToken(token), created_at: now.toISOString() }).execute();
  return token;
}

/** The account behind a bearer token, or undefined for an unknown or revoked token or a disabled account. */
export async function findStaffByApiToken(db: Db, token: string, now: Date): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await findStaffUser(db, row.user_id);
  if (!user || user.disabled) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return user;
}

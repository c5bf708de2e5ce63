import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiTokenTable } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { invalid, notFound } from '../lib/errors.js';
import type { StaffUser } from './staff.js';
import { hashToken } from './staff-session.js';
import { findStaffUser } from './user-repo.js';

/** The longest life a token may be given, in days. */
export const API_TOKEN_MAX_DAYS = 3650;
/** last_used_at is kept to the minute: a script's every request need not write to the database. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** What anyone may see of a token: never the secret, which is shown once at creation. */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  /** Null: never expires. */
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

function toApiToken(row: Selectable<ApiTokenTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: toDate(row.created_at),
    expiresAt: toOptionalDate(row.expires_at),
    lastUsedAt: toOptionalDate(row.last_used_at),
  };
}

/** The expiry `days` from now. Throws Invalid('tokens.invalid_expiry') outside 1..API_TOKEN_MAX_DAYS whole days. */
export function expiryInDays(days: number, now: Date): Date {
  if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) throw invalid('tokens.invalid_expiry', { days });
  return new Date(now.getTime() + days * 86_400_000);
}

/**
 * Creates an API token for scripts acting as `userId`, with that account's
 * permissions, valid until `expiresAt` (null: until revoked). The secret is
 * returned once; only its hash is kept. Throws Invalid('tokens.invalid_expiry')
 * for an expiry in the past or more than API_TOKEN_MAX_DAYS away.
 */
export async function createApiToken(
  db: Db,
  userId: number,
  name: string,
  now: Date,
  expiresAt: Date | null = null,
): Promise<{ token: string; apiToken: ApiToken }> {
  if (expiresAt && (expiresAt <= now || expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_DAYS * 86_400_000)) {
    throw invalid('tokens.invalid_expiry', { expiresAt: expiresAt.toISOString() });
  }
  const token = `bendi_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hashToken(token), created_at: now.toISOString(), expires_at: expiresAt?.toISOString() ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, apiToken: toApiToken(row) };
}

/** The account behind a bearer token, or undefined for an unknown, revoked or expired token or a disabled account. */
export async function findStaffByApiToken(db: Db, token: string, now: Date): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'expires_at', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.expires_at !== null && toDate(row.expires_at) <= now) return undefined;
  const user = await findStaffUser(db, row.user_id);
  if (!user || user.disabled) return undefined;
  const lastUsed = toOptionalDate(row.last_used_at);
  if (!lastUsed || now.getTime() - lastUsed.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return user;
}

/** The account's tokens that were not revoked (expired ones included, so people see why a script stopped), newest first. */
export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('id', 'desc').execute();
  return rows.map(toApiToken);
}

/**
 * Revokes a token; with `ownerId`, only if it belongs to that account.
 * Throws NotFound('tokens.not_found') for an unknown or already revoked
 * token, or another account's.
 */
export async function revokeApiToken(db: Db, tokenId: number, now: Date, ownerId?: number): Promise<ApiToken> {
  let query = db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', tokenId).where('revoked_at', 'is', null);
  if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
  const row = await query.returningAll().executeTakeFirst();
  if (!row) throw notFound('tokens.not_found');
  return toApiToken(row);
}

/** Revokes every token of the account, e.g. after a password change; returns how many. */
export async function revokeAllApiTokens(db: Db, userId: number, now: Date): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

import {
  type ApiToken,
  changeStaffPassword,
  hashNewPassword,
  createApiToken,
  createStaffAccount,
  findStaffUser,
  findStaffUserByUsername,
  listApiTokens,
  revokeApiToken,
  type StaffUser,
} from '../accounts/index.js';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { notFound } from '../lib/errors.js';

/** Whoever ran the command on the server: the audit log can name no account or address. */
const CLI_ACTOR: AuditActor = { id: null, name: 'cli', ip: null, ipRegion: null };

// Each command commits together with its audit entry, so no account change goes unlogged.

export async function addStaffUser(
  db: Db,
  input: Parameters<typeof createStaffAccount>[1],
  now: Date,
): Promise<StaffUser> {
  return db.transaction().execute(async (trx) => {
    const user = await createStaffAccount(trx, input, now);
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'user.create', targetType: 'user', targetId: user.id, details: { role: user.role } }, now);
    return user;
  });
}

/** Also lifts a lockout, ends the account's sessions and revokes its API tokens (see changeStaffPassword). */
export async function resetStaffPassword(db: Db, username: string, password: string, now: Date): Promise<StaffUser> {
  const newPassword = await hashNewPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await changeStaffPassword(trx, username, newPassword, now);
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'user.passwd', targetType: 'user', targetId: user.id }, now);
    return user;
  });
}

async function getStaffByUsername(db: Db, username: string): Promise<StaffUser> {
  const user = await findStaffUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw notFound('users.not_found');
  return user;
}

/** Throws NotFound('users.not_found') for an unknown username; `expiresAt` null for a token that lasts until revoked. */
export async function issueApiToken(
  db: Db,
  username: string,
  tokenName: string,
  expiresAt: Date | null,
  now: Date,
): Promise<{ user: StaffUser; token: string; apiToken: ApiToken }> {
  return db.transaction().execute(async (trx) => {
    const user = await getStaffByUsername(trx, username);
    const { token, apiToken } = await createApiToken(trx, user.id, tokenName, now, expiresAt);
    const details = { tokenId: apiToken.id, name: tokenName, expiresAt: expiresAt?.toISOString() ?? null };
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'token.create', targetType: 'user', targetId: user.id, details }, now);
    return { user, token, apiToken };
  });
}

/** Throws NotFound('users.not_found') for an unknown username. */
export async function listStaffTokens(db: Db, username: string): Promise<ApiToken[]> {
  return listApiTokens(db, (await getStaffByUsername(db, username)).id);
}

/** Throws NotFound('tokens.not_found') for an unknown or already revoked token. */
export async function revokeStaffToken(db: Db, tokenId: number, now: Date): Promise<{ token: ApiToken; user: StaffUser | undefined }> {
  return db.transaction().execute(async (trx) => {
    const token = await revokeApiToken(trx, tokenId, now);
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'token.revoke', targetType: 'user', targetId: token.userId, details: { tokenId, name: token.name } }, now);
    return { token, user: await findStaffUser(trx, token.userId) };
  });
}

import {
  changeStaffPassword,
  createApiToken,
  createStaffAccount,
  findStaffUserByUsername,
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

/** Also lifts a lockout and ends the account's sessions (see changeStaffPassword). */
export async function resetStaffPassword(db: Db, username: string, password: string, now: Date): Promise<StaffUser> {
  return db.transaction().execute(async (trx) => {
    const user = await changeStaffPassword(trx, username, password);
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'user.passwd', targetType: 'user', targetId: user.id }, now);
    return user;
  });
}

/** Throws NotFound('users.not_found') for an unknown username. */
export async function issueApiToken(
  db: Db,
  username: string,
  tokenName: string,
  now: Date,
): Promise<{ user: StaffUser; token: string }> {
  return db.transaction().execute(async (trx) => {
    const user = await findStaffUserByUsername(trx, username.trim().toLowerCase());
    if (!user) throw notFound('users.not_found');
    const token = await createApiToken(trx, user.id, tokenName, now);
    await recordAudit(trx, { actor: CLI_ACTOR, action: 'token.create', targetType: 'user', targetId: user.id, details: { name: tokenName } }, now);
    return { user, token };
  });
}

import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { checkAsSignInAttempt } from './sign-in-limits.js';
import type { StaffUser } from './staff.js';
import { totpStep } from './totp.js';
import { findStaffCredentials, type StaffCredentials, updateStaffUser } from './user-repo.js';

/**
 * Accepts a code from the account's authenticator only if its time step is
 * newer than the last one accepted for the account, decided in one
 * statement: a code seen over a shoulder, replayed, or sent by two racing
 * requests gets in once.
 */
export async function useTotpCode(db: Db, userId: number, secret: string, code: string, now: Date): Promise<boolean> {
  const step = totpStep(secret, code, now);
  if (step === undefined) return false;
  const accepted = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(accepted.numUpdatedRows) === 1;
}

/** A check for checkAsSignInAttempt: the code is an unused one of the account's second factor as it is now. */
const isCurrentCode = (db: Db, userId: number, code: string, now: Date) => async ({ totpSecret }: StaffCredentials) =>
  totpSecret !== null && (await useTotpCode(db, userId, totpSecret, code, now));

/**
 * Turns the second factor on once a code proves the person's app holds the
 * secret; that code is spent with it. A factor already on is replaced only
 * with an unused code from it too (counted against the account's sign-in
 * failure limit): otherwise a stolen session could swap in an app of its own
 * and keep the account's holder out. Throws Invalid('auth.bad_totp') for a
 * wrong new code, Invalid('auth.current_totp_required') without the current
 * code, Invalid('auth.bad_totp', currentCode) for a wrong one, RateLimited('auth.locked').
 */
export async function enableTotp(db: Db, user: StaffUser, input: { secret: string; code: string; currentCode?: string | undefined }, now: Date): Promise<void> {
  const step = totpStep(input.secret, input.code, now);
  if (step === undefined) throw invalid('auth.bad_totp');
  const replacing = (await findStaffCredentials(db, user.username))?.totpSecret ?? null;
  if (replacing !== null) {
    if (input.currentCode === undefined) throw invalid('auth.current_totp_required', { field: 'currentCode' });
    const proven = await checkAsSignInAttempt(db, user.username, isCurrentCode(db, user.id, input.currentCode, now), now);
    if (!proven) throw invalid('auth.bad_totp', { field: 'currentCode' });
  }
  const saved = await db
    .updateTable('users')
    // A new secret has no codes used yet but this one: its step replaces whatever the old secret left.
    .set({ totp_secret: input.secret, totp_last_step: step })
    .where('id', '=', user.id)
    // Only the factor found above (or none) is replaced: one set up meanwhile asks for a code of its own.
    .where((eb) => (replacing === null ? eb('totp_secret', 'is', null) : eb('totp_secret', '=', replacing)))
    .executeTakeFirst();
  if (Number(saved.numUpdatedRows) !== 1) throw invalid('auth.current_totp_required', { field: 'currentCode' });
}

/**
 * Turns the second factor off with an unused code from the app, each code
 * counted against the account's sign-in failure limit. Throws
 * Invalid('auth.bad_totp'), RateLimited('auth.locked').
 */
export async function disableTotp(db: Db, user: StaffUser, code: string, now: Date): Promise<void> {
  const accepted = await checkAsSignInAttempt(db, user.username, isCurrentCode(db, user.id, code, now), now);
  if (!accepted) throw invalid('auth.bad_totp');
  await updateStaffUser(db, user.id, { totpSecret: null });
}

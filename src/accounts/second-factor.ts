import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { checkAsSignInAttempt } from './sign-in-limits.js';
import type { StaffUser } from './staff.js';
import { totpStep } from './totp.js';
import { updateStaffUser } from './user-repo.js';

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

/**
 * Turns the second factor on once a code proves the person's app holds the
 * secret; that code is spent with it. Throws Invalid('auth.bad_totp').
 */
export async function enableTotp(db: Db, userId: number, input: { secret: string; code: string }, now: Date): Promise<void> {
  const step = totpStep(input.secret, input.code, now);
  if (step === undefined) throw invalid('auth.bad_totp');
  // A new secret has no codes used yet but this one: its step replaces whatever the old secret left.
  await db.updateTable('users').set({ totp_secret: input.secret, totp_last_step: step }).where('id', '=', userId).execute();
}

/**
 * Turns the second factor off with an unused code from the app, each code
 * counted against the account's sign-in failure limit. Throws
 * Invalid('auth.bad_totp'), RateLimited('auth.locked').
 */
export async function disableTotp(db: Db, user: StaffUser, code: string, now: Date): Promise<void> {
  const accepted = await checkAsSignInAttempt(db, user.username, async ({ totpSecret }) => totpSecret !== null && (await useTotpCode(db, user.id, totpSecret, code, now)), now);
  if (!accepted) throw invalid('auth.bad_totp');
  await updateStaffUser(db, user.id, { totpSecret: null });
}

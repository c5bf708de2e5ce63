import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { lockKeys } from '../db/dialect.js';
import { countedAddress } from '../lib/counted-address.js';
import { AppError, rateLimited } from '../lib/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { useTotpCode } from './second-factor.js';
import { countAccountFailure, giveBackAccountFailure, SIGN_IN_POLICY, signInLockKeys } from './sign-in-limits.js';
import type { StaffUser } from './staff.js';
import { createStaffSession } from './staff-session.js';
import { findStaffCredentials, type StaffCredentials, updateStaffUser } from './user-repo.js';

const MINUTE = 60_000;
// Unknown usernames are checked against this, so a wrong username takes as long as a wrong password.
const decoyHash = hashPassword('bendi-decoy-password');

export interface SignInInput {
  username: string;
  password: string;
  totpCode?: string;
  ip: string;
}

/** An attempt allowed to go on: its row in sign_in_attempts, counted as a failure until it is settled. */
interface Claim {
  attemptId: number;
  credentials: StaffCredentials | undefined;
  /** Whether this attempt was the one that reached the limit and locked the account. */
  locked: boolean;
}

/**
 * Checks a staff member's password (and second factor, when set up) and
 * starts a session. Throws Unauthenticated('auth.bad_credentials') without
 * saying which part was wrong, 'auth.totp_required' when a code is needed,
 * RateLimited('auth.locked' | 'auth.too_many_attempts') with retryAfterSeconds.
 *
 * Exact under concurrency: each attempt is claimed, counted as a failure
 * against the account and the address, before its password is checked (the
 * slow part), so a burst of parallel guesses gets no more checks than the
 * limits allow; a right password settles its claim afterwards.
 */
export async function signInStaff(db: Db, input: SignInInput, now: Date): Promise<{ user: StaffUser; token: string }> {
  const username = input.username.trim().toLowerCase();
  const claim = await claimAttempt(db, username, input, now);
  const { credentials } = claim;
  const passwordOk = credentials?.passwordHash
    ? await verifyPassword(credentials.passwordHash, input.password)
    : await verifyPassword(await decoyHash, input.password).then(() => false);
  if (!credentials || !passwordOk || credentials.user.disabled) throw new AppError('Unauthenticated', 'auth.bad_credentials');
  if (credentials.totpSecret) {
    if (!input.totpCode) {
      // The password was right and only the code is missing: that is the first step of a sign-in, not a guess.
      await settleAttempt(db, username, claim, credentials.user.id, 'password_only', now);
      throw new AppError('Unauthenticated', 'auth.totp_required');
    }
    if (!(await useTotpCode(db, credentials.user.id, credentials.totpSecret, input.totpCode, now))) throw new AppError('Unauthenticated', 'auth.bad_totp');
  }

  await settleAttempt(db, username, claim, credentials.user.id, 'signed_in', now);
  return { user: credentials.user, token: await createStaffSession(db, credentials.user.id, now, input.ip) };
}

/**
 * Under a lock on the username and the address: refuses a blocked address or
 * a locked account, otherwise records the attempt and counts it against the
 * account, locking it when this attempt reaches the limit.
 */
async function claimAttempt(db: Db, username: string, input: SignInInput, now: Date): Promise<Claim> {
  const address = countedAddress(input.ip);
  const outcome = await db.transaction().execute(async (trx) => {
    await lockKeys(trx, signInLockKeys(username, address));
    const failures = await countRows(
      trx
        .selectFrom('sign_in_attempts')
        .where('ip', '=', address)
        .where('succeeded', '=', 0)
        .where('created_at', '>=', new Date(now.getTime() - SIGN_IN_POLICY.windowMinutes * MINUTE).toISOString()),
    );
    if (failures >= SIGN_IN_POLICY.addressFailures) {
      return rateLimited('auth.too_many_attempts', { retryAfterSeconds: SIGN_IN_POLICY.windowMinutes * 60 });
    }
    // Recorded even when the account turns out to be locked: hammering a locked account still counts against the address.
    const { id: attemptId } = await trx
      .insertInto('sign_in_attempts')
      .values({ username: input.username.slice(0, 64), ip: address, succeeded: 0, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const credentials = await findStaffCredentials(trx, username);
    if (!credentials) return { attemptId, credentials, locked: false };
    const counted = await countAccountFailure(trx, credentials, now);
    return counted instanceof AppError ? counted : { attemptId, credentials, locked: counted.locked };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * Marks a claimed attempt whose password was right. Signing in clears the
 * account's count; a right password without its code takes back only its own
 * claim (and the lock, if that claim was what reached the limit).
 */
async function settleAttempt(db: Db, username: string, claim: Claim, userId: number, how: 'signed_in' | 'password_only', now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockKeys(trx, signInLockKeys(username));
    await trx.updateTable('sign_in_attempts').set({ succeeded: 1 }).where('id', '=', claim.attemptId).execute();
    if (how === 'signed_in') await updateStaffUser(trx, userId, { failedSignIns: 0, lockedUntil: null, lastSignInAt: now });
    else await giveBackAccountFailure(trx, username, claim);
  });
}

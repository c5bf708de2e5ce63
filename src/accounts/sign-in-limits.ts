import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { AppError, rateLimited, unauthenticated } from '../lib/errors.js';
import { findStaffCredentials, type StaffCredentials, updateStaffUser } from './user-repo.js';

/** Five wrong passwords lock the account for 15 minutes; twenty from one address (an IPv6 client's /64) in 15 minutes block that address. */
export const SIGN_IN_POLICY = { accountFailures: 5, lockMinutes: 15, addressFailures: 20, windowMinutes: 15 } as const;

const MINUTE = 60_000;

/** The locks an account's failures (and, when given, an address's) are counted under. */
export const signInLockKeys = (username: string, address?: string) => [`sign-in:user:${username}`, ...(address === undefined ? [] : [`sign-in:ip:${address}`])];

/**
 * Under the caller's lock on the account: refuses it while it is locked,
 * otherwise counts one failure against it, locking it when this one reaches
 * the limit. Returns whether this failure set the lock.
 */
export async function countAccountFailure(trx: Db, credentials: StaffCredentials, now: Date): Promise<{ locked: boolean } | AppError> {
  const { lockedUntil } = credentials;
  if (lockedUntil && lockedUntil > now) {
    // `now` was read before the wait for the account's lock, and a parallel guess may have set the lock after
    // it: the wait is never told as longer than a lock lasts (15 minutes, not "约 16 分钟").
    const seconds = Math.min(SIGN_IN_POLICY.lockMinutes * 60, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    return rateLimited('auth.locked', { retryAfterSeconds: seconds });
  }
  // A lock that has run out starts the count afresh.
  const failed = (lockedUntil ? 0 : credentials.failedSignIns) + 1;
  const locked = failed >= SIGN_IN_POLICY.accountFailures;
  await updateStaffUser(trx, credentials.user.id, {
    failedSignIns: failed,
    lockedUntil: locked ? new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * MINUTE) : null,
  });
  return { locked };
}

/**
 * Under the caller's lock on the account: takes back one failure counted
 * before a check that then passed, and the lock if that failure set it. A
 * lock set by a parallel wrong guess stays.
 */
export async function giveBackAccountFailure(trx: Db, username: string, claim: { locked: boolean }): Promise<void> {
  const credentials = await findStaffCredentials(trx, username);
  if (!credentials) return;
  await updateStaffUser(trx, credentials.user.id, { failedSignIns: Math.max(0, credentials.failedSignIns - 1), ...(claim.locked ? { lockedUntil: null } : {}) });
}

/**
 * Checks what only the account's holder knows, asked again of someone already
 * signed in (the current password before a new one, a code from the app
 * before the second factor is turned off or replaced), as one more attempt
 * against the account's sign-in failure limit: a stolen session or API token
 * guesses no more often than a stranger at the sign-in form, and its wrong
 * guesses lock the account as theirs do. The attempt is counted as a failure,
 * under the account's lock, before `check` runs (the slow part), so a
 * parallel burst gets no more checks than the limit allows; a check that
 * passes gives its count back. Throws RateLimited('auth.locked') with
 * retryAfterSeconds while the account is locked; returns whether the check
 * passed.
 */
export async function checkAsSignInAttempt(db: Db, username: string, check: (credentials: StaffCredentials) => Promise<boolean>, now: Date): Promise<boolean> {
  const claim = await db.transaction().execute(async (trx) => {
    await lockKeys(trx, signInLockKeys(username));
    const credentials = await findStaffCredentials(trx, username);
    if (!credentials) throw unauthenticated();
    const counted = await countAccountFailure(trx, credentials, now);
    if (counted instanceof AppError) throw counted;
    return { credentials, ...counted };
  });
  const passed = await check(claim.credentials);
  if (passed) {
    await db.transaction().execute(async (trx) => {
      await lockKeys(trx, signInLockKeys(username));
      await giveBackAccountFailure(trx, username, claim);
    });
  }
  return passed;
}

import type { Db } from '../db/database.js';
import { AppError, rateLimited } from '../lib/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import type { StaffUser } from './staff.js';
import { createStaffSession } from './staff-session.js';
import { verifyTotp } from './totp.js';
import { findStaffCredentials, updateStaffUser } from './user-repo.js';

/** Five wrong passwords lock the account for 15 minutes; twenty from one address in 15 minutes block that address. */
export const SIGN_IN_POLICY = { accountFailures: 5, lockMinutes: 15, addressFailures: 20, windowMinutes: 15 } as const;

const MINUTE = 60_000;
// Unknown usernames are checked against this, so a wrong username takes as long as a wrong password.
const decoyHash = hashPassword('bendi-decoy-password');

export interface SignInInput {
  username: string;
  password: string;
  totpCode?: string;
  ip: string;
}

/**
 * Checks a staff member's password (and second factor, when set up) and
 * starts a session. Throws Unauthenticated('auth.bad_credentials') without
 * saying which part was wrong, 'auth.totp_required' when a code is needed,
 * RateLimited('auth.locked' | 'auth.too_many_attempts') with retryAfterSeconds.
 */
export async function signInStaff(db: Db, input: SignInInput, now: Date): Promise<{ user: StaffUser; token: string }> {
  const windowStart = new Date(now.getTime() - SIGN_IN_POLICY.windowMinutes * MINUTE).toISOString();
  const { failures } = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number | string>().as('failures'))
    .where('ip', '=', input.ip)
    .where('succeeded', '=', 0)
    .where('created_at', '>=', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(failures) >= SIGN_IN_POLICY.addressFailures) {
    throw rateLimited('auth.too_many_attempts', { retryAfterSeconds: SIGN_IN_POLICY.windowMinutes * 60 });
  }

  const credentials = await findStaffCredentials(db, input.username.trim().toLowerCase());
  if (credentials?.lockedUntil && credentials.lockedUntil > now) {
    await recordAttempt(db, input, false, now);
    throw rateLimited('auth.locked', { retryAfterSeconds: Math.ceil((credentials.lockedUntil.getTime() - now.getTime()) / 1000) });
  }
  const passwordOk = credentials?.passwordHash
    ? await verifyPassword(credentials.passwordHash, input.password)
    : await verifyPassword(await decoyHash, input.password).then(() => false);
  if (!credentials || !passwordOk || credentials.user.disabled) {
    await recordFailure(db, input, credentials, now);
    throw new AppError('Unauthenticated', 'auth.bad_credentials');
  }
  if (credentials.totpSecret) {
    if (!input.totpCode) throw new AppError('Unauthenticated', 'auth.totp_required');
    if (!verifyTotp(credentials.totpSecret, input.totpCode, now)) {
      await recordFailure(db, input, credentials, now);
      throw new AppError('Unauthenticated', 'auth.bad_totp');
    }
  }

  await updateStaffUser(db, credentials.user.id, { failedSignIns: 0, lockedUntil: null, lastSignInAt: now });
  await recordAttempt(db, input, true, now);
  return { user: credentials.user, token: await createStaffSession(db, credentials.user.id, now, input.ip) };
}

async function recordAttempt(db: Db, input: SignInInput, succeeded: boolean, now: Date): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ username: input.username.slice(0, 64), ip: input.ip, succeeded: succeeded ? 1 : 0, created_at: now.toISOString() })
    .execute();
}

async function recordFailure(db: Db, input: SignInInput, credentials: Awaited<ReturnType<typeof findStaffCredentials>>, now: Date) {
  await recordAttempt(db, input, false, now);
  if (!credentials) return;
  const failed = credentials.failedSignIns + 1;
  const locks = failed >= SIGN_IN_POLICY.accountFailures;
  await updateStaffUser(db, credentials.user.id, {
    failedSignIns: locks ? 0 : failed,
    ...(locks ? { lockedUntil: new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * MINUTE) } : {}),
  });
}

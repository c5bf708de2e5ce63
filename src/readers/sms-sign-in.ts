import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { lockKeys } from '../db/dialect.js';
import { countedAddress } from '../lib/counted-address.js';
import { toDate } from '../lib/db-values.js';
import { AppError, invalid, rateLimited } from '../lib/errors.js';
import { normalizePhone, type Reader } from './reader.js';
import { findReader, insertReader } from './reader-repo.js';
import type { SmsProvider, SmsSendFailure } from './sms-provider.js';

/** A code lives 5 minutes, allows 5 guesses, and is used once. */
export const SMS_POLICY = {
  codeMinutes: 5,
  maxGuesses: 5,
  perPhoneIntervalSeconds: 60,
  perPhonePerHour: 5,
  perAddressPerHour: 20,
} as const;

export const READER_SESSION_DAYS = 90;
const MINUTE = 60_000;

const hashCode = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');
export const hashReaderToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function countSince(db: Db, column: 'phone' | 'ip', value: string, since: Date): Promise<number> {
  return countRows(db.selectFrom('sms_codes').where(column, '=', value).where('created_at', '>=', since.toISOString()));
}

/**
 * Sends a sign-in code by SMS. Throws Invalid('readers.invalid_phone') or
 * RateLimited('readers.sms_too_soon' | 'readers.sms_too_many') with the
 * seconds to wait: one code a minute and five an hour per number, twenty an
 * hour per address (an IPv6 client's /64: countedAddress), since every
 * message costs the site money. Exact under concurrency: requests for one
 * number or address are counted one at a time.
 * When the provider fails, its error is rethrown; the attempt is given back
 * unless the message may still arrive (a time-out), so a refused send costs
 * the reader none of their quota, while a late message keeps its code valid.
 */
export async function requestSmsCode(deps: { db: Db; sms: SmsProvider }, input: { phone: string; ip: string; siteName: string }, now: Date): Promise<void> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw invalid('readers.invalid_phone');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const address = countedAddress(input.ip);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    // Count and insert under a lock on this number and this address: racing requests cannot all see room.
    await lockKeys(trx, [`sms:phone:${phone}`, `sms:ip:${address}`]);
    const refusal = await limitExceeded(trx, phone, address, now);
    if (refusal) throw refusal;
    return trx
      .insertInto('sms_codes')
      .values({
        phone,
        code_hash: hashCode(phone, code),
        ip: address,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SMS_POLICY.codeMinutes * MINUTE).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  });
  try {
    await deps.sms.send({ phone, code, text: `【${input.siteName}】您的登录验证码是 ${code}，${SMS_POLICY.codeMinutes} 分钟内有效。如非本人操作，请忽略。` });
  } catch (error) {
    // The claim was made before sending so that racing requests cannot all send; a send that surely failed gives it back.
    if (!(error as Partial<SmsSendFailure>).mayHaveBeenSent) await deps.db.deleteFrom('sms_codes').where('id', '=', claimed.id).execute();
    throw error;
  }
}

/** The codes already sent in each window; undefined when one more is within bounds. */
async function limitExceeded(db: Db, phone: string, ip: string, now: Date): Promise<AppError | undefined> {
  const intervalStart = new Date(now.getTime() - SMS_POLICY.perPhoneIntervalSeconds * 1000);
  const hourAgo = new Date(now.getTime() - 60 * MINUTE);
  if ((await countSince(db, 'phone', phone, intervalStart)) > 0) {
    return rateLimited('readers.sms_too_soon', { retryAfterSeconds: SMS_POLICY.perPhoneIntervalSeconds });
  }
  if ((await countSince(db, 'phone', phone, hourAgo)) >= SMS_POLICY.perPhonePerHour || (await countSince(db, 'ip', ip, hourAgo)) >= SMS_POLICY.perAddressPerHour) {
    return rateLimited('readers.sms_too_many', { retryAfterSeconds: 3600 });
  }
  return undefined;
}

/**
 * Signs a reader in with the newest code sent to the number, creating the
 * reader on first sign-in (real identity behind, nickname in front). Throws
 * Unauthenticated('readers.bad_code') for a wrong, expired, used or
 * over-guessed code.
 */
export async function signInReader(db: Db, input: { phone: string; code: string }, now: Date): Promise<{ reader: Reader; token: string }> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw invalid('readers.invalid_phone');
  // Only the newest code counts: sending a new one retires the older ones, used or not.
  const sent = await db.selectFrom('sms_codes').selectAll().where('phone', '=', phone).orderBy('id', 'desc').executeTakeFirst();
  const badCode = () => new AppError('Unauthenticated', 'readers.bad_code');
  if (!sent || sent.used_at !== null || toDate(sent.expires_at) <= now) throw badCode();
  // Each guess is claimed before it is checked, in one statement: parallel guesses cannot share the five.
  const guess = await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', sent.id)
    .where('attempts', '<', SMS_POLICY.maxGuesses)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(guess.numUpdatedRows) !== 1 || sent.code_hash !== hashCode(phone, input.code.trim())) throw badCode();
  // Single use even under a race: only the request that marks the code used goes on.
  const claimed = await db.updateTable('sms_codes').set({ used_at: now.toISOString() }).where('id', '=', sent.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw badCode();

  const reader = (await findReader(db, { phone })) ?? (await insertReader(db, phone, `网友${phone.slice(-4)}`, now));
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('reader_sessions')
    .values({
      id: hashReaderToken(token),
      reader_id: reader.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + READER_SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute();
  return { reader, token };
}

export async function findReaderBySessionToken(db: Db, token: string, now: Date): Promise<Reader | undefined> {
  const session = await db.selectFrom('reader_sessions').select(['reader_id', 'expires_at']).where('id', '=', hashReaderToken(token)).executeTakeFirst();
  if (!session || toDate(session.expires_at) <= now) return undefined;
  return findReader(db, { id: session.reader_id });
}

export async function endReaderSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('reader_sessions').where('id', '=', hashReaderToken(token)).execute();
}

/** Signs the reader out on every phone and browser (退出所有设备): a lost or shared phone stays signed in nowhere. */
export async function endAllReaderSessions(db: Db, readerId: number): Promise<void> {
  await db.deleteFrom('reader_sessions').where('reader_id', '=', readerId).execute();
}

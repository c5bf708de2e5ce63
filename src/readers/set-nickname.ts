import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { toDate } from '../lib/db-values.js';
import { conflict, invalid, rateLimited } from '../lib/errors.js';
import { recordRefusedText, type ScreenText } from '../moderation/index.js';
import { INVISIBLE_IN_NAMES } from '../text/index.js';
import { nicknameLength } from './reader.js';

/**
 * Nickname changes a reader may make in 24 hours. A name shown on pages
 * empties every instance's page cache when it changes, so renaming in a loop
 * would keep every page uncached; a few a day still let a reader fix a typo.
 */
export const NICKNAME_CHANGES_PER_DAY = 5;
const DAY = 86_400_000;

// Names that would pass a reader off as the site or the authorities.
const RESERVED = /管理员|官方|客服|小编|编辑部|站长|版主|网信|公安|警察/;


/**
 * Sets a reader's nickname (前台自愿), kept in NFKC form so full-width ＡＢ and
 * AB are one name. Throws Invalid('readers.nickname_invisible_characters')
 * for one with control or invisible format characters, Invalid('readers.nickname_markup')
 * for angle brackets (escaped everywhere, but a name that reads as markup
 * only confuses), Conflict('readers.nickname_taken') for another reader's
 * name, letter case aside, Invalid('readers.invalid_nickname')
 * for one shorter than 2 or longer than 16 characters, or one the lexicon
 * hits at all: a nickname is shown beside every comment, so even a masked
 * or held word is refused rather than displayed. Throws
 * RateLimited('readers.too_many_nickname_changes') past
 * NICKNAME_CHANGES_PER_DAY, exactly even when renames race. Returns the name
 * as kept, and whether it changed: the name the reader has already is no change.
 */
export async function setNickname(db: Db, screen: ScreenText, input: { readerId: number; nickname: string }, now: Date): Promise<{ nickname: string; changed: boolean }> {
  const nickname = input.nickname.normalize('NFKC').trim();
  if (INVISIBLE_IN_NAMES.test(nickname)) throw invalid('readers.nickname_invisible_characters');
  if (/[<>]/.test(nickname)) throw invalid('readers.nickname_markup');
  const length = nicknameLength(nickname);
  if (length < 2 || length > 16 || RESERVED.test(nickname)) throw invalid('readers.invalid_nickname');
  const screened = screen(nickname);
  if (screened.hits.length > 0) {
    if (!(await recordRefusedText(db, screened.hits, { context: 'nickname', readerId: input.readerId, text: nickname }, now))) {
      throw rateLimited('readers.too_many_refused_nicknames', { retryAfterSeconds: 3600 });
    }
    throw invalid('readers.invalid_nickname');
  }
  return db.transaction().execute(async (trx) => {
    // Check and set under a lock on the name, so two readers choosing it at once cannot both get it,
    // and on the reader, so racing renames are counted one at a time.
    await lockKeys(trx, [`nickname:${nickname.toLowerCase()}`, `nickname-changes:${input.readerId}`]);
    const current = await trx.selectFrom('readers').select('nickname').where('id', '=', input.readerId).executeTakeFirstOrThrow();
    if (current.nickname === nickname) return { nickname, changed: false };
    const taken = await trx
      .selectFrom('readers')
      .select('id')
      .where(sql<string>`lower(nickname)`, '=', nickname.toLowerCase())
      .where('id', '!=', input.readerId)
      .executeTakeFirst();
    if (taken) throw conflict('readers.nickname_taken');
    await countNicknameChange(trx, input.readerId, now);
    await trx.updateTable('readers').set({ nickname }).where('id', '=', input.readerId).execute();
    return { nickname, changed: true };
  });
}

/**
 * Under the caller's lock on the reader: records one more change, or throws
 * RateLimited with the wait until the oldest change of the last 24 hours is
 * older than that.
 */
async function countNicknameChange(trx: Db, readerId: number, now: Date): Promise<void> {
  // Changes older than a day decide nothing any more.
  await trx.deleteFrom('nickname_changes').where('reader_id', '=', readerId).where('changed_at', '<=', new Date(now.getTime() - DAY).toISOString()).execute();
  const changes = await trx.selectFrom('nickname_changes').select('changed_at').where('reader_id', '=', readerId).orderBy('changed_at').execute();
  if (changes.length >= NICKNAME_CHANGES_PER_DAY) {
    const oldest = toDate(changes[0]!.changed_at);
    throw rateLimited('readers.too_many_nickname_changes', { max: NICKNAME_CHANGES_PER_DAY, retryAfterSeconds: Math.ceil((oldest.getTime() + DAY - now.getTime()) / 1000) });
  }
  await trx.insertInto('nickname_changes').values({ reader_id: readerId, changed_at: now.toISOString() }).execute();
}

import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { conflict, invalid } from '../lib/errors.js';
import { recordLexiconHits, type ScreenText } from '../moderation/index.js';
import { nicknameLength } from './reader.js';

// Names that would pass a reader off as the site or the authorities.
const RESERVED = /管理员|官方|客服|小编|编辑部|站长|版主|网信|公安|警察/;

// Control and invisible format characters: bidi overrides, embeddings, isolates and marks (U+202A–U+202E,
// U+2066–U+2069, U+200E/U+200F, U+061C) reorder the text shown around the name ("回复 X：", IP属地), and
// zero-width ones slip through the reserved words (管\u200B理员). A Chinese nickname needs none of them.
// Only the zero-width joiner stays, which emoji sequences (👨‍👩‍👧) are made with.
const INVISIBLE = /(?!\u200D)[\p{Cc}\p{Cf}]/u;

/**
 * Sets a reader's nickname (前台自愿), kept in NFKC form so full-width ＡＢ and
 * AB are one name. Throws Invalid('readers.nickname_invisible_characters')
 * for one with control or invisible format characters, Invalid('readers.nickname_markup')
 * for angle brackets (escaped everywhere, but a name that reads as markup
 * only confuses), Conflict('readers.nickname_taken') for another reader's
 * name, letter case aside, Invalid('readers.invalid_nickname')
 * for one shorter than 2 or longer than 16 characters, or one the lexicon
 * hits at all: a nickname is shown beside every comment, so even a masked
 * or held word is refused rather than displayed.
 */
export async function setNickname(db: Db, screen: ScreenText, input: { readerId: number; nickname: string }, now: Date): Promise<string> {
  const nickname = input.nickname.normalize('NFKC').trim();
  if (INVISIBLE.test(nickname)) throw invalid('readers.nickname_invisible_characters');
  if (/[<>]/.test(nickname)) throw invalid('readers.nickname_markup');
  const length = nicknameLength(nickname);
  if (length < 2 || length > 16 || RESERVED.test(nickname)) throw invalid('readers.invalid_nickname');
  const screened = screen(nickname);
  if (screened.hits.length > 0) {
    await recordLexiconHits(db, screened.hits, { context: 'nickname', readerId: input.readerId, text: nickname }, now);
    throw invalid('readers.invalid_nickname');
  }
  await db.transaction().execute(async (trx) => {
    // Check and set under a lock on the name: two readers choosing it at once cannot both get it.
    await lockKeys(trx, [`nickname:${nickname.toLowerCase()}`]);
    const taken = await trx
      .selectFrom('readers')
      .select('id')
      .where(sql<string>`lower(nickname)`, '=', nickname.toLowerCase())
      .where('id', '!=', input.readerId)
      .executeTakeFirst();
    if (taken) throw conflict('readers.nickname_taken');
    await trx.updateTable('readers').set({ nickname }).where('id', '=', input.readerId).execute();
  });
  return nickname;
}

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { LexiconService, REFUSED_HITS_PER_READER_PER_HOUR } from '../moderation/index.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { findReader, insertReader } from './reader-repo.js';
import { NICKNAME_CHANGES_PER_DAY, setNickname } from './set-nickname.js';

describeEachDatabase('setNickname', (t) => {
  const newReader = () => insertReader(t.db, `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, `网友${uniqueSuffix()}`, new Date());
  const set = async (nickname: string) => {
    const reader = await newReader();
    const screen = await new LexiconService(t.db, systemClock).screener();
    return { reader, result: setNickname(t.db, screen, { readerId: reader.id, nickname }, new Date()) };
  };

  const invisible: Array<[string, string]> = [
    ['a right-to-left override', '青溪\u202E人居'],
    ['a left-to-right embedding', '\u202A青溪人'],
    ['a pop directional formatting', '青溪人\u202C'],
    ['a first-strong isolate', '青溪\u2068人'],
    ['a right-to-left mark', '青溪\u200F人'],
    ['an Arabic letter mark', '青溪\u061C人'],
    ['a zero-width space inside a reserved word', '管\u200B理员'],
    ['a byte-order mark', '青\uFEFF溪'],
    ['a line break', '青溪\n人'],
    ['a Hangul filler inside a reserved word, drawn blank', '管\u3164理员'],
    ['blank braille patterns alone', '\u2800\u2800'],
    ['a tag character', '青溪\u{E0041}人'],
  ];
  for (const [what, nickname] of invisible) {
    it(`refuses ${what}, and keeps the old nickname`, async () => {
      const { reader, result } = await set(nickname);
      await assert.rejects(result, (e: AppError) => e.code === 'readers.nickname_invisible_characters');
      assert.equal((await findReader(t.db, { id: reader.id }))?.nickname, reader.nickname);
    });
  }

  it('keeps emoji made with the zero-width joiner, and Chinese with Latin letters', async () => {
    for (const nickname of ['青溪👨‍👩‍👧一家', '老王 Wang', '小❤️青溪']) {
      const { reader, result } = await set(nickname);
      assert.equal((await result).nickname, nickname);
      assert.equal((await findReader(t.db, { id: reader.id }))?.nickname, nickname);
    }
  });

  it(`counts ${NICKNAME_CHANGES_PER_DAY} changes in any 24 hours, not the name the reader has already, and says when the next one is allowed`, async () => {
    const reader = await newReader();
    const screen = await new LexiconService(t.db, systemClock).screener();
    const start = new Date('2026-12-03T00:00:00.000Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const rename = (nickname: string, when: Date) => setNickname(t.db, screen, { readerId: reader.id, nickname }, when);
    const name = (i: number) => `街坊${reader.id}号${i}`;
    for (let i = 0; i < NICKNAME_CHANGES_PER_DAY; i++) assert.deepEqual(await rename(name(i), at(i * 60)), { nickname: name(i), changed: true });
    const last = name(NICKNAME_CHANGES_PER_DAY - 1);
    assert.deepEqual(await rename(last, at(600)), { nickname: last, changed: false }, 'the same name again');
    await assert.rejects(rename('又一个名字', at(600)), (e: AppError) => e.code === 'readers.too_many_nickname_changes' && e.details?.retryAfterSeconds === (24 * 60 - 600) * 60);
    assert.equal((await findReader(t.db, { id: reader.id }))?.nickname, last);
    assert.equal((await rename('又一个名字', at(24 * 60))).changed, true, 'the first change is a day old');
    await assert.rejects(rename('再一个名字', at(24 * 60)), (e: AppError) => e.details?.retryAfterSeconds === 3600, 'the second is not yet');
  });

  it(`keeps at most ${REFUSED_HITS_PER_READER_PER_HOUR} lexicon hits an hour of a reader's refused nicknames, however many are tried at once`, async () => {
    const reader = await newReader();
    const screen = await new LexiconService(t.db, systemClock).screener();
    const tries = await Promise.allSettled(Array.from({ length: 70 }, () => setNickname(t.db, screen, { readerId: reader.id, nickname: '久草视频' }, new Date())));
    const codes = tries.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'accepted'));
    assert.deepEqual([...new Set(codes)].sort(), ['readers.invalid_nickname', 'readers.too_many_refused_nicknames']);
    const kept = await t.db.selectFrom('lexicon_hits').select((eb) => eb.fn.countAll<number>().as('n')).where('reader_id', '=', reader.id).executeTakeFirstOrThrow();
    assert.equal(Number(kept.n), REFUSED_HITS_PER_READER_PER_HOUR);
  });
});

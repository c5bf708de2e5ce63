import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { LexiconService } from '../moderation/index.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { findReader, insertReader } from './reader-repo.js';
import { setNickname } from './set-nickname.js';

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
  ];
  for (const [what, nickname] of invisible) {
    it(`refuses ${what}, and keeps the old nickname`, async () => {
      const { reader, result } = await set(nickname);
      await assert.rejects(result, (e: AppError) => e.code === 'readers.nickname_invisible_characters');
      assert.equal((await findReader(t.db, { id: reader.id }))?.nickname, reader.nickname);
    });
  }

  it('keeps emoji made with the zero-width joiner, and Chinese with Latin letters', async () => {
    for (const nickname of ['青溪👨‍👩‍👧一家', '老王 Wang']) {
      const { reader, result } = await set(nickname);
      assert.equal(await result, nickname);
      assert.equal((await findReader(t.db, { id: reader.id }))?.nickname, nickname);
    }
  });
});

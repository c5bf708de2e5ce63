import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeEachDatabase } from '../db/testing.js';
import { type Lexicon, screenText } from '../text/index.js';
import { LEXICON_CHECK_MS, LexiconService } from './lexicon-service.js';
import { deleteLexiconEntry, saveLexiconEntries } from './lexicon-store.js';

/** A clock the test moves by hand. */
function handClock() {
  let now = Date.UTC(2026, 11, 2, 8);
  return { clock: () => new Date(now), pass: (ms: number) => (now += ms) };
}

/** What service.lexicon() answers once the check it started in the background has compiled something new. */
async function nextLexicon(service: LexiconService, old: Lexicon): Promise<Lexicon> {
  for (let tries = 0; tries < 400; tries++) {
    const lexicon = await service.lexicon();
    if (lexicon !== old) return lexicon;
    await sleep(25);
  }
  throw new Error('the lexicon was never compiled again');
}

describeEachDatabase('LexiconService', (t) => {
  it('compiles once, and keeps that compilation while the stored lexicon has not changed', async () => {
    const { clock, pass } = handClock();
    const service = new LexiconService(t.db, clock);
    const first = await service.lexicon();
    assert.ok(first.size > 100, 'an empty table gets the default lexicon');
    pass(LEXICON_CHECK_MS);
    assert.equal(await service.lexicon(), first, 'starts a check in the background');
    assert.equal(await service.refresh(), first, 'a check after that one: both found it unchanged and compiled nothing');
    assert.equal(await service.lexicon(), first);
  });

  it('sees a change made on another instance at its first use after the check interval, screening with the old lexicon until the new one is ready', async () => {
    const { clock, pass } = handClock();
    const editing = new LexiconService(t.db, clock);
    const other = new LexiconService(t.db, clock);
    const before = await other.lexicon();
    const verdict = async (service: LexiconService) => screenText(await service.lexicon(), '这里有跨实例测试词').verdict;

    await saveLexiconEntries(t.db, [{ term: '跨实例测试词', action: 'reject' }], clock());
    await editing.refresh();
    assert.equal(await verdict(editing), 'reject', 'the instance that made the change uses it at once');
    pass(LEXICON_CHECK_MS - 1);
    assert.equal(await other.lexicon(), before);
    // Time for a check, had one started, to compile the change (nextLexicon below sees it within this).
    await sleep(300);
    assert.equal(await other.lexicon(), before, 'not checked again within the interval');
    pass(1);
    assert.equal(await other.lexicon(), before, 'answered at once with the lexicon compiled before');
    const added = await nextLexicon(other, before);
    assert.equal(screenText(added, '这里有跨实例测试词').verdict, 'reject');

    const entry = await t.db.selectFrom('lexicon_entries').select('id').where('term', '=', '跨实例测试词').executeTakeFirstOrThrow();
    assert.equal(await deleteLexiconEntry(t.db, entry.id), true);
    pass(LEXICON_CHECK_MS);
    assert.equal(await other.lexicon(), added);
    assert.equal(screenText(await nextLexicon(other, added), '这里有跨实例测试词').verdict, 'clean');
  });
});

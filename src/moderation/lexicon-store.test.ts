import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { countRows } from '../db/count-rows.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { MAX_LEXICON_ENTRIES, saveLexiconEntries } from './lexicon-store.js';

describeEachDatabase('saveLexiconEntries', (t) => {
  it(`keeps the lexicon to ${MAX_LEXICON_ENTRIES} entries, refusing a save that would pass it whole`, async () => {
    const now = new Date();
    const entries = () => countRows(t.db.selectFrom('lexicon_entries'));
    // Filled in the database itself: a hundred thousand inserts from here would take most of a minute.
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${MAX_LEXICON_ENTRIES - 1 - (await entries())})
      insert into lexicon_entries (term, action, created_at) select 'filler' || i, 'hold', ${now.toISOString()} from n`.execute(t.db);
    assert.equal(await saveLexiconEntries(t.db, [{ term: 'filler1', action: 'reject' }, { term: '最后一个词', action: 'hold' }], now), 2);
    assert.equal(await entries(), MAX_LEXICON_ENTRIES);

    await assert.rejects(
      saveLexiconEntries(t.db, [{ term: 'filler2', action: 'reject' }, { term: '多出来的词', action: 'hold' }], now),
      (error) => error instanceof AppError && error.code === 'lexicon.too_many_entries',
    );
    assert.equal(await entries(), MAX_LEXICON_ENTRIES);
    const filler2 = await t.db.selectFrom('lexicon_entries').select('action').where('term', '=', 'filler2').executeTakeFirstOrThrow();
    assert.equal(filler2.action, 'hold', 'the refused save changed nothing');
    await t.db.deleteFrom('lexicon_entries').where((eb) => eb.or([eb('term', 'like', 'filler%'), eb('term', '=', '最后一个词')])).execute();
  });

  it('lets other work run between batches while it saves a long list', async () => {
    let saved = false;
    const saving = saveLexiconEntries(
      t.db,
      Array.from({ length: 5_000 }, (_, i) => ({ term: `分批保存词${i}`, action: 'hold' as const })),
      new Date(),
    ).finally(() => (saved = true));
    let turns = 0;
    for (; !saved; turns++) await nextTurn();
    assert.equal(await saving, 5_000);
    assert.ok(turns >= 4, `the event loop turned ${turns} times during the save`);
  });
});

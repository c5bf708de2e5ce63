import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { compileLexicon, type LexiconEntry, screenText } from '../text/index.js';
import { compileLexiconOffLoop } from './compile-in-worker.js';

describe('compileLexiconOffLoop', () => {
  const entries: LexiconEntry[] = [
    { id: 1, term: '色婷婷', action: 'reject', message: '请文明发言' },
    { id: 2, term: 'av在线', action: 'reject' },
    { id: 3, term: '傻逼', action: 'mask' },
    { id: 4, term: '國產視頻會議', action: 'allow' },
    { id: 5, term: '国产视频', action: 'hold' },
    { id: 6, term: '𠀀𠀁', action: 'flag' },
    ...Array.from({ length: 30_000 }, (_, i): LexiconEntry => ({ id: 7 + i, term: `词${i.toString(36)}条`, action: 'hold' })),
  ];

  it('compiles a long list in a worker thread, while the event loop goes on turning', async () => {
    let compiled = false;
    const compiling = compileLexiconOffLoop(entries).finally(() => (compiled = true));
    let turns = 0;
    while (!compiled) {
      await nextTurn();
      turns++;
    }
    // Compiled on this thread, even after a turn or two, the loop would have turned no more than that.
    assert.ok(turns > 10, `the event loop turned ${turns} times while the list compiled`);
    const lexicon = await compiling;
    assert.equal(lexicon.size, entries.length);
    assert.equal(lexicon.entries, entries, 'hits point to the entries as listed here');
  });

  it('makes the lexicon compileLexicon makes', async () => {
    const [offLoop, inline] = [await compileLexiconOffLoop(entries), compileLexicon(entries)];
    for (const text of ['看色 婷 婷，java在线和AV在线', '推广國產視頻會議，拒绝国产视频', '你真是个傻逼😀𠀀𠀁', '词a1条词zz条']) {
      assert.deepEqual(screenText(offLoop, text), screenText(inline, text), text);
    }
    assert.equal(screenText(offLoop, '色婷婷').hits[0]?.entry, entries[0]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeptPromises } from './kept-promises.js';

describe('KeptPromises', () => {
  /** A KeptPromises on a clock the test moves, and a load that counts its calls. */
  const setUp = (ttlMs: number, maxEntries: number) => {
    let now = 0;
    const kept = new KeptPromises(ttlMs, maxEntries, () => now);
    const loads: string[] = [];
    const get = (key: string) =>
      kept.get(key, async () => {
        loads.push(key);
        return `${key}${loads.length}`;
      });
    return { kept, loads, get, advance: (ms: number) => (now += ms) };
  };

  it('keeps a load’s promise for its time, then loads again', async () => {
    const { get, loads, advance } = setUp(1_000, 10);
    assert.equal(await get('a'), 'a1');
    advance(999);
    assert.equal(await get('a'), 'a1', 'still kept');
    advance(1);
    assert.equal(await get('a'), 'a2', 'expired');
    assert.deepEqual(loads, ['a', 'a']);
  });

  it('drops a load that failed, so the next caller loads again', async () => {
    const kept = new KeptPromises(1_000, 10, () => 0);
    await assert.rejects(kept.get('a', () => Promise.reject(new Error('lost'))), /lost/);
    assert.equal(await kept.get('a', async () => 'loaded'), 'loaded');
  });

  it('drops a value it is told not to keep, once loaded', async () => {
    const { kept, loads } = setUp(1_000, 10);
    const get = () =>
      kept.get(
        'a',
        async () => {
          loads.push('a');
          return loads.length;
        },
        (value) => value > 1,
      );
    assert.deepEqual(await Promise.all([get(), get()]), [1, 1], 'callers that came while it loaded share it');
    assert.equal(await get(), 2, 'then it is loaded again');
    assert.equal(await get(), 2, 'and a value to keep is kept');
  });

  it('holds at most its number of entries, dropping the one used least recently', async () => {
    const { get, loads } = setUp(1_000, 2);
    await get('a');
    await get('b');
    await get('a');
    await get('c');
    assert.deepEqual(loads, ['a', 'b', 'c']);
    await get('a');
    assert.deepEqual(loads, ['a', 'b', 'c'], 'a, used after b, was kept');
    await get('b');
    assert.deepEqual(loads, ['a', 'b', 'c', 'b'], 'b went');
  });

  it('forgets everything when cleared', async () => {
    const { kept, get, loads } = setUp(1_000, 10);
    await get('a');
    kept.clear();
    await get('a');
    assert.deepEqual(loads, ['a', 'a']);
  });
});

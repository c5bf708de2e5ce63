import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffText, MAX_DIFF_EDITS } from './diff-text.js';

const before = (parts: Array<{ kind: string; text: string }>) => parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('');
const after = (parts: Array<{ kind: string; text: string }>) => parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('');

/** Sentences with nothing in common between seeds, so every character differs. */
const sentences = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => `${Array.from({ length: 19 }, (_, j) => String.fromCodePoint(0x4e00 + ((i * 19 + j) * 7919 + seed * 104_729) % 20_000)).join('')}。`);

describe('diffText', () => {
  it('shows a small change character by character, even in a long body', () => {
    const body = `<p>${sentences(2000, 1).join('')}</p>`;
    const edited = body.replace('。', '，青溪大桥今日通车。');
    const parts = diffText(body, edited);
    assert.deepEqual(parts.filter((p) => p.kind !== 'same'), [{ kind: 'added', text: '，青溪大桥今日通车' }]);
  });

  it('compares whole sentences and tags when the characters differ too much to compare one by one', () => {
    const old = sentences(500, 1);
    const rewritten = [...sentences(500, 2).slice(0, 250), ...old.slice(250)];
    const [a, b] = [`<p>${old.join('')}</p>`, `<p>${rewritten.join('')}</p>`];
    assert.ok(250 * 20 * 2 > MAX_DIFF_EDITS, 'beyond the character bound');
    const parts = diffText(a, b);
    assert.equal(before(parts), a);
    assert.equal(after(parts), b);
    // The untouched second half is one unchanged part, the rewritten first half whole sentences.
    assert.ok(parts.some((p) => p.kind === 'same' && p.text === `${old.slice(250).join('')}</p>`));
    for (const part of parts.filter((p) => p.kind !== 'same')) assert.match(part.text, /^([^。]*。)+$/);
  });

  it('shows the whole text as replaced when even its sentences differ too much', () => {
    const [a, b] = [sentences(MAX_DIFF_EDITS * 2, 1).join(''), sentences(MAX_DIFF_EDITS * 2, 2).join('')];
    assert.deepEqual(diffText(a, b), [
      { kind: 'removed', text: a },
      { kind: 'added', text: b },
    ]);
  });
});

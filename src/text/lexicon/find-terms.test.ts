import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import AhoCorasick from 'modern-ahocorasick';
import { findTerms } from './find-terms.js';

describe('findTerms', () => {
  const matcher = new AhoCorasick(['色婷婷', '婷婷', '𠀀𠀁', 'ab']);
  const key = (m: { start: number; end: number; pattern: string }) => `${m.pattern}@${m.start}`;

  it('finds the same matches as search() in long text, across chunk boundaries', () => {
    // Each piece has a different length, so over 5,000 units matches and surrogate
    // pairs fall on every position relative to a chunk boundary.
    const pieces = ['色婷婷', '开发区', '𠀀𠀁', 'a', 'b', '发展', '婷', '婷'];
    let text = '';
    for (let i = 0; text.length < 5000; i++) text += pieces[i % pieces.length]!.repeat((i % 3) + 1);
    const expected = matcher.search(text).map(key).sort();
    assert.ok(expected.length > 500);
    assert.deepEqual(findTerms(matcher, text).map(key).sort(), expected);
  });
});

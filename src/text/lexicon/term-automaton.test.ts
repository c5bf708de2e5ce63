import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTermAutomaton, findPatterns, type PatternMatch } from './term-automaton.js';

/** Every occurrence found by trying each pattern at each position: slow, and plainly right. */
function searchEverywhere(patterns: readonly string[], text: string): PatternMatch[] {
  const found: PatternMatch[] = [];
  patterns.forEach((pattern, index) => {
    for (let start = text.indexOf(pattern); start >= 0; start = text.indexOf(pattern, start + 1)) found.push({ pattern: index, start, end: start + pattern.length });
  });
  return found;
}

const byPlace = (matches: PatternMatch[]) => matches.map((m) => `${m.pattern}@${m.start}-${m.end}`).sort();

describe('TermAutomaton', () => {
  it('finds every occurrence, overlaps and patterns inside others included, by end and then longest first', () => {
    const patterns = ['he', 'hers', 'his', 'she', '色婷婷', '婷婷'].sort();
    const automaton = buildTermAutomaton(patterns);
    const found = findPatterns(automaton, 'ushers 色婷婷婷');
    assert.deepEqual(byPlace(found), byPlace(searchEverywhere(patterns, 'ushers 色婷婷婷')));
    assert.deepEqual(
      found.map((m) => `${patterns[m.pattern]}@${m.start}`),
      ['she@1', 'he@2', 'hers@2', '色婷婷@7', '婷婷@8', '婷婷@9'],
    );
  });

  it('finds the same as a search at every position in random text over a small alphabet, surrogate pairs included', () => {
    // A fixed-seed generator, so a failure can be repeated.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const alphabet = ['婷', '色', 'a', 'b', '𠀀', '𠀁'];
    const word = (length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + random(30) }, () => word(1 + random(5))))].sort();
      const text = word(200);
      assert.deepEqual(byPlace(findPatterns(buildTermAutomaton(patterns), text)), byPlace(searchEverywhere(patterns, text)), `round ${round}`);
    }
  });

  it('finds nothing with no patterns, or in empty text', () => {
    assert.deepEqual(findPatterns(buildTermAutomaton([]), '色婷婷'), []);
    assert.deepEqual(findPatterns(buildTermAutomaton(['色婷婷']), ''), []);
  });

  it('is typed arrays only, so it crosses to another thread as it is', () => {
    const automaton = buildTermAutomaton(['婷婷', '色婷婷']);
    const moved = structuredClone(automaton);
    assert.deepEqual(byPlace(findPatterns(moved, '看色婷婷')), byPlace(findPatterns(automaton, '看色婷婷')));
  });
});

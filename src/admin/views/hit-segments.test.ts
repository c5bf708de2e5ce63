import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type HitSpan, hitSegments, personRange, strongestHit } from './hit-segments.js';

const hit = (start: number, end: number, action: HitSpan['action'] = 'hold', term = 'x'): HitSpan => ({ start, end, action, term });
const texts = (text: string, hits: HitSpan[]) => hitSegments(text, hits).map((s) => (s.hits.length ? `[${s.text}]` : s.text)).join('|');

it('cuts a text at its hits, joining overlapping ones into one run', () => {
  const cases: Array<[string, HitSpan[], string]> = [
    ['没有命中', [], '没有命中'],
    ['', [], ''],
    ['加我刷单', [hit(2, 4)], '加我|[刷单]'],
    ['刷单返利了', [hit(0, 2), hit(0, 4)], '[刷单返利]|了'],
    ['ab刷单返利cd', [hit(4, 6), hit(2, 4)], 'ab|[刷单]|[返利]|cd'],
    ['ab刷单返利cd', [hit(2, 5), hit(4, 6)], 'ab|[刷单返利]|cd'],
    ['整段', [hit(0, 2)], '[整段]'],
    ['👍刷单👍', [hit(2, 4)], '👍|[刷单]|👍'],
    ['越界', [hit(1, 9)], '越界'],
  ];
  for (const [text, hits, expected] of cases) assert.equal(texts(text, hits), expected, text);
  assert.equal(hitSegments('刷单返利', [hit(0, 2), hit(0, 4)])[0]!.hits.length, 2, 'a run keeps every hit that covers it');
});

it('colours a run by the hit that protects readers most, and counts positions as a person does', () => {
  assert.equal(strongestHit([hit(0, 1, 'mask'), hit(0, 1, 'reject'), hit(0, 1, 'flag')])?.action, 'reject');
  assert.equal(strongestHit([]), undefined);
  assert.deepEqual(personRange('👍👍刷单', 4, 6), { from: 3, to: 4 });
  assert.deepEqual(personRange('刷', 0, 1), { from: 1, to: 1 });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { beijingDateTime, beijingLocalToIso, isoToBeijingLocal } from './field-types.js';
import { chineseWordCount } from './word-count.js';

it('counts Chinese characters one by one and other words whole', () => {
  const cases: Array<[string, number]> = [
    ['', 0],
    ['   ', 0],
    ['青溪大桥', 4],
    ['青溪县 2024 年 GDP 增长', 8],
    ['你好，世界！', 6],
    ['Hello world', 2],
    ["don't stop 3.5 km", 4],
    ['第1名', 3],
    ['こんにちは', 5],
  ];
  for (const [text, expected] of cases) assert.equal(chineseWordCount(text), expected, text);
});

it('reads and writes datetime-local values as Beijing time, whatever the machine time zone', () => {
  assert.equal(beijingLocalToIso('2026-12-01T08:30'), '2026-12-01T00:30:00.000Z');
  assert.equal(beijingLocalToIso('2026-12-01T00:10'), '2026-11-30T16:10:00.000Z');
  assert.equal(beijingLocalToIso(''), null);
  assert.equal(beijingLocalToIso('tomorrow'), null);
  assert.equal(isoToBeijingLocal('2026-11-30T16:10:00.000Z'), '2026-12-01T00:10');
  assert.equal(isoToBeijingLocal(null), '');
  assert.equal(beijingDateTime('2023-03-14T00:59:41.000Z'), '2023/03/14 08:59:41');
});

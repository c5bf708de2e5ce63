import assert from 'node:assert/strict';
import { it } from 'node:test';
import { beijingChineseDateTime, beijingDateTime, beijingTextToIso } from './field-types.js';
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

it('reads and writes times in Chinese as Beijing time, whatever the machine time zone or language', () => {
  for (const typed of ['2026年12月01日 08:30', '2026年12月1日8:30', '2026-12-01 08:30', '2026/12/1 08：30', '2026.12.01T08:30', ' 2026年12月01日 8时30分 ']) {
    assert.equal(beijingTextToIso(typed), '2026-12-01T08:30:00+08:00', typed);
  }
  assert.equal(new Date(beijingTextToIso('2026年12月01日 00:10')!).toISOString(), '2026-11-30T16:10:00.000Z');
  assert.equal(beijingTextToIso('  '), null);
  for (const wrong of ['明天', '2026年13月01日 08:30', '2026年02月30日 08:30', '2026年12月01日 24:00', '2026-12-01']) assert.equal(beijingTextToIso(wrong), wrong, wrong);
  assert.equal(beijingChineseDateTime('2026-11-30T16:10:00.000Z'), '2026年12月01日 00:10');
  assert.equal(beijingChineseDateTime(null), '');
  assert.equal(beijingDateTime('2023-03-14T00:59:41.000Z'), '2023/03/14 08:59:41');
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForMatching } from './normalize.js';

describe('normalizeForMatching', () => {
  const cases: Array<[string, string, string]> = [
    ['full-width letters and digits', 'ＡＶ在线１３', 'av在线13'],
    ['case', 'PornHub', 'pornhub'],
    ['traditional → simplified', '發髮臺裡裏視頻無碼', '发发台里里视频无码'],
    ['chained variants reach one form', '什麼什麽什么薴苧苎', '什幺什幺什幺苎苎苎'],
    ['spaces and punctuation', '婷 婷_婷-婷.婷，婷。婷·婷', '婷婷婷婷婷婷婷婷'],
    ['symbols', '婷★婷♥婷$婷', '婷婷婷婷'],
    ['zero-width and format characters', '婷\u200b婷\u200c婷\u200d婷\u2060婷\ufeff婷', '婷婷婷婷婷婷'],
    ['emoji with skin tone, ZWJ sequences and flags', '婷😀婷👍🏽婷👨‍👩‍👧婷🇨🇳婷', '婷婷婷婷婷'],
    ['variation selectors and keycaps', '婷\ufe0f婷1\ufe0f\u20e3', '婷婷1'],
    ['accents and stacked combining marks', 'àv 婷\u0301\u0302婷', 'av婷婷'],
    ['compatibility forms', '①㎏𝐀ｶ', '1kgaカ'],
    ['nothing left', '★ 😀 …', ''],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(normalizeForMatching(input).text, expected));
  }

  it('maps each normalized unit back to the original characters it came from', () => {
    const original = '😀Ａ_發\u200b𝐁㎏';
    const n = normalizeForMatching(original);
    assert.equal(n.text, 'a发bkg');
    const back = [...n.text].map((_, i) => original.slice(n.starts[i], n.ends[i]));
    assert.deepEqual(back, ['Ａ', '發', '𝐁', '㎏', '㎏']);
  });

  it('keeps astral letters whole: both UTF-16 units point at the same original character', () => {
    const original = '★𠀀';
    const n = normalizeForMatching(original);
    assert.equal(n.text, '𠀀');
    assert.deepEqual([n.starts[0], n.ends[0], n.starts[1], n.ends[1]], [1, 3, 1, 3]);
  });
});

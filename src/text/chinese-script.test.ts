import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEEP_SCRIPT_END, KEEP_SCRIPT_START, toTraditional } from './chinese-script.js';

describe('toTraditional (OpenCC, phrase-aware)', () => {
  const phrases: Array<[string, string]> = [
    ['头发', '頭髮'],
    ['发展', '發展'],
    ['理发店', '理髮店'],
    ['开发区', '開發區'],
    ['干部', '幹部'],
    ['干燥', '乾燥'],
    ['一只猫', '一隻貓'],
    ['只有', '只有'],
    ['钟表', '鐘錶'],
    ['联系我们', '聯繫我們'],
    ['嵊州生活网', '嵊州生活網'],
  ];
  for (const [simplified, traditional] of phrases) {
    it(`${simplified} → ${traditional}`, () => assert.equal(toTraditional(simplified), traditional));
  }

  it('inserts nothing: no pinyin or other text appears (the captured page had 發(fā))', () => {
    const out = toTraditional('开发区发展');
    assert.equal(out, '開發區發展');
    assert.doesNotMatch(out, /[a-zāáǎà(]/);
  });

  it('leaves markup, URLs and entities as they are', () => {
    const html = '<a href="/c/local-focus?page=2" title="头发">发展 &amp; 进步</a>';
    assert.equal(toTraditional(html), '<a href="/c/local-focus?page=2" title="頭髮">發展 &amp; 進步</a>');
  });

  it('keeps marked stretches as written', () => {
    const html = `简体${KEEP_SCRIPT_START}简体 / 繁體${KEEP_SCRIPT_END}后来${KEEP_SCRIPT_START}发${KEEP_SCRIPT_END}`;
    assert.equal(toTraditional(html), `簡體${KEEP_SCRIPT_START}简体 / 繁體${KEEP_SCRIPT_END}後來${KEEP_SCRIPT_START}发${KEEP_SCRIPT_END}`);
  });
});

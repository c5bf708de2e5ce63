import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toSimplified } from './chinese-script.js';
import { cleanDisguisedText, isKeywordStuffing, removePinyinAnnotations } from './disguised-text.js';

const TONED_PINYIN = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|\(\s*[a-zü]+[1-5]\s*\)/iu;

describe('removePinyinAnnotations', () => {
  it('removes tone-marked and tone-numbered pinyin after Han characters', () => {
    assert.deepEqual(removePinyinAnnotations('青溪(qīng xī)县（xiàn）发布(fa1 bu4)'), { text: '青溪县发布', removed: 3 });
  });

  it('keeps brackets that are not pinyin', () => {
    const text = '北京(Beijing)报告(pdf)开发区(高新园区)会议(2023)';
    assert.deepEqual(removePinyinAnnotations(text), { text, removed: 0 });
  });

  it("takes a '?' that stands for a bracket lost to a wrong encoding", () => {
    assert.equal(removePinyinAnnotations('縣域?qū)新路子').text, '縣域新路子');
  });
});

describe('isKeywordStuffing', () => {
  it('tells a line of keywords joined by bars from a sentence or a short list', () => {
    assert.equal(isKeywordStuffing('婷婷免费中文字幕|依人久久成人网站|影视先锋亚洲无码|久热无码av在线'), true);
    assert.equal(isKeywordStuffing('首页|新闻'), false);
    assert.equal(isKeywordStuffing('今天|明天|后天|大后天，天气都好。'), false);
  });
});

describe('the captured spam copy of a news article', () => {
  // A copy of ../shared/seed/captured-article-page.txt, kept with the tests so every checkout has it.
  const capture = readFileSync(new URL('../../test/fixtures/paste/captured-article-page.txt', import.meta.url), 'utf8');
  const cleaned = cleanDisguisedText(capture);
  const simplified = toSimplified(cleaned.text);

  it('comes back with no pinyin and no keyword line', () => {
    assert.ok(cleaned.pinyinRemoved > 100, `${cleaned.pinyinRemoved} annotations removed`);
    assert.equal(cleaned.keywordLinesRemoved, 1);
    assert.doesNotMatch(simplified, TONED_PINYIN);
    assert.doesNotMatch(simplified, /婷婷免费中文字幕/);
  });

  it('reads as plain simplified Chinese', () => {
    for (const phrase of ['当前位置', '开发区(高新园区)党工委副书记、主任沈文武：创新提能'.replace('：', ':'), '努力建设成为嵊新一体化发展经济增长区', '营商环境最优区']) {
      assert.ok(simplified.includes(phrase), phrase);
    }
    assert.doesNotMatch(simplified, /[當區發開創應實]/u);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLexicon } from './compile-lexicon.js';
import { type LexiconEntry, MAX_TERM_CHARS } from './lexicon-entry.js';
import { screenText } from './screen-text.js';

const lexicon = compileLexicon([
  { term: '婷婷', action: 'hold' },
  { term: '色婷婷', action: 'reject', message: '请文明发言' },
  { term: 'av在线', action: 'reject' },
  { term: '傻逼', action: 'mask' },
  { term: '刷单返利', action: 'flag' },
  { term: '国产视频', action: 'hold' },
  { term: '国产视频会议', action: 'allow' },
]);

const summary = (text: string) =>
  screenText(lexicon, text).hits.map((h) => `${h.term}:${h.action}@${h.start}-${h.end}`);

describe('screenText', () => {
  const sameHit: Array<[string, string]> = [
    ['plain', '婷婷'],
    ['space', '婷 婷'],
    ['underscore', '婷_婷'],
    ['zero-width space', '婷\u200b婷'],
    ['emoji', '婷😀婷'],
    ['ideographic space and full-width stop', '婷\u3000．婷'],
  ];
  for (const [name, text] of sameHit) {
    it(`sees through fillers: ${name}`, () => {
      const hit = screenText(lexicon, `记者：${text}。`).hits.find((h) => h.term === '婷婷');
      assert.ok(hit);
      assert.equal(hit.matched, text.slice(text.indexOf('婷')));
    });
  }

  it('reports positions in the original text, after surrogate pairs and emoji sequences', () => {
    const text = '😀👨‍👩‍👧𠀀 Ａ V 在線!';
    const [hit] = screenText(lexicon, text).hits;
    assert.ok(hit);
    assert.equal(hit.matched, 'Ａ V 在線');
    assert.equal(text.slice(hit.start, hit.end), hit.matched);
  });

  it('reports overlapping hits, by start and longest first', () => {
    assert.deepEqual(summary('看色婷婷'), ['色婷婷:reject@1-4', '婷婷:hold@2-4']);
  });

  it('takes the strongest action as the verdict, and the reject message', () => {
    const result = screenText(lexicon, '刷单返利 色婷婷');
    assert.equal(result.verdict, 'reject');
    assert.equal(result.rejectMessage, '请文明发言');
    assert.equal(screenText(lexicon, '刷单返利').verdict, 'flag');
    assert.equal(screenText(lexicon, '今天天气很好').verdict, 'clean');
  });

  describe('masking', () => {
    const cases: Array<[string, string]> = [
      ['你真是个傻逼吧', '你真是个＊＊吧'],
      ['傻 逼 😀', '＊ ＊ 😀'],
      ['傻逼傻逼', '＊＊＊＊'],
      ['😀傻\u200b逼', '😀＊\u200b＊'],
      ['傻屄', '傻屄'],
    ];
    for (const [text, masked] of cases) {
      it(`${JSON.stringify(text)} → ${masked}`, () => assert.equal(screenText(lexicon, text).masked, masked));
    }

    it('leaves the verdict clean: masking alone needs no moderator', () => {
      assert.equal(screenText(lexicon, '傻逼').verdict, 'clean');
    });
  });

  it('matches Latin terms as whole words only', () => {
    assert.deepEqual(summary('java在线教程'), []);
    assert.deepEqual(summary('javav在线'), []);
    assert.deepEqual(summary('最新AV在线'), ['av在线:reject@2-6']);
    assert.deepEqual(summary('xx AV在线'), ['av在线:reject@3-7']);
  });

  it('drops a hit lying wholly inside an allowed phrase, and lists the phrase', () => {
    const result = screenText(lexicon, '推广国产视频会议系统，拒绝国产视频');
    assert.deepEqual(
      result.hits.map((h) => h.start),
      [13],
    );
    assert.deepEqual(
      result.allowed.map((a) => a.matched),
      ['国产视频会议'],
    );
  });

  it('drops the hits inside a phrase allowed 40,000 times in one sweep, not a search per hit', () => {
    // Searching every allowed occurrence for each hit took 6 s for these 240,000 characters, four times as long for twice as many.
    const result = screenText(lexicon, '国产视频会议'.repeat(40_000));
    assert.deepEqual(result.hits, []);
    assert.equal(result.allowed.length, 40_000);
  });

  it('asks a person when a hit runs across a clause break', () => {
    assert.deepEqual(summary('出色，婷婷获奖'), ['色婷婷:hold@1-5', '婷婷:hold@3-5']);
    const masked = screenText(lexicon, '别傻。逼自己');
    assert.deepEqual(
      masked.hits.map((h) => h.action),
      ['flag'],
    );
    assert.equal(masked.masked, '别傻。逼自己');
  });

  describe('compileLexicon', () => {
    it('merges duplicate terms, keeping the strongest action', () => {
      const entries: LexiconEntry[] = [
        { term: '亚洲无码', action: 'mask' },
        { term: '亞洲無碼', action: 'reject', message: 'A' },
        { term: '亚洲 无码', action: 'hold' },
        { term: '★', action: 'reject' },
      ];
      const compiled = compileLexicon(entries);
      assert.equal(compiled.size, 1);
      const [hit] = screenText(compiled, '亚洲无码').hits;
      assert.equal(hit?.term, '亞洲無碼');
      assert.equal(hit?.action, 'reject');
    });

    it(`leaves out terms longer than ${MAX_TERM_CHARS} characters, stored before imports refused them`, () => {
      const compiled = compileLexicon([
        { term: '长'.repeat(4_900_000), action: 'reject' },
        { term: `${'长'.repeat(MAX_TERM_CHARS)}词`, action: 'reject' },
        { term: '长'.repeat(MAX_TERM_CHARS), action: 'hold' },
      ]);
      assert.equal(compiled.size, 1);
      assert.equal(screenText(compiled, '长'.repeat(MAX_TERM_CHARS + 1)).verdict, 'hold');
    });

    it('compiles 50,000 entries and finds them in a 300-character comment', () => {
      const entries: LexiconEntry[] = [];
      for (let i = 0; i < 50_000; i++) entries.push({ term: `词${i.toString(36)}条`, action: 'hold' });
      entries.push({ term: '色婷婷', action: 'reject' });
      const big = compileLexicon(entries);
      const comment = `${'今天去开发区看了看，发展很快。'.repeat(19)}色 婷 婷 词a1条`.slice(0, 300);
      assert.ok(comment.length <= 300);
      assert.deepEqual(
        screenText(big, comment).hits.map((h) => h.term),
        ['色婷婷', '词a1条'],
      );
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TERM_CHARS } from './lexicon-entry.js';
import { parseLexiconList, readLexiconList } from './parse-lexicon-list.js';

describe('parseLexiconList', () => {
  it('reads one entry a line, with optional tab-separated action and message', () => {
    const list = '\uFEFF# spam\r\n色婷婷\treject\t请文明发言\r\n\r\n刷单返利\tFLAG\n加微信\n 傻逼 \tmask\n国产视频会议\tallow\n';
    assert.deepEqual(parseLexiconList(list, 'hold'), {
      entries: [
        { term: '色婷婷', action: 'reject', message: '请文明发言' },
        { term: '刷单返利', action: 'flag' },
        { term: '加微信', action: 'hold' },
        { term: '傻逼', action: 'mask' },
        { term: '国产视频会议', action: 'allow' },
      ],
      errors: [],
    });
  });

  it('takes the actions in Chinese too', () => {
    const { entries } = parseLexiconList('甲词\t拒绝\n乙词\t待审\n丙词\t标记\n丁词\t打码\n戊词\t放行\n', 'hold');
    assert.deepEqual(entries.map((e) => e.action), ['reject', 'hold', 'flag', 'mask', 'allow']);
  });

  it('keeps spaces inside terms and messages', () => {
    const { entries } = parseLexiconList('av 在线\treject\t内容 违规', 'hold');
    assert.deepEqual(entries, [{ term: 'av 在线', action: 'reject', message: '内容 违规' }]);
  });

  it('reports bad lines by number and keeps the good ones', () => {
    const list = ['色婷婷', '★★', '无码av\tdelete', '一\treject\tmsg\textra', '色 婷婷', '色婷婷\treject', '亚洲无码'].join('\n');
    const { entries, errors } = parseLexiconList(list, 'reject');
    assert.deepEqual(
      entries.map((e) => e.term),
      ['色婷婷', '亚洲无码'],
    );
    assert.deepEqual(
      errors.map((e) => [e.line, e.problem, e.text]),
      [
        [2, 'empty_term', '★★'],
        [3, 'unknown_action', '无码av\tdelete'],
        [4, 'too_many_fields', '一\treject\tmsg\textra'],
        [5, 'duplicate', '色 婷婷'],
        [6, 'duplicate', '色婷婷\treject'],
      ],
    );
  });

  it('treats traditional and simplified spellings of a term as duplicates', () => {
    const { errors } = parseLexiconList('亚洲无码\n亞洲無碼', 'reject');
    assert.deepEqual(errors.map((e) => e.problem), ['duplicate']);
  });

  it(`takes terms of up to ${MAX_TERM_CHARS} characters, counting one outside the BMP as one, and reports longer ones`, () => {
    const longest = '𠀀'.repeat(MAX_TERM_CHARS);
    const list = [`${longest}\treject`, `${'长'.repeat(MAX_TERM_CHARS + 1)}\treject`, '长'.repeat(5_000_000)].join('\n');
    const { entries, errors } = parseLexiconList(list, 'hold');
    assert.deepEqual(entries.map((e) => e.term), [longest]);
    assert.deepEqual(errors.map((e) => [e.line, e.problem]), [[2, 'too_long'], [3, 'too_long']]);
  });

  it('stops reading at the entry past maxEntries, still reporting the bad lines before it', () => {
    const reading = readLexiconList('甲词\n★★\n甲词\n乙词\n# note\n丙词\n丁词\n', 'hold', 2, Infinity);
    let step = reading.next();
    while (!step.done) step = reading.next();
    const { entries, errors } = step.value;
    assert.deepEqual(entries.map((e) => e.term), ['甲词', '乙词']);
    assert.deepEqual(errors.map((e) => [e.line, e.problem]), [[2, 'empty_term'], [3, 'duplicate'], [6, 'too_many']]);
  });

  it('reads a list a piece at a time when asked, pausing every so many lines, to the same result', () => {
    const list = Array.from({ length: 25 }, (_, i) => (i % 7 === 3 ? '★' : `分段词${i}`)).join('\n');
    const reading = readLexiconList(list, 'hold', Infinity, 10);
    let pauses = 0;
    for (let step = reading.next(); ; step = reading.next(), pauses++) {
      if (step.done) {
        assert.deepEqual(step.value, parseLexiconList(list, 'hold'));
        break;
      }
    }
    assert.equal(pauses, 2, 'after lines 10 and 20');
  });
});

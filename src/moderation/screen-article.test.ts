import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLexicon, loadDefaultLexicon, screenText } from '../text/index.js';
import { screenArticle } from './screen-article.js';

const lexicon = compileLexicon(loadDefaultLexicon());
const screen = (text: string) => screenText(lexicon, text);
const TERM = '亚洲无码';
const filler = (length: number) => '青溪镇今天天气晴朗，'.repeat(Math.ceil(length / 10)).slice(0, length);
const article = (bodyHtml: string) => ({ title: '标题', summary: '摘要', editorNote: null, bodyHtml });

describe('screenArticle', () => {
  it('finds each hit once, by its place in the article, at the start, across piece cuts in one long paragraph, and at the end', async () => {
    // One paragraph far longer than a piece, a spaced-out term sitting on each of the first cuts.
    const body = `<p>${TERM}${[3_990, 3_800, 3_700].map((n) => filler(n) + [...TERM].join(' ')).join('')}${filler(9_000)}</p><p>${TERM}</p>`;
    const text = ['标题', '摘要', '', body.replace(/<\/p>/g, '\n').replace(/<[^>]*>/g, ' ')].join('\n');
    const hits = (await screenArticle(screen, article(body))).filter((h) => h.term === TERM);
    const expected = screen(text).hits.filter((h) => h.term === TERM);
    assert.equal(expected.length, 5);
    assert.deepEqual(
      hits.map((h) => [h.start, h.matched]),
      expected.map((h) => [h.start, h.matched]),
    );
  });

  it('lets other work run between pieces of a long article', async () => {
    const order: string[] = [];
    const screening = screenArticle(screen, article(`<p>${filler(200_000)}</p>`)).then(() => order.push('screened'));
    setImmediate(() => order.push('other work'));
    await screening;
    assert.deepEqual(order, ['other work', 'screened']);
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SaxesParser } from 'saxes';
import { cdata, element, wordpressDate, wordpressSlug } from './wxr-markup.js';

/** The text an XML parser reads back from a piece of markup. */
function parsed(xml: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.write(`<x>${xml}</x>`).close();
  return text;
}

it('splits a CDATA end inside the text, so the parser reads the text back whole', () => {
  assert.equal(cdata('a]]>b'), '<![CDATA[a]]]]><![CDATA[>b]]>');
  for (const text of [']]>', 'x]]>]]>y', '<script>alert(1)</script>', ']]]]>>', '文字 & <b>粗</b>']) assert.equal(parsed(cdata(text)), text);
});

it('drops characters XML does not allow, and escapes markup outside CDATA', () => {
  assert.equal(parsed(cdata('a\u0000b\u0008c\u000bd')), 'abcd');
  assert.equal(element('title', '<a href="x">&</a>'), '<title>&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;</title>');
  assert.equal(parsed(element('title', '<a>&amp;\u0001')), '<a>&amp;');
});

it('writes WordPress dates and slugs', () => {
  assert.equal(wordpressDate(new Date('2026-05-01T02:03:04Z')), '2026-05-01 02:03:04');
  assert.equal(wordpressDate(new Date('2026-05-01T20:00:00Z'), 8), '2026-05-02 04:00:00');
  assert.equal(wordpressDate(null), '0000-00-00 00:00:00');
  assert.equal(wordpressSlug('Local News'), 'local-news');
  assert.equal(wordpressSlug('茶产业'), '%e8%8c%b6%e4%ba%a7%e4%b8%9a');
});

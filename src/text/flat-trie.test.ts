import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js/cn2t';
import { configs } from 'opencc-js/preset/cn2t';
import { demoContent } from '../demo/demo-content.js';
import { flatConverter, type PresetConfig } from './flat-trie.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('flatConverter: opencc-js s2tw on FlatTries', () => {
  const library = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const flat = flatConverter(configs.s2tw as PresetConfig);

  const texts: Array<[string, string]> = [
    ['the demo portal, every field', JSON.stringify(demoContent)],
    ['the captured article page', fixture('paste/captured-article-page.txt')],
    ['a WeChat article', fixture('paste/wechat-article.html')],
    ['WordPress test data', fixture('wordpress/themeunittestdata.wordpress.xml')],
    // Phrases at the very end, overlapping phrases, a character outside the BMP, an ideographic
    // description sequence, compatibility ideographs (normalized first), phrases that begin with shorter
    // phrases (法兰克福汇报 is not 法兰克 + 福汇报) and empty text.
    ['edge cases', '头发发展理发店开发区干部干燥一只猫只有钟表𠮷野家⿰氵发后来\uF900\uFA0B里面法兰克福汇报苏格兰折耳猫'],
    ['nothing', ''],
  ];
  for (const [what, text] of texts) {
    it(`gives the library's output for ${what}`, () => assert.equal(flat(text), library(text)));
  }

  it('converts by phrase, not character', () => {
    assert.equal(flat('头发和发展'), '頭髮和發展');
  });
});

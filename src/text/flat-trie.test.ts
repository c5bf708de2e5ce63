import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js/cn2t';
import { configs } from 'opencc-js/preset/cn2t';
import { demoContent } from '../demo/demo-content.js';
import { COMPATIBILITY_IDEOGRAPH, flatConverter, type PresetConfig } from './flat-trie.js';

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
    // The phrases with ASCII in them, inside markup and beside ASCII punctuation, which is passed over.
    ['phrases with ASCII, in markup', '<p class="a-b">防范SQL注入攻击的PN结，伯克希尔-哈撒韦公司-里姆斯基-科萨科夫“发”(发)</p><a href="/t/头发?x=1">头发</a>'],
  ];
  for (const [what, text] of texts) {
    it(`gives the library's output for ${what}`, () => assert.equal(flat(text), library(text)));
  }

  /** The source phrases of a dictionary group (or of a whole preset), as opencc-js writes them: "from to|from to|…". */
  const sourcesIn = (group: unknown): string[] => {
    if (typeof group === 'string') return group.split('|').map((entry) => entry.split(' ')[0]!);
    if (Array.isArray(group)) return group.flatMap(sourcesIn);
    return group && typeof group === 'object' ? Object.values(group).flatMap(sourcesIn) : [];
  };

  it('finds no dictionary entry with an ASCII character other than letters, digits and hyphens, which it passes over', () => {
    const entries = sourcesIn(configs.s2tw);
    assert.ok(entries.length > 100_000);
    assert.deepEqual(entries.filter((source) => /[^A-Za-z0-9\-\u0080-\uffff]/.test(source)), []);
  });

  it('finds only compatibility ideographs to normalize, so a run without one skips normalizing', () => {
    const entries = sourcesIn((configs.s2tw as PresetConfig).normalizationChain);
    assert.ok(entries.length > 1_000);
    assert.deepEqual(entries.filter((source) => !new RegExp(`^(?:${COMPATIBILITY_IDEOGRAPH.source})$`).test(source)), []);
  });

  it('passes over a long run of letters in time linear in its length', () => {
    // A pattern that backtracked over such a run took 350 ms for 20,000 letters, and grows with the square.
    const letters = 'ab'.repeat(100_000);
    const started = performance.now();
    assert.equal(flat(`${letters}头发${letters}`), `${letters}頭髮${letters}`);
    assert.ok(performance.now() - started < 2_000, 'a quadratic pass would take minutes');
  });

  it('converts by phrase, not character', () => {
    assert.equal(flat('头发和发展'), '頭髮和發展');
  });
});

import { lazyPackage } from '../lib/lazy-package.js';
import { flatConverter, type PresetConfig } from './flat-trie.js';
import { simplifyChar } from './lexicon/simplify-char.js';

export type Script = 'hans' | 'hant';

// opencc-js's CommonJS builds: its ES presets would be loaded at start (see lazy-package.ts).
const simplifiedToTraditional = lazyPackage<typeof import('opencc-js/cn2t')>('opencc-js/cn2t');
const traditionalToSimplified = lazyPackage<typeof import('opencc-js/t2cn')>('opencc-js/t2cn');

let converter: ((text: string) => string) | undefined;

/**
 * OpenCC's phrase dictionaries convert by phrase, not character: 头发 → 頭髮 but 发展 → 發展.
 * Taiwan standard forms (s2tw) are what most readers of 繁體 expect. The dictionaries are held in
 * FlatTries (about 30 MB less than opencc-js's own tries, same output) and built once, on the
 * first 繁體 page, not at every start (a site whose readers never switch never pays for them).
 */
function toTraditionalText(text: string): string {
  const convert = (converter ??= flatConverter(simplifiedToTraditional().Locale.configs.s2tw as PresetConfig));
  return convert(text);
}

/**
 * Marks a stretch of markup that must stay as written in either script,
 * such as the 简体 / 繁體 switch, which names both scripts in their own forms.
 */
export const KEEP_SCRIPT_START = '<!--keep-script-->';
export const KEEP_SCRIPT_END = '<!--/keep-script-->';

/**
 * Converts a whole page (text, attributes and all) to traditional characters.
 * Only CJK characters change, so tags, URLs and entities pass through as
 * they are. Stretches between the keep-script markers are left untouched.
 */
export function toTraditional(html: string): string {
  let out = '';
  let cursor = 0;
  while (cursor < html.length) {
    const start = html.indexOf(KEEP_SCRIPT_START, cursor);
    if (start === -1) break;
    const end = html.indexOf(KEEP_SCRIPT_END, start);
    if (end === -1) break;
    out += toTraditionalText(html.slice(cursor, start)) + html.slice(start, end + KEEP_SCRIPT_END.length);
    cursor = end + KEEP_SCRIPT_END.length;
  }
  return out + toTraditionalText(html.slice(cursor));
}

let simplifier: ((text: string) => string) | undefined;

/**
 * Traditional text (from a Hong Kong or Taiwan site, or one that disguises a
 * reprint) to the simplified characters the site publishes in. Built on first
 * use, like the other direction, for the same cost reason.
 */
export function toSimplified(text: string): string {
  const convert = (simplifier ??= traditionalToSimplified().Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

/**
 * Whether `text` holds a character written otherwise in simplified Chinese
 * (頭, 鎮; also the odd character kept in simplified text, such as 么 of 什么).
 * A lookup per character, where converting costs about 2 ms per 1,000
 * characters: callers convert only the texts that need it.
 */
export function hasTraditionalCharacters(text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0x3400 && simplifyChar(cp) !== char) return true;
  }
  return false;
}

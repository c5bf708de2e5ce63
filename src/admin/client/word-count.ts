// Characters of the CJK scripts and their full-width punctuation: each counts as one, as in a word processor's 字数.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/gu;
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/**
 * 中文字数 as Chinese newsrooms count it: every Chinese character (and
 * full-width punctuation mark) is one, and so is every run of Latin letters
 * or digits (a word, a number such as 2024 or 3.5).
 *
 * @example chineseWordCount('青溪县 2024 年 GDP 增长') // 6 characters + 2024 + GDP = 8
 */
export function chineseWordCount(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').match(WORD)?.length ?? 0;
  return cjk + words;
}

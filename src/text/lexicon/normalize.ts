import { simplifyChar } from './simplify-char.js';

/**
 * Text as the lexicon sees it, with the way back to the text as written.
 * For each UTF-16 unit `i` of `text`, the original characters it came from are
 * `original.slice(starts[i], ends[i])` (always one whole code point).
 */
export interface NormalizedText {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Folds what spammers vary and drops what they slip between letters, so that
 * "婷 婷", "婷_婷", "婷\u200b婷", "婷😀婷" and "婷婷" all read "婷婷":
 *
 * - NFKD: full-width and other compatibility forms (ＡＶ, ①, 𝐀, ㊙) become plain ones,
 *   and accents come apart from their letters;
 * - lower case;
 * - traditional → simplified, one character at a time (發/髮 → 发, 臺 → 台, 裡 → 里);
 * - only letters and digits (\p{L}\p{N}) are kept. Everything else is filler:
 *   spaces, punctuation and symbols (_ - . 。 · ★ ♥), combining marks and variation
 *   selectors (which also strips accents: à → a), zero-width and other format
 *   characters (U+200B–U+200D, U+2060, U+FEFF), and emoji with their skin tones,
 *   regional indicators and joiners.
 *
 * NFKD rather than NFKC: both fold width, but only decomposition lets the
 * accents and stacked combining marks go as filler.
 *
 * @example normalizeForMatching('Ａ_V在線').text === 'av在线'
 */
export function normalizeForMatching(original: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chars: string, start: number, end: number): void => {
    text += chars;
    for (let k = 0; k < chars.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  };

  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    if (cp < 0x80) {
      // ASCII fast path: letters and digits stay, everything else is filler.
      if (isAsciiLetterOrDigit(cp)) emit(String.fromCharCode(cp).toLowerCase(), i, end);
    } else if (cp >= 0x3400 && cp <= 0x9fff) {
      // CJK ideographs: nothing to decompose or lower-case.
      if (LETTER_OR_DIGIT.test(String.fromCodePoint(cp))) emit(simplifyChar(cp), i, end);
    } else {
      for (const part of original.slice(i, end).normalize('NFKD').toLowerCase()) {
        if (LETTER_OR_DIGIT.test(part)) emit(simplifyChar(part.codePointAt(0)!), i, end);
      }
    }
    i = end;
  }
  return { text, starts, ends };
}

function isAsciiLetterOrDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

/** An ASCII letter or digit after normalization: the characters that form English words and numbers. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && isAsciiLetterOrDigit(char.charCodeAt(0));
}

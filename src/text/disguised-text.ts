/**
 * Spam sites copy news articles and "disguise" them so search engines take
 * them for new text: pinyin in parentheses after characters (當(dāng)前),
 * and lines of keywords joined by bars. These functions undo that; no
 * library does (a pinyin library converts Han to pinyin, not back).
 */

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** One pinyin syllable as spam sites write it: letters (ü or v), then an optional tone number. */
const SYLLABLE = `[a-zü${TONE_MARKS}]+[1-5]?`;
/**
 * A parenthesised run of syllables straight after a Han character. The run
 * must carry a tone (a mark or a number), so 北京(Beijing) or 报告(pdf) stay.
 * Copies that went through a wrong encoding lose the opening bracket to a
 * '?' (縣域?qū)), so a '?' opens one too.
 */
const PINYIN_ANNOTATION = new RegExp(`(?<=\\p{Script=Han})[(（?]\\s*(${SYLLABLE}(?:[\\s'’-]+${SYLLABLE})*)\\s*[)）]`, 'giu');
const HAS_TONE = new RegExp(`[${TONE_MARKS}]|[a-zü][1-5](?![0-9])`, 'iu');

/** Removes pinyin annotations; returns the text and how many were removed. */
export function removePinyinAnnotations(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(PINYIN_ANNOTATION, (annotation, syllables: string) => {
    if (!HAS_TONE.test(syllables)) return annotation;
    removed++;
    return '';
  });
  return { text: cleaned, removed };
}

/** Bars that join stuffed keywords; a sentence never has several of them. */
const KEYWORD_SEPARATOR = /[|｜]/;
const SENTENCE_PUNCTUATION = /[。！？；，,.!?;]/;
const MIN_KEYWORDS = 4;
const MAX_KEYWORD_LENGTH = 16;

/**
 * A line that is nothing but keywords joined by bars (婷婷免费中文字幕|依人久久成人网站|…):
 * at least four short pieces and no sentence punctuation.
 */
export function isKeywordStuffing(line: string): boolean {
  if (SENTENCE_PUNCTUATION.test(line)) return false;
  const pieces = line.trim().split(KEYWORD_SEPARATOR).map((piece) => piece.trim());
  return pieces.length >= MIN_KEYWORDS && pieces.every((piece) => piece.length > 0 && [...piece].length <= MAX_KEYWORD_LENGTH);
}

export interface CleanedText {
  text: string;
  pinyinRemoved: number;
  keywordLinesRemoved: number;
}

/** Both cleanings on plain text, line by line. */
export function cleanDisguisedText(text: string): CleanedText {
  let keywordLinesRemoved = 0;
  const lines = text.split('\n').filter((line) => {
    const stuffing = isKeywordStuffing(line);
    if (stuffing) keywordLinesRemoved++;
    return !stuffing;
  });
  const { text: cleaned, removed } = removePinyinAnnotations(lines.join('\n'));
  return { text: cleaned, pinyinRemoved: removed, keywordLinesRemoved };
}

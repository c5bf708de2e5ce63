import { createRequire } from 'node:module';
import type { TfIdf } from '@node-rs/jieba';
import type { Db } from '../db/database.js';
import { bodyText } from '../text/index.js';
import { segmenterFor } from './segmenter.js';

/**
 * Parts of speech worth a tag: nouns, names of people, places and
 * organisations, other proper nouns (admins' dictionary words are tagged
 * nz), verbal nouns (改造, 建设) and Latin words. Verbs, numbers and
 * function words make poor tags.
 */
const TAG_WORTHY = ['n', 'nr', 'ns', 'nt', 'nz', 'vn', 'eng'];

/** The title says what the article is about: it counts as often as this many passes of the body. */
const TITLE_WEIGHT = 3;

let tfIdf: TfIdf | undefined;

async function keywordExtractor(): Promise<TfIdf> {
  if (tfIdf) return tfIdf;
  const { TfIdf } = await import('@node-rs/jieba');
  // jieba's own inverse document frequencies (a general Chinese corpus), so 的 and 县 weigh little.
  const { idf } = createRequire(import.meta.url)('@node-rs/jieba/dict.js') as { idf: Buffer };
  return (tfIdf = TfIdf.withDict(idf));
}

/**
 * Tag suggestions for an article: its most telling nouns and names by
 * TF-IDF over the title (counted TITLE_WEIGHT times) and the body's text,
 * cut with the site's dictionary so local names stay whole. Single
 * characters are left out. At most `limit`, best first.
 */
export async function suggestTags(db: Db, article: { title: string; bodyHtml: string }, limit: number): Promise<string[]> {
  const [jieba, extractor] = await Promise.all([segmenterFor(db), keywordExtractor()]);
  const text = [...Array<string>(TITLE_WEIGHT).fill(article.title), bodyText(article.bodyHtml)].join('\n');
  return extractor
    .extractKeywords(jieba, text, limit * 2, TAG_WORTHY)
    .map((k) => k.keyword)
    .filter((word) => [...word].length > 1)
    .slice(0, limit);
}

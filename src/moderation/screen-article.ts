import type { Article } from '../content/index.js';
import type { LexiconHit } from '../text/index.js';
import type { ScreenText } from './screen.js';

/** The text of a sanitized body, for screening: tags become spaces so words on either side stay apart. */
const stripTags = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');

/** Staff are warned, not stopped: the lexicon's hits in everything an article shows to readers. */
export function screenArticle(screen: ScreenText, article: Pick<Article, 'title' | 'summary' | 'editorNote' | 'bodyHtml'>): LexiconHit[] {
  return screen([article.title, article.summary, article.editorNote ?? '', stripTags(article.bodyHtml)].join('\n')).hits;
}

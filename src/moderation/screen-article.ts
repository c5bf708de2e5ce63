import type { Article } from '../content/index.js';
import { bodyText, type LexiconHit } from '../text/index.js';
import type { ScreenText } from './screen.js';
import { screenInPieces } from './screen-in-pieces.js';

/** Staff are warned, not stopped: the lexicon's hits in everything an article shows to readers, each once, by position. */
export async function screenArticle(
  screen: ScreenText,
  article: Pick<Article, 'title' | 'summary' | 'editorNote' | 'bodyHtml'> & { tags?: readonly string[] },
): Promise<LexiconHit[]> {
  const text = [article.title, article.summary, article.editorNote ?? '', ...(article.tags ?? []), bodyText(article.bodyHtml)].join('\n');
  return (await screenInPieces(screen, text)).hits;
}

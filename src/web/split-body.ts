import { Parser } from 'htmlparser2';

/**
 * The article body cut after its `count`-th top-level paragraph, for an ad
 * between paragraphs: paragraphs inside a quote, list or table do not count,
 * so nothing is ever cut inside another element. Undefined when the body
 * has no paragraph after that one (the ad below the article is then enough).
 * The body was sanitized when saved, so its tags are balanced.
 */
export function splitAfterParagraph(html: string, count: number): [string, string] | undefined {
  let depth = 0;
  let paragraphs = 0;
  let cut: number | undefined;
  let paragraphAfterCut = false;
  const parser = new Parser({
    onopentag(name) {
      if (cut !== undefined && depth === 0 && name === 'p') paragraphAfterCut = true;
      depth += 1;
    },
    onclosetag(name) {
      depth -= 1;
      if (depth === 0 && name === 'p' && cut === undefined && ++paragraphs === count) cut = parser.endIndex + 1;
    },
  });
  parser.end(html);
  if (cut === undefined || !paragraphAfterCut) return undefined;
  return [html.slice(0, cut), html.slice(cut)];
}

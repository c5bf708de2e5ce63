import sanitizeHtml from 'sanitize-html';
// Not media's index: this runs in a worker thread, which should not load sharp and the storages.
import { isOwnMediaUrl } from '../media/media-url.js';

export interface SanitizeResult {
  html: string;
  /** Image URLs that were not this site's own media and were left out, in the order they came. */
  foreignImages: string[];
}

/** The URLs of a srcset value: '/media/a-480.webp 480w, /media/a-960.webp 960w' → both paths. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** The elements and attributes a body keeps; what pasted markup is cleaned down to as well. */
export const BODY_STRUCTURE = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark',
    'ul', 'ol', 'li', 'blockquote', 'a', 'img', 'figure', 'figcaption', 'hr',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
} satisfies sanitizeHtml.IOptions;

/**
 * The allowlist for article bodies: paragraphs, headings, emphasis, lists,
 * quotes, links, images and tables. Everything else (scripts, styles, event
 * handlers, iframes, forms) is removed when the body is saved, so pages can
 * render it as markup.
 *
 * Images come from this site's own uploads only: an image on another host
 * (a "tracking pixel") would tell that host the address of every reader who
 * opens the article. Foreign images are collected in `foreignImages`.
 */
function bodyPolicy(foreignImages: string[]): sanitizeHtml.IOptions {
  return {
    ...BODY_STRUCTURE,
    // Own media URLs are paths: an image with any scheme is foreign.
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      // Links leave the site without handing it the reader's page as referrer context.
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow ugc' }),
      // Every image keeps an alt attribute (an empty one is the editor's to fill) and loads lazily.
      img: (tagName, attribs) => {
        const urls = [attribs.src ?? '', ...srcsetUrls(attribs.srcset ?? '')].filter(Boolean);
        const foreign = urls.filter((url) => !isOwnMediaUrl(url));
        foreignImages.push(...foreign);
        // An image with a foreign URL anywhere is dropped whole (exclusiveFilter): keeping its own src would hide the refusal.
        const src = foreign.length > 0 ? '' : (attribs.src ?? '');
        return { tagName, attribs: { ...attribs, src, alt: attribs.alt ?? '', loading: 'lazy' } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/**
 * Returns the body with everything outside the allowlist removed, and the
 * foreign images it had. Call checkBodyLimits (body-limits.ts) first, and run it in a worker:
 * see SanitizedBody.
 */
export function sanitizeArticleBody(html: string): SanitizeResult {
  const foreignImages: string[] = [];
  return { html: sanitizeHtml(html, bodyPolicy(foreignImages)), foreignImages };
}

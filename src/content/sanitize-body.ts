import sanitizeHtml from 'sanitize-html';

/**
 * The allowlist for article bodies: paragraphs, headings, emphasis, lists,
 * quotes, links, images and tables. Everything else (scripts, styles, event
 * handlers, iframes, forms) is removed when the body is saved, so pages can
 * render it as markup.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
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
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links leave the site without handing it the reader's page as referrer context.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow ugc' }),
    // Every image keeps an alt attribute (an empty one is the editor's to fill) and loads lazily.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '', loading: 'lazy' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Returns the body with everything outside the allowlist removed. */
export function sanitizeArticleBody(html: string): string {
  return sanitizeHtml(html, BODY_POLICY);
}

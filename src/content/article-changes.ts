import type { Article } from './article.js';
import type { ArticleFields } from './article-fields.js';

/** Values up to this many characters are kept in the audit log as they were and became; longer ones (the body) only by name. */
const SHORT = 120;

type Shown = string | number | boolean | null;

/** Each field as the audit log compares it: a plain value, so equal means unchanged. */
function fieldValues(a: Article): Record<keyof ArticleFields, Shown> {
  return {
    categoryId: a.categoryId,
    title: a.title,
    summary: a.summary,
    leadImage: a.leadImage ? `${a.leadImage.mediaId}:${a.leadImage.alt}` : null,
    editorNote: a.editorNote,
    bodyHtml: a.bodyHtml,
    credits: a.credits,
    origin: a.origin,
    sourceName: a.reprint.sourceName,
    sourceUrl: a.reprint.sourceUrl,
    originalTitle: a.reprint.originalTitle,
    originalAuthor: a.reprint.originalAuthor,
    responsibleEditor: a.reprint.responsibleEditor,
    author: a.author,
    scheduledAt: a.scheduledAt?.toISOString() ?? null,
    tags: a.tags.join('、') || null,
    flags: [a.flags.headline && 'headline', a.flags.recommended && 'recommended', a.flags.pinned && 'pinned'].filter(Boolean).join(',') || null,
  };
}

export interface ArticleChanges {
  /** The names of the fields whose value changed. */
  fields: Array<keyof ArticleFields>;
  /** For short fields: the value before and after. */
  changes: Partial<Record<keyof ArticleFields, { from: Shown; to: Shown }>>;
}

/**
 * What an edit really changed: a form saves every field, but the audit log
 * should say only which ones moved, and from what to what.
 */
export function diffArticle(before: Article, after: Article): ArticleChanges {
  const [was, is] = [fieldValues(before), fieldValues(after)];
  const fields = (Object.keys(was) as Array<keyof ArticleFields>).filter((key) => was[key] !== is[key]);
  const short = (v: Shown) => typeof v !== 'string' || v.length <= SHORT;
  const changes = Object.fromEntries(fields.filter((key) => key !== 'bodyHtml' && short(was[key]) && short(is[key])).map((key) => [key, { from: was[key], to: is[key] }]));
  return { fields, changes };
}

import { diffRevision, type RevisionText } from './diff-revision.js';

/**
 * Runs in a worker thread (see text-work.ts): the content functions whose
 * cost grows faster than their input, kept off the event loop. Each takes
 * one argument, as the pool passes it.
 */
export { cleanPastedHtml } from './clean-pasted-html.js';
export { readReprintedPage } from './reprinted-page.js';
export { sanitizeArticleBody } from './sanitize-body.js';
export const diffRevisionPair = ([before, after]: [RevisionText, RevisionText]) => diffRevision(before, after);

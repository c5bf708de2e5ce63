import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { inStoredSpelling, MAX_BODY_CHARS, MAX_TAGS } from '../../content/index.js';
import { adminWrite, BODY_ERRORS, errorResponses } from '../../http/api-schemas.js';
import { suggestTags } from '../../search/index.js';
import { requireStaff } from '../staff-auth.js';

/** 关键词 suggestions for the article being written: the editor sends what is on screen, saved or not. */
export function registerTagApi(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: { title: string; bodyHtml: string } }>(
    '/api/admin/tags/suggestions',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags: ['articles'],
        summary: '推荐关键词 / tag suggestions from the segmenter, best first',
        description: `The most telling nouns and names of the title and body (TF-IDF over jieba's segmentation, with the site's dictionary), at most ${MAX_TAGS}; a word the site already has as a tag comes in that tag's spelling (nba as NBA). Nothing is saved.`,
        operationId: 'suggestTags',
        // A POST, since a body is too long for a query string; it changes nothing, but a cookie session still sends the CSRF header.
        security: adminWrite,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'bodyHtml'],
          properties: { title: { type: 'string', maxLength: 200 }, bodyHtml: { type: 'string', maxLength: MAX_BODY_CHARS } },
        },
        response: {
          200: { type: 'object', required: ['tags'], additionalProperties: false, properties: { tags: { type: 'array', items: { type: 'string' } } } },
          ...errorResponses(...BODY_ERRORS, 401, 403),
        },
      },
    },
    async (request) => ({ tags: await inStoredSpelling(deps.db, await suggestTags(deps.db, request.body, MAX_TAGS)) }),
  );
}

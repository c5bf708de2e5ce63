import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { addSearchWords, deleteSearchWord, listSearchWords, reindexArticlesContaining } from '../../search/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const tags = ['search'];
const wordSchema = {
  type: 'object',
  required: ['id', 'word', 'createdAt'],
  additionalProperties: false,
  properties: { id: { type: 'integer' }, word: { type: 'string' }, createdAt: dateTime },
} as const;

/**
 * The search segmenter's user dictionary: local places and names admins add
 * so they are cut as whole words. A change takes effect for the next query at
 * once; the published articles containing the word are re-indexed in the
 * background, after the answer, and the page cache is emptied when that is done.
 */
export function registerSearchWordApi(app: FastifyInstance, deps: AppDeps): void {
  const audit = (request: FastifyRequest, action: string, details: Record<string, unknown>) =>
    recordAudit(deps.db, { actor: auditActor(staffActor(request)), action, targetType: 'search_words', details }, deps.clock());
  // Result pages cached while the articles were being cut anew may show the old cut: they go once it is done.
  const reindex = (words: string[]) =>
    void reindexArticlesContaining(deps.db, words, (error) => app.log.error({ err: error, words }, 'search re-indexing failed'))
      .then(() => app.pageCache.clear())
      .catch((error: unknown) => app.log.error({ err: error }, 'the page cache could not be emptied after search re-indexing'));

  app.get(
    '/api/admin/search/words',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '搜索词典 / the words added to the search segmenter',
        operationId: 'listSearchWords',
        security: adminRead,
        response: {
          200: { type: 'object', required: ['words'], additionalProperties: false, properties: { words: { type: 'array', items: wordSchema } } },
          ...errorResponses(401, 403),
        },
      },
    },
    async () => ({ words: (await listSearchWords(deps.db)).map((w) => ({ ...w, createdAt: w.createdAt.toISOString() })) }),
  );

  app.post<{ Body: { words: string[] } }>(
    '/api/admin/search/words',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '添加词语 / add words (2–20 letters or digits each); words already there are skipped',
        operationId: 'addSearchWords',
        security: adminWrite,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['words'],
          properties: { words: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', maxLength: 100 } } },
        },
        response: {
          200: {
            type: 'object',
            required: ['added'],
            additionalProperties: false,
            properties: { added: { type: 'array', items: { type: 'string' }, description: 'The words that were new' } },
          },
          ...errorResponses(...BODY_ERRORS, 401, 403),
        },
      },
    },
    async (request) => {
      const added = await addSearchWords(deps.db, request.body.words, deps.clock());
      if (added.length > 0) {
        await audit(request, 'search.words_add', { words: added });
        reindex(added);
      }
      return { added };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/search/words/:id',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '删除词语 / delete a word',
        operationId: 'deleteSearchWord',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      const word = await deleteSearchWord(deps.db, request.params.id);
      await audit(request, 'search.word_delete', { word });
      reindex([word]);
      return reply.code(204).send();
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { notFound } from '../../lib/errors.js';
import { deleteLexiconEntry, importLexiconList, listLexiconPage, MAX_LEXICON_ENTRIES, screenInPieces } from '../../moderation/index.js';
import { LEXICON_ACTIONS, type LexiconAction, MAX_TERM_CHARS } from '../../text/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams, pageNumber, pageSize } from '../../http/route-schemas.js';

const tags = ['lexicon'];
const action = { type: 'string', enum: LEXICON_ACTIONS } as const;
const entrySchema = {
  type: 'object',
  required: ['term', 'action'],
  properties: { id: { type: 'integer' }, term: { type: 'string' }, action, message: { type: 'string' } },
} as const;
const hitSchema = {
  type: 'object',
  required: ['entry', 'term', 'action', 'start', 'end', 'matched'],
  properties: {
    entry: entrySchema,
    term: { type: 'string' },
    action,
    message: { type: 'string' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    matched: { type: 'string' },
  },
} as const;

/** The sensitive-word lexicon: admins list, import and delete entries; any staff member can test a text. */
export function registerLexiconApi(app: FastifyInstance, deps: AppDeps): void {
  const audit = (request: Parameters<typeof staffActor>[0], name: string, details: Record<string, unknown>) =>
    recordAudit(deps.db, { actor: auditActor(staffActor(request)), action: name, targetType: 'lexicon', details }, deps.clock());

  app.get<{ Querystring: { q?: string; page: number; pageSize: number } }>(
    '/api/admin/lexicon',
    {
      onRequest: requireStaff('lexicon.manage'),
      schema: {
        tags,
        summary: '敏感词列表 / lexicon entries, a page at a time, newest first',
        description: '`q` keeps the entries whose term contains it; `total` counts those (all entries without `q`).',
        operationId: 'listLexiconEntries',
        security: adminRead,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100 },
            page: pageNumber,
            pageSize: pageSize(500, 200),
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['entries', 'total', 'page', 'pageSize'],
            properties: { entries: { type: 'array', items: entrySchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize } = request.query;
      const { entries, total } = await listLexiconPage(deps.db, { text: q?.trim(), limit: pageSize, offset: (page - 1) * pageSize });
      return { entries, total, page, pageSize };
    },
  );

  app.post<{ Body: { text: string; defaultAction: LexiconAction } }>(
    '/api/admin/lexicon/import',
    {
      onRequest: requireStaff('lexicon.manage'),
      // A 50,000-word list with messages runs to a few megabytes; other requests keep Fastify's 1 MiB.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: '导入词表 / import a list: one word a line, optional TAB action TAB message',
        description: `Refused whole (400, nothing saved) when a term is longer than ${MAX_TERM_CHARS} characters (lexicon.term_too_long, naming the line) or the lexicon would hold more than ${MAX_LEXICON_ENTRIES} entries (lexicon.too_many_entries).`,
        operationId: 'importLexicon',
        security: adminWrite,
        response: {
          200: {
            type: 'object',
            required: ['saved', 'errors'],
            properties: {
              saved: { type: 'integer' },
              errors: {
                type: 'array',
                items: { type: 'object', required: ['line', 'problem', 'text'], properties: { line: { type: 'integer' }, problem: { type: 'string' }, text: { type: 'string' } } },
              },
            },
          },
          ...errorResponses(...BODY_ERRORS, 401, 403),
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: 'string', maxLength: 5_000_000 }, defaultAction: { ...action, default: 'hold' } },
        },
      },
    },
    async (request) => {
      const { saved, errors } = await importLexiconList(deps.db, request.body, deps.clock());
      await deps.lexicon.refresh();
      await audit(request, 'lexicon.import', { saved, errors: errors.length });
      return { saved, errors };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/lexicon/:id',
    {
      onRequest: requireStaff('lexicon.manage'),
      schema: {
        tags,
        summary: '删除词条 / delete an entry',
        operationId: 'deleteLexiconEntry',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      if (!(await deleteLexiconEntry(deps.db, request.params.id))) throw notFound('request.invalid');
      await deps.lexicon.refresh();
      await audit(request, 'lexicon.delete', { id: request.params.id });
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { text: string } }>(
    '/api/admin/lexicon/check',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '检测文本 / every hit in a text, with its entry, action and position',
        operationId: 'checkLexiconText',
        security: adminWrite,
        response: {
          200: {
            type: 'object',
            required: ['verdict', 'masked', 'hits'],
            properties: { verdict: { type: 'string' }, masked: { type: 'string' }, hits: { type: 'array', items: hitSchema } },
          },
          ...errorResponses(...BODY_ERRORS, 401, 403),
        },
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', maxLength: 500_000 } } },
      },
    },
    async (request) => {
      const result = await screenInPieces(await deps.lexicon.screener(), request.body.text);
      return {
        verdict: result.verdict,
        masked: result.masked,
        hits: result.hits.map((h) => ({ entry: h.entry, term: h.term, action: h.action, message: h.message, start: h.start, end: h.end, matched: h.matched })),
      };
    },
  );
}

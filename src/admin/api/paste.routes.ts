import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { cleanPasteInWorker, type PasteRemovals } from '../../content/index.js';
import { adminWrite, BODY_ERRORS, errorResponses } from '../../http/api-schemas.js';
import { screenInPieces } from '../../moderation/index.js';
import { bodyText } from '../../text/index.js';
import { requireStaff } from '../staff-auth.js';

/** What the editor tells the person for each kind of removal, with its count. */
const REMOVAL_MESSAGES: Record<keyof PasteRemovals, (count: number) => string> = {
  hiddenText: (n) => `去掉了 ${n} 处隐藏文字（原网页读者看不到的内容）。`,
  trackingPixels: (n) => `去掉了 ${n} 个统计跟踪图片。`,
  pinyin: (n) => `去掉了 ${n} 处夹在文字后的拼音注音。`,
  keywordLines: (n) => `去掉了 ${n} 行堆砌的关键词。`,
};

const cleanedSchema = {
  type: 'object',
  required: ['html', 'images', 'warnings', 'lexiconHits'],
  additionalProperties: false,
  properties: {
    html: { type: 'string', description: 'The cleaned body markup; images of other sites still point at them' },
    images: {
      type: 'array',
      description: 'Images of other sites, in order, to bring in with POST /api/admin/media/fetch (WeChat refuses hotlinking)',
      items: { type: 'object', required: ['src', 'alt'], additionalProperties: false, properties: { src: { type: 'string' }, alt: { type: 'string' } } },
    },
    warnings: {
      type: 'array',
      description: 'What was taken out, one entry per kind that occurred',
      items: {
        type: 'object',
        required: ['code', 'count', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', enum: Object.keys(REMOVAL_MESSAGES) },
          count: { type: 'integer', minimum: 1 },
          message: { type: 'string' },
        },
      },
    },
    lexiconHits: {
      type: 'array',
      description: "The site lexicon's hits in the cleaned text",
      items: { type: 'object', required: ['term', 'action', 'matched'], properties: { term: { type: 'string' }, action: { type: 'string' }, matched: { type: 'string' } } },
    },
  },
} as const;

/** Cleaning of what editors paste from other sites (reprints), before it enters the editor. */
export function registerPasteApi(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: { html?: string; text?: string; simplified?: boolean } }>(
    '/api/admin/paste/clean',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags: ['articles'],
        summary: '清理粘贴内容 / Clean pasted markup or text',
        description:
          'Keeps paragraphs, headings, lists, images, links, tables and bold; removes scripts, styles, classes, WeChat section wrappers, ' +
          'hidden text, tracking pixels, empty spans, pinyin annotations (青溪(qīng xī)) and keyword lines. WeChat lazy images (data-src) ' +
          'are listed in `images`. `simplified: true` converts traditional characters to simplified. Nothing is stored.',
        operationId: 'cleanPaste',
        security: adminWrite,
        body: {
          type: 'object',
          anyOf: [{ required: ['html'] }, { required: ['text'] }],
          additionalProperties: false,
          properties: {
            html: { type: 'string', description: 'Markup from the clipboard (text/html) or a saved page' },
            text: { type: 'string', description: 'Plain text, when there is no markup; one paragraph per line' },
            simplified: { type: 'boolean', default: false, description: 'Convert traditional characters to simplified' },
          },
        },
        response: { 200: cleanedSchema, ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request) => {
      const cleaned = await cleanPasteInWorker(request.body);
      const screen = await deps.lexicon.screener();
      const lexiconHits = (await screenInPieces(screen, bodyText(cleaned.html))).hits.map((h) => ({ term: h.term, action: h.action, matched: h.matched }));
      const warnings = (Object.keys(REMOVAL_MESSAGES) as Array<keyof PasteRemovals>)
        .filter((code) => cleaned.removed[code] > 0)
        .map((code) => ({ code, count: cleaned.removed[code], message: REMOVAL_MESSAGES[code](cleaned.removed[code]) }));
      return { html: cleaned.html, images: cleaned.images, warnings, lexiconHits };
    },
  );
}

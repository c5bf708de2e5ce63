import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { pageFetcher, reprintFromLink } from '../../import/index.js';
import { imageFetcher } from '../../media/index.js';
import { adminWrite, BODY_ERRORS, errorResponses } from '../../http/api-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { articleWithWarnings, articleWithWarningsJson } from './articles.routes.js';

const reprintSchema = {
  type: 'object',
  required: [...articleWithWarnings.required, 'reprint'],
  properties: {
    ...articleWithWarnings.properties,
    reprint: {
      type: 'object',
      required: ['layout', 'originalPublishedAt', 'imagesKeptAsLinks', 'removed'],
      additionalProperties: false,
      properties: {
        layout: { type: 'string', enum: ['wechat', 'news', 'readability'], description: "How the page was read: WeChat's layout, a news site's, or where its text is densest" },
        originalPublishedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the original says it was published (ISO 8601, UTC)' },
        imagesKeptAsLinks: {
          type: 'array',
          description: 'Images that could not be brought into the media store: links to them stand in the draft',
          items: { type: 'object', required: ['item', 'reason'], additionalProperties: false, properties: { item: { type: 'string' }, reason: { type: 'string' } } },
        },
        removed: {
          type: 'object',
          description: 'What the paste cleaning took out, by kind (see cleanPaste)',
          additionalProperties: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** 转载 from a link: the server reads another site's article into a new draft. */
export function registerReprintApi(app: FastifyInstance, deps: AppDeps): void {
  const fetchPage = deps.fetchPage ?? pageFetcher();
  const fetchImage = deps.fetchImage ?? imageFetcher();
  app.post<{ Body: { url: string; categoryId: number } }>(
    '/api/admin/articles/reprint',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags: ['articles'],
        summary: '从链接转载 / Reprint an article from its link into a new draft',
        description:
          "Fetches the page (a WeChat 公众号 article or a news page), reads its title, author, source, publication time and body " +
          "(WeChat's js_content, common news layouts, or where the text is densest), cleans the body as cleanPaste does, brings its " +
          'images into the media store (one that cannot be fetched stays as a link to it) and creates a draft with the 转载 fields filled: ' +
          'sourceName, originalTitle, originalAuthor, sourceUrl. http(s) only; an address that is or redirects to this machine or a private, ' +
          'link-local or metadata network is refused; the page has a time limit and a size limit, and must be HTML.',
        operationId: 'reprintArticle',
        security: adminWrite,
        body: {
          type: 'object',
          required: ['url', 'categoryId'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 1000, description: "The original's address, as the browser shows it; it becomes sourceUrl" },
            categoryId: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'The category of the new draft' },
          },
        },
        response: { 201: reprintSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { article, ...reprint } = await reprintFromLink(
        { db: deps.db, storage: deps.storage, fetchPage, fetchImage },
        { url: request.body.url.trim(), categoryId: request.body.categoryId, actor: staffActor(request) },
        deps.clock(),
      );
      return reply.code(201).header('location', `/api/admin/articles/${article.id}`).send({ ...(await articleWithWarningsJson(deps, article)), reprint });
    },
  );
}

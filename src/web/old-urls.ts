import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { findPublishedOldUrlArticle, oldUrlKey } from '../import/index.js';
import { inScript, paths, withoutScriptPrefix } from './urls.js';

/** Where an address of the site's old WordPress now lives, or undefined: looked up only for what would be a 404. */
export type FindOldUrl = (request: FastifyRequest) => Promise<string | undefined>;

/**
 * Old addresses of imported posts (see import/) answer 301 with the
 * article's address, while it is published. They are looked up only where
 * the site would otherwise answer 404, and for the home page only with a
 * `p` parameter (WordPress's `/?p=123`), so no other page pays for them.
 */
export function registerOldUrlRedirects(app: FastifyInstance, deps: AppDeps): FindOldUrl {
  const find: FindOldUrl = async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = withoutScriptPrefix(request.url);
    const key = oldUrlKey(path);
    if (!key) return undefined;
    const articleId = await findPublishedOldUrlArticle(deps.db, key, deps.clock());
    return articleId === undefined ? undefined : inScript(paths.article(articleId), path === request.url ? 'hans' : 'hant');
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!/^(\/zh-hant)?\/?\?(.*&)?p=\d/.test(request.url)) return;
    const location = await find(request);
    if (location) return reply.redirect(location, 301);
  });
  return find;
}

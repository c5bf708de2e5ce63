import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import type { Script } from '../text/index.js';
import { registerAdClicks } from './ads.routes.js';
import { registerArticleRoutes } from './article.routes.js';
import { registerCategoryRoutes } from './category.routes.js';
import { registerFeedRoutes } from './feed.routes.js';
import { registerHomeRoutes } from './home.routes.js';
import { registerMePage } from './me.routes.js';
import { registerSearchRoutes } from './search.routes.js';
import { dropUnknownQueryParameters } from '../http/route-schemas.js';
import { registerSiteFiles } from './site-files.routes.js';
import { registerSitemaps } from './sitemap.routes.js';
import { registerTagRoutes } from './tag.routes.js';
import { registerTopicRoutes } from './topic.routes.js';
import { HANT_PREFIX } from './urls.js';

async function registerPages(app: FastifyInstance, deps: AppDeps, script: Script): Promise<void> {
  dropUnknownQueryParameters(app);
  registerHomeRoutes(app, deps, script);
  registerCategoryRoutes(app, deps, script);
  registerTagRoutes(app, deps, script);
  registerTopicRoutes(app, deps, script);
  registerArticleRoutes(app, deps, script);
  registerFeedRoutes(app, deps, script);
  await registerMePage(app, deps, script);
  registerSearchRoutes(app, deps, script);
}

/**
 * Every public page, in simplified characters at its own path and in
 * traditional under /zh-hant; and the site's files in no script (sitemaps,
 * robots.txt, icons, manifest).
 */
export async function registerPublicPages(app: FastifyInstance, deps: AppDeps, options: { sitemapPartSize?: number }): Promise<void> {
  await app.register(async (scope) => registerPages(scope, deps, 'hans'));
  await app.register(async (scope) => registerPages(scope, deps, 'hant'), { prefix: HANT_PREFIX });
  await app.register(async (scope) => {
    dropUnknownQueryParameters(scope);
    registerSitemaps(scope, deps, options.sitemapPartSize);
    registerSiteFiles(scope, deps);
    registerAdClicks(scope, deps);
  });
}

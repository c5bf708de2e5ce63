import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import type { Script } from '../text/index.js';
import { registerArticleRoutes } from './article.routes.js';
import { registerCategoryRoutes } from './category.routes.js';
import { registerHomeRoutes } from './home.routes.js';
import { dropUnknownQueryParameters } from '../http/route-schemas.js';
import { HANT_PREFIX } from './urls.js';

function registerPages(app: FastifyInstance, deps: AppDeps, script: Script): void {
  dropUnknownQueryParameters(app);
  registerHomeRoutes(app, deps, script);
  registerCategoryRoutes(app, deps, script);
  registerArticleRoutes(app, deps, script);
}

/** Every public page, in simplified characters at its own path and in traditional under /zh-hant. */
export async function registerPublicPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => registerPages(scope, deps, 'hans'));
  await app.register(async (scope) => registerPages(scope, deps, 'hant'), { prefix: HANT_PREFIX });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { allowFramingBySite } from '../http/security-headers.js';
import { noQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { notFound } from '../lib/errors.js';
import { checkHomeSections, type HomeLayout, homeLayoutSchema } from '../site/index.js';
import type { Script } from '../text/index.js';
import { buildHomePage } from './home-page.js';
import { paths } from './urls.js';
import { HomePage } from './views/home.view.js';

/** The home settings as the preview takes them, where an empty section ("") stands for an empty list: every top-level category. */
const previewQuery = {
  ...homeLayoutSchema,
  properties: { ...homeLayoutSchema.properties, homeSections: { ...homeLayoutSchema.properties.homeSections, items: { type: 'string', pattern: '^[a-z0-9-]{0,60}$' } } },
} as const;

export function registerHomeRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  const render = async (request: FastifyRequest, unsaved?: Partial<HomeLayout>) => {
    const { site, props } = await buildHomePage(deps, request, script, unsaved);
    const meta = { title: site.settings.siteName, description: site.settings.tagline, canonicalPath: paths.home(), noindex: unsaved !== undefined };
    return renderDocument(HomePage({ chrome: site.chrome, meta, ...props, preview: unsaved !== undefined }), script);
  };

  app.get('/', { schema: { querystring: noQuery } }, (request, reply) => sendPage(request, reply, () => render(request)));

  // 首页版面预览: the home page with the settings form's unsaved values (in the query, checked by the
  // settings' own schema), framed by the settings page. Staff only, and never kept by the page cache.
  app.get<{ Querystring: Partial<HomeLayout> }>(
    '/preview/home',
    {
      schema: { querystring: previewQuery },
      // Before the query is checked, so that the settings page's frame shows a refused value's message too.
      onRequest: async (request, reply) => {
        if (!request.staff) throw notFound('site.page_not_found');
        reply.header('X-Robots-Tag', 'noindex');
        allowFramingBySite(reply);
      },
    },
    async (request, reply) => {
      const unsaved = { ...request.query, ...(request.query.homeSections && { homeSections: request.query.homeSections.filter(Boolean) }) };
      await checkHomeSections(deps.db, unsaved.homeSections);
      return sendPage(request, reply, () => render(request, unsaved), { personal: true });
    },
  );
}

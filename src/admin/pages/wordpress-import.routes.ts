import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { MAX_IMPORT_UPLOAD_BYTES } from '../api/import.routes.js';
import { am } from '../views/admin-messages.js';
import { WordpressImportPage } from '../views/wordpress-import.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

export function registerWordpressImportPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/import', { preHandler: staffPage(deps, 'settings.manage') }, async (request, reply) => {
    const chrome = await adminChrome(deps, request, am.wordpressImport.title, 'admin');
    return sendAdminPage(
      reply,
      WordpressImportPage({ chrome, maxMegabytes: MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024, latestJobId: app.importJobs.latest()?.id }),
    );
  });
}

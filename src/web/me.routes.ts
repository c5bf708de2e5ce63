import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { listReaderComments, listReaderNotifications } from '../comments/index.js';
import { shownReaderTime } from '../lib/china-time.js';
import { markNotificationsSeen } from '../readers/index.js';
import type { Script } from '../text/index.js';
import { noQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { registerReaderContext } from './reader-context.js';
import { loadSiteContext } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import { ui } from './messages.js';
import { MePage, type MePageProps } from './views/me.view.js';

const LISTED = 50;

/**
 * 我的: the signed-in reader's nickname, replies and likes, and comments.
 * The one public page that shows one reader's data, so it is answered
 * uncached (private, no-store) and never put into the shared page cache;
 * opening it marks the replies and likes read.
 */
export async function registerMePage(app: FastifyInstance, deps: AppDeps, script: Script): Promise<void> {
  // Its own scope: only this page looks the reader up; every other page is the same for all.
  await app.register(async (scope) => {
    registerReaderContext(scope, deps);
    scope.get(paths.me(), { schema: { querystring: noQuery } }, (request, reply) =>
      sendPage(
        request,
        reply,
        async () => {
          const now = deps.clock();
          const site = await loadSiteContext(deps, request, script);
          const meta = { title: ui.me, description: '', canonicalPath: paths.me(), noindex: true };
          const reader = request.reader;
          let space: MePageProps['space'];
          if (reader) {
            const [comments, notifications] = await Promise.all([
              listReaderComments(deps.db, reader.id, LISTED, now),
              listReaderNotifications(deps.db, reader.id, reader.notificationsSeenAt, LISTED, now),
            ]);
            await markNotificationsSeen(deps.db, reader.id, now);
            const articleHref = (id: number, commentId: number) => `${inScript(paths.article(id), script)}#c-${commentId}`;
            space = {
              nickname: reader.nickname,
              notifications: notifications.map((n) => ({ ...n, at: shownReaderTime(n.at), href: articleHref(n.articleId, n.commentId) })),
              comments: comments.map((c) => ({ ...c, createdAt: shownReaderTime(c.createdAt), href: c.articleTitle === undefined ? undefined : articleHref(c.articleId, c.id) })),
            };
          }
          return renderDocument(MePage({ chrome: site.chrome, meta, space }), script);
        },
        { personal: true },
      ),
    );
  });
}

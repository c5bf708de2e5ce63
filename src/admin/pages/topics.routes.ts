import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type StaffUser } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { editableStatuses, STATUS_NAMES } from '../../content/index.js';
import { canonicalIdInPath, idParams } from '../../http/route-schemas.js';
import { findTopic, listPickedArticles, listTopicsForStaff, type Topic } from '../../topics/index.js';
import { am } from '../views/admin-messages.js';
import { TopicEditorPage, TopicListPage } from '../views/topics.view.js';
import { adminChrome, sendAdminMessage, sendAdminPage, staffPage } from './admin-page.js';
import { pickedImages } from './page-data.js';
import { transitionButtons } from './transition-buttons.js';

async function sendTopicEditor(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, topic: Topic | undefined) {
  const user = request.staff as StaffUser;
  const [chrome, images, picked] = await Promise.all([
    adminChrome(deps, request, topic ? am.topics.editTitle : am.topics.newTitle, 'admin'),
    pickedImages(deps, [topic?.banner?.mediaId ?? null]),
    topic ? listPickedArticles(deps.db, topic) : new Map<number, never>(),
  ]);
  const editable = topic
    ? can(user.role, 'article.edit') && editableStatuses(can(user.role, 'article.review')).includes(topic.status)
    : can(user.role, 'article.create');
  // The same buttons as an article's; one approval publishes a 专题, and not its own author's (transitionTopic).
  const mayApprove = !topic || user.role === 'admin' || topic.createdBy !== user.id;
  const view = TopicEditorPage({
    chrome,
    topic: topic && {
      ...topic,
      bannerAlt: topic.banner?.alt ?? '',
      statusName: STATUS_NAMES[topic.status],
    },
    banner: topic?.banner ? images.get(topic.banner.mediaId) : undefined,
    editable,
    transitions: topic ? transitionButtons({ ...topic, reviewLevel: 0 }, user, 1, mayApprove) : [],
    picked: new Map([...picked].map(([id, a]) => [id, { title: a.title, statusName: STATUS_NAMES[a.status] }])),
  });
  return sendAdminPage(reply, view);
}

/** The 专题 list and editor; every change goes through /api/admin/topics from the page's script. */
export function registerTopicPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/topics', { preHandler: staffPage(deps, 'article.view') }, async (request, reply) => {
    const [topics, chrome] = await Promise.all([listTopicsForStaff(deps.db), adminChrome(deps, request, am.topics.listTitle, 'admin')]);
    const rows = topics.map((t) => ({ id: t.id, title: t.title, slug: t.slug, status: t.status, statusName: STATUS_NAMES[t.status], position: t.position, showOnHome: t.showOnHome }));
    return sendAdminPage(reply, TopicListPage({ chrome, topics: rows, mayCreate: can(request.staff!.role, 'article.create') }));
  });

  app.get('/admin/topics/new', { preHandler: staffPage(deps, 'article.create') }, (request, reply) => sendTopicEditor(deps, request, reply, undefined));

  app.get<{ Params: { id: number } }>(
    '/admin/topics/:id/edit',
    { preValidation: canonicalIdInPath, preHandler: staffPage(deps, 'article.view'), schema: { params: idParams } },
    async (request, reply) => {
      const topic = await findTopic(deps.db, request.params.id);
      if (!topic) return sendAdminMessage(deps, request, reply, 404);
      return sendTopicEditor(deps, request, reply, topic);
    },
  );
}

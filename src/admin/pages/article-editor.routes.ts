import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type StaffUser } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { type Article, editableStatuses, findArticle, listCategories, listSubmissionEditors, reprintWarnings, STATUS_NAMES } from '../../content/index.js';
import { getSiteSettings } from '../../site/index.js';
import { beijingChineseDateTime, TAG_SEPARATOR } from '../client/field-types.js';
import { am } from '../views/admin-messages.js';
import { ArticleEditorPage } from '../views/article-editor.view.js';
import type { EditorArticle } from '../views/editor-model.js';
import { adminChrome, sendAdminMessage, sendAdminPage, staffPage } from './admin-page.js';
import { categoryOptions, pickedImages } from './page-data.js';
import { transitionButtons } from './transition-buttons.js';
import { canonicalIdInPath, idParams } from '../../http/route-schemas.js';

type Done = keyof typeof am.editor.done;
const DONE = Object.keys(am.editor.done) as Done[];

/** The blank form of /admin/articles/new: an article that does not exist yet (id 0), a draft by definition. */
const NEW_ARTICLE: Article = {
  id: 0,
  categoryId: 0,
  title: '',
  summary: '',
  leadImage: null,
  editorNote: null,
  bodyHtml: '',
  credits: null,
  origin: 'original',
  reprint: { sourceName: null, sourceUrl: null, originalTitle: null, originalAuthor: null, responsibleEditor: null },
  author: null,
  publisherId: null,
  publisherIpRegion: null,
  writerIpRegion: null,
  status: 'draft',
  publishedAt: null,
  counts: { reads: 0, likes: 0, comments: 0 },
  flags: { headline: false, recommended: false, pinned: false },
  tags: [],
  version: 1,
  reviewLevel: 0,
  statusReason: null,
  scheduledAt: null,
  createdBy: null,
  updatedBy: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

function editorArticle(article: Article, leadImage: EditorArticle['leadImage'], reviewLevels: number): EditorArticle {
  const r = article.reprint;
  return {
    id: article.id || undefined,
    version: article.version,
    status: article.status,
    statusName: STATUS_NAMES[article.status],
    statusReason: article.statusReason,
    reviewProgress: article.status === 'pending' && article.reviewLevel > 0 ? am.editor.reviewStep(article.reviewLevel, reviewLevels) : undefined,
    title: article.title,
    categoryId: article.categoryId || null,
    summary: article.summary,
    leadImage,
    leadImageAlt: article.leadImage?.alt ?? '',
    editorNote: article.editorNote ?? '',
    bodyHtml: article.bodyHtml,
    author: article.author ?? '',
    credits: article.credits ?? '',
    origin: article.origin,
    sourceName: r.sourceName ?? '',
    sourceUrl: r.sourceUrl ?? '',
    originalTitle: r.originalTitle ?? '',
    originalAuthor: r.originalAuthor ?? '',
    responsibleEditor: r.responsibleEditor ?? '',
    scheduledAt: beijingChineseDateTime(article.scheduledAt?.toISOString()),
    flags: article.flags,
    tags: article.tags.join(TAG_SEPARATOR),
  };
}

/** Why a reviewer may not approve this pending article (the API would refuse), or undefined. Admins may. */
export async function whyNotApprove(deps: AppDeps, article: Article, user: StaffUser): Promise<string | undefined> {
  if (article.status !== 'pending' || user.role === 'admin' || !can(user.role, 'article.review')) return undefined;
  if (article.createdBy === user.id) return am.editor.ownArticle;
  const editors = await listSubmissionEditors(deps.db, article.id);
  return editors.includes(user.id) ? am.editor.editedSinceSubmission : undefined;
}

async function sendEditor(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, article: Article, done?: Done) {
  const user = request.staff as StaffUser;
  const isNew = article.id === 0;
  const [settings, categories, images, chrome] = await Promise.all([
    getSiteSettings(deps.db),
    listCategories(deps.db),
    pickedImages(deps, [article.leadImage?.mediaId ?? null]),
    adminChrome(deps, request, isNew ? am.editor.newTitle : am.editor.editTitle, 'editor'),
  ]);
  const editable = can(user.role, isNew ? 'article.create' : 'article.edit') && editableStatuses(can(user.role, 'article.review')).includes(article.status);
  const leadImage = article.leadImage ? images.get(article.leadImage.mediaId) : undefined;
  const approvalBarred = await whyNotApprove(deps, article, user);
  const view = ArticleEditorPage({
    chrome,
    article: editorArticle(article, leadImage, settings.reviewLevels),
    categories: categoryOptions(categories),
    editable,
    autosave: editable && (article.status === 'draft' || article.status === 'rejected'),
    transitions: transitionButtons(article, user, settings.reviewLevels, !approvalBarred),
    warnings: isNew ? [] : reprintWarnings(article, settings.licensedSources).map((code) => am.editor.warnings[code]),
    notice: done && am.editor.done[done],
    approvalBarred,
  });
  return sendAdminPage(reply, view);
}

export function registerArticleEditorPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/articles/new', { preHandler: staffPage(deps, 'article.create') }, async (request, reply) => sendEditor(deps, request, reply, NEW_ARTICLE));

  app.get<{ Params: { id: number }; Querystring: { done?: Done } }>(
    '/admin/articles/:id/edit',
    {
      preValidation: canonicalIdInPath,
      preHandler: staffPage(deps, 'article.view'),
      schema: {
        params: idParams,
        querystring: { type: 'object', properties: { done: { type: 'string', enum: DONE } } },
      },
    },
    async (request, reply) => {
      const article = await findArticle(deps.db, request.params.id);
      if (!article) return sendAdminMessage(deps, request, reply, 404);
      return sendEditor(deps, request, reply, article, request.query.done);
    },
  );
}

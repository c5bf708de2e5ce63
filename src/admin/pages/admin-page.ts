import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { can, type StaffAction, type StaffUser } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { countModerationQueue } from '../../comments/index.js';
import { countAwaitingReview } from '../../content/index.js';
import { getSiteSettings } from '../../site/index.js';
import { renderDocument } from '../../http/send-page.js';
import type { Html } from '../../lib/jsx.js';
import { AdminMessagePage } from '../views/admin-layout.js';
import { am } from '../views/admin-messages.js';
import type { AdminChrome, AdminNavItem } from '../views/admin-model.js';
import { type AdminBundle, loadAdminAssets } from './admin-assets.js';
import { safeLocalPath } from '../../web/urls.js';

/** The header's links, each shown only to roles that may use the page behind it. */
const NAV: Array<{ href: string; label: string; action?: StaffAction; unless?: StaffAction; also?: RegExp }> = [
  { href: '/admin', label: am.nav.dashboard, action: 'stats.view', also: /^\/admin\/reports\// },
  // Editors have the article list at /admin; those with the dashboard there find it at /admin/articles.
  { href: '/admin', label: am.nav.articles, action: 'article.view', unless: 'stats.view', also: /^\/admin\/articles(\/\d+|$)/ },
  { href: '/admin/articles', label: am.nav.articles, action: 'stats.view', also: /^\/admin\/articles\/\d+/ },
  { href: '/admin/articles/new', label: am.nav.newArticle, action: 'article.create' },
  { href: '/admin/review', label: am.nav.review, action: 'article.review', also: /^\/admin\/review\/\d+/ },
  { href: '/admin/media', label: am.nav.media, action: 'article.view' },
  { href: '/admin/topics', label: am.nav.topics, action: 'article.view', also: /^\/admin\/topics\// },
  { href: '/admin/comments', label: am.nav.comments, action: 'comments.moderate' },
  { href: '/admin/article-reports', label: am.nav.articleReports, action: 'comments.moderate' },
  { href: '/admin/lexicon', label: am.nav.lexicon, action: 'lexicon.manage' },
  { href: '/admin/search-words', label: am.nav.searchWords, action: 'settings.manage' },
  { href: '/admin/search-engines', label: am.nav.searchEngines, action: 'settings.manage' },
  { href: '/admin/ads', label: am.nav.ads, action: 'settings.manage', also: /^\/admin\/ads\/\d+$/ },
  { href: '/admin/import', label: am.nav.wordpressImport, action: 'settings.manage' },
  // Admins test texts on the lexicon page itself.
  { href: '/admin/lexicon/check', label: am.nav.textCheck, action: 'article.view', unless: 'lexicon.manage' },
  { href: '/admin/categories', label: am.nav.categories, action: 'categories.manage' },
  { href: '/admin/settings', label: am.nav.settings, action: 'settings.manage' },
  { href: '/admin/users', label: am.nav.users, action: 'users.manage' },
  { href: '/admin/audit', label: am.nav.audit, action: 'audit.view' },
  { href: '/admin/account', label: am.nav.account },
];

/**
 * The admin area may show what readers must not see, and a page that stays
 * scriptable from nowhere else limits what an injected string could do:
 * only our own scripts run, and no other site may frame these pages.
 * Images come from this site only (media is always served under /media/):
 * a foreign image in a draft would tell its host which staff member opened it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function signInPath(next: string): string {
  return `/admin/sign-in?next=${encodeURIComponent(next)}`;
}

/** Where to go after signing in: a path on this site only, never `//other.example` or `/\other.example`. */
export function safeNext(next: string | undefined): string {
  return safeLocalPath(next, '/admin');
}

/** Work waiting for the signed-in person, for the navigation's badges. */
interface Waiting {
  comments: number | undefined;
  articles: number | undefined;
}

function navFor(user: StaffUser | undefined, path: string, waiting: Waiting): AdminNavItem[] {
  if (!user) return [];
  return NAV.filter((item) => (!item.action || can(user.role, item.action)) && !(item.unless && can(user.role, item.unless))).map((item) => ({
    href: item.href,
    label: item.label,
    current: path === item.href || (item.also?.test(path) ?? false),
    ...(item.href === '/admin/comments' && waiting.comments ? { badge: { count: waiting.comments, label: am.nav.pendingCount(waiting.comments) } } : {}),
    ...(item.href === '/admin/review' && waiting.articles ? { badge: { count: waiting.articles, label: am.list.awaitingReview(waiting.articles) } } : {}),
  }));
}

/** Comments waiting for a moderator and articles for this reviewer: indexed counts, only for those who may act on them. */
async function waitingFor(deps: AppDeps, user: StaffUser | undefined): Promise<Waiting> {
  const [comments, articles] = await Promise.all([
    user && can(user.role, 'comments.moderate') ? countModerationQueue(deps.db, 'pending') : undefined,
    user && can(user.role, 'article.review') ? countAwaitingReview(deps.db, user.id, { everything: user.role === 'admin' }) : undefined,
  ]);
  return { comments, articles };
}

export async function adminChrome(deps: AppDeps, request: FastifyRequest, title: string, bundle: AdminBundle): Promise<AdminChrome> {
  const user = request.staff;
  const [settings, assets, waiting] = await Promise.all([getSiteSettings(deps.db), loadAdminAssets(), waitingFor(deps, user)]);
  return {
    siteName: settings.siteName,
    title,
    user: user && { displayName: user.displayName, roleName: am.roles[user.role] },
    nav: navFor(user, request.url.split('?')[0] ?? '', waiting),
    csrfToken: request.staffCsrfToken ?? '',
    assets: { css: assets.urls.css, js: assets.urls[bundle] },
  };
}

/** Admin pages are one person's view: never stored by a browser or proxy, never framed (see security-headers.ts for the rest). */
export function sendAdminPage(reply: FastifyReply, view: Html, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'private, no-store')
    .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .header('Referrer-Policy', 'same-origin')
    .send(renderDocument(view, 'hans'));
}

/** 403 and 404 in the admin's own frame, so staff keep their navigation. */
export async function sendAdminMessage(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, status: 403 | 404): Promise<FastifyReply> {
  const [title, message] = status === 403 ? [am.pages.forbiddenTitle, am.pages.forbiddenBody] : [am.pages.notFoundTitle, am.pages.notFoundBody];
  const chrome = await adminChrome(deps, request, title, 'admin');
  return sendAdminPage(reply, AdminMessagePage({ chrome, message }), status);
}

/**
 * A preHandler for admin pages: someone not signed in is sent to sign in
 * (303, then back here), a role without `action` gets a 403 page.
 */
export function staffPage(deps: AppDeps, action?: StaffAction): preHandlerAsyncHookHandler {
  return async function checkStaffPage(request, reply) {
    if (!request.staff) return reply.redirect(signInPath(request.url), 303);
    if (action && !can(request.staff.role, action)) return sendAdminMessage(deps, request, reply, 403);
  };
}

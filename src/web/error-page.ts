import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import type { ErrorAnswer, SendErrorPage } from '../http/error-handler.js';
import { DEFAULT_SITE_SETTINGS, copyrightYears } from '../site/index.js';
import type { Script } from '../text/index.js';
import { assetUrls } from './assets.js';
import { answerBadHost, pageOriginOf } from '../http/request-context.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { defaultShareImage, loadSiteContext, pageAddress, siteContextAt } from './site-chrome.js';
import { paths, safeLocalPath, withoutScriptPrefix } from './urls.js';
import { currentNavOf, renderChromeFragments } from './views/chrome-fragments.js';
import type { SiteChrome, SiteChromeData } from './views/page-model.js';
import { MessagePage } from './views/message.view.js';

function scriptOf(request: FastifyRequest): Script {
  return withoutScriptPrefix(request.url) !== request.url ? 'hant' : 'hans';
}

/** The chrome of an error page when the database itself is what failed, or the request has no site context. */
function fallbackChrome(origin: string, path: string, script: Script): SiteChrome {
  const now = new Date();
  const data: SiteChromeData = {
    settings: { ...DEFAULT_SITE_SETTINGS },
    nav: [],
    logo: undefined,
    shareImage: defaultShareImage(DEFAULT_SITE_SETTINGS.siteName),
    wechatQr: undefined,
    serviceQr: undefined,
    copyrightYears: copyrightYears(null, now),
    script,
    elderMode: false,
    grayMode: false,
    path,
    origin,
    assets: assetUrls,
  };
  return { ...data, fragments: renderChromeFragments(data, currentNavOf(data)) };
}

/** Answers that mean the database failed: their page is not made to wait for it a second time. */
const DATABASE_OUTAGES: ReadonlySet<string> = new Set(['server.database_unavailable', 'server.database_busy']);

/**
 * Errors outside the APIs are pages of the public site, in its chrome and
 * script; when the database itself failed, in a default chrome.
 */
export function errorPageSender(deps: AppDeps): SendErrorPage {
  return async (request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer) => {
    const script = scriptOf(request);
    // Not a page of the site, whatever the address: kept out of every index (the page says so too).
    reply.header('X-Robots-Tag', 'noindex');
    const fallback = () => fallbackChrome(request.pageOrigin, pageAddress(request), script);
    const chrome = DATABASE_OUTAGES.has(answer.code)
      ? fallback()
      : await loadSiteContext(deps, request, script)
          .then((site) => site.chrome)
          .catch(fallback);
    return sendPage(request, reply, async () => renderDocument(MessagePage({ chrome, title: answer.title, message: answer.message }), script), {
      status: answer.status,
    });
  };
}

/**
 * The error page for a request that never reached the site's hooks (an
 * address Fastify's router cannot read, see answerUnroutableAddress): no
 * cookies or staff were worked out, so it is the site's chrome as a reader
 * who chose nothing sees it (the default chrome when the database failed),
 * for the origin the hooks would have given it (pageOriginOf; a Host that is
 * none is answered as they answer it), never stored.
 */
export function plainErrorPageSender(deps: AppDeps, publicUrl: string | undefined): SendErrorPage {
  return async (request, reply, answer) => {
    const origin = pageOriginOf(request, publicUrl);
    if (origin === undefined) return answerBadHost(reply);
    const script = scriptOf(request);
    // The address as sent, its percent signs taken literally (it is unreadable as it is), as an error page's own:
    // not the home page's, which would mark 首页 as the current section.
    const sent = withoutScriptPrefix(request.url.split('?', 1)[0]!).replaceAll('%', '%25');
    const place = { origin, path: safeLocalPath(sent, paths.home()), elderMode: false };
    const chrome = await siteContextAt(deps, request, script, place)
      .then((site) => site.chrome)
      .catch(() => fallbackChrome(origin, place.path, script));
    return reply
      .code(answer.status)
      .type('text/html; charset=utf-8')
      .header('X-Robots-Tag', 'noindex')
      .send(renderDocument(MessagePage({ chrome, title: answer.title, message: answer.message }), script));
  };
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { AppError, type ErrorKind } from '../lib/errors.js';
import { DEFAULT_SITE_SETTINGS, copyrightYears } from '../site/index.js';
import type { Script } from '../text/index.js';
import { assetUrls } from './assets.js';
import { errorMessageFor, errorMessages, ui } from './messages.js';
import { renderDocument, sendPage } from './send-page.js';
import { loadSiteContext } from './site-chrome.js';
import { HANT_PREFIX, withoutScriptPrefix } from './urls.js';
import type { SiteChrome } from './views/page-model.js';
import { MessagePage } from './views/message.view.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  NotFound: 404,
  Unauthenticated: 401,
  Forbidden: 403,
  Invalid: 400,
  Conflict: 409,
  RateLimited: 429,
  Unavailable: 503,
};

interface ErrorAnswer {
  status: number;
  /** The error code for API clients, e.g. workflow.illegal_transition. */
  code: string;
  title: string;
  message: string;
  /** The request field at fault, for validation errors. */
  field?: string;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/** What to tell the person: never the raw error message, which may leak internals. */
function answerFor(error: FastifyError | AppError): ErrorAnswer {
  if (error instanceof AppError) {
    const status = STATUS_BY_KIND[error.kind];
    const title = status === 404 ? ui.notFoundTitle : status >= 500 ? ui.errorTitle : ui.badRequestTitle;
    const retryAfterSeconds = typeof error.details?.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : undefined;
    const message = retryAfterSeconds
      ? `${errorMessages[error.code]}（约 ${Math.ceil(retryAfterSeconds / 60)} 分钟后可再试）`
      : errorMessageFor(error.code, error.details);
    return { status, code: error.code, title, message, retryAfterSeconds, details: error.details };
  }
  if (error.validation) {
    const { field, problem } = describeValidation(error);
    return {
      status: 400,
      code: 'request.invalid',
      title: ui.badRequestTitle,
      message: `${errorMessages['request.invalid']}（${field} ${problem}）`,
      field,
    };
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 404) return { status, code: 'site.page_not_found', title: ui.notFoundTitle, message: ui.notFoundBody };
  if (status === 405) return { status, code: 'request.method_not_allowed', title: ui.badRequestTitle, message: errorMessages['request.method_not_allowed'] };
  if (status === 413) return { status, code: 'request.too_large', title: ui.badRequestTitle, message: ui.tooLarge };
  if (status < 500) return { status, code: 'request.invalid', title: ui.badRequestTitle, message: errorMessages['request.invalid'] };
  return { status, code: 'server.error', title: ui.errorTitle, message: ui.errorBody };
}

/** Names the offending field and what it must be, in words a person can act on: "page 必须是整数". */
function describeValidation(error: FastifyError): { field: string; problem: string } {
  const first = error.validation?.[0];
  if (!first) return { field: '', problem: '' };
  const params = (first.params ?? {}) as Record<string, unknown>;
  const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(params.missingProperty ?? '');
  const rule: Record<string, string> = {
    type: `必须是${params.type === 'integer' ? '整数' : params.type === 'string' ? '文字' : String(params.type)}`,
    minimum: `不能小于 ${String(params.limit)}`,
    maximum: `不能大于 ${String(params.limit)}`,
    minLength: `至少 ${String(params.limit)} 个字符`,
    maxLength: `最多 ${String(params.limit)} 个字符`,
    pattern: '格式不正确',
    enum: `只能是 ${(params.allowedValues as unknown[] | undefined)?.join('、') ?? ''}`,
    required: '不能为空',
    format: '格式不正确',
    minItems: `至少 ${String(params.limit)} 项`,
    maxItems: `最多 ${String(params.limit)} 项`,
  };
  return { field, problem: rule[first.keyword] ?? '不符合要求' };
}

function scriptOf(request: FastifyRequest): Script {
  return request.url === HANT_PREFIX || request.url.startsWith(`${HANT_PREFIX}/`) ? 'hant' : 'hans';
}

/** The chrome of an error page when the database itself is what failed. */
function fallbackChrome(request: FastifyRequest, script: Script): SiteChrome {
  const now = new Date();
  return {
    settings: { ...DEFAULT_SITE_SETTINGS },
    nav: [],
    logo: undefined,
    wechatQr: undefined,
    serviceQr: undefined,
    copyrightYears: copyrightYears(null, now),
    script,
    elderMode: false,
    grayMode: false,
    path: withoutScriptPrefix(request.url),
    origin: request.pageOrigin,
    assets: assetUrls,
  };
}

async function sendErrorPage(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer) {
  reply.header('Cache-Control', 'no-store');
  if (answer.retryAfterSeconds) reply.header('Retry-After', String(answer.retryAfterSeconds));
  if (request.url.startsWith('/api/')) {
    return reply.code(answer.status).send({
      error: answer.code,
      message: answer.message,
      ...(answer.field ? { field: answer.field } : {}),
      ...(answer.details ? { details: answer.details } : {}),
    });
  }
  const script = scriptOf(request);
  const chrome = await loadSiteContext(deps, request, script)
    .then((site) => site.chrome)
    .catch(() => fallbackChrome(request, script));
  return sendPage(request, reply, async () => renderDocument(MessagePage({ chrome, title: answer.title, message: answer.message }), script), {
    status: answer.status,
  });
}

/**
 * The one place that turns errors into responses: a status, a Chinese
 * message a person can act on, and Cache-Control: no-store. Unknown errors
 * are logged with the request id and answered with a generic 500.
 */
export function registerErrorHandling(app: FastifyInstance, deps: AppDeps): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const answer = answerFor(error);
    if (answer.status >= 500) request.log.error({ err: error, reqId: request.id }, 'request failed');
    return sendErrorPage(deps, request, reply, answer);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendErrorPage(deps, request, reply, { status: 404, code: 'site.page_not_found', title: ui.notFoundTitle, message: ui.notFoundBody }),
  );
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { AppError, type ErrorCode, type ErrorKind } from '../lib/errors.js';
import { errorMessageFor, errorMessages } from '../messages/error-messages.js';
import { DEFAULT_SITE_SETTINGS, copyrightYears } from '../site/index.js';
import type { Script } from '../text/index.js';
import { assetUrls } from './assets.js';
import { ui } from './messages.js';
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
  /** The request field at fault, by its path (flags.headline), whatever raised the error. */
  field?: string;
  retryAfterSeconds?: number;
  /** Anything else a client can act on, e.g. { missing: [...] } or { retryAfterSeconds }. */
  details?: Record<string, unknown>;
}

/** What to tell the person: never the raw error message, which may leak internals. */
function answerFor(error: FastifyError | AppError): ErrorAnswer {
  if (error instanceof AppError) {
    const status = STATUS_BY_KIND[error.kind];
    const title = status === 404 ? ui.notFoundTitle : status >= 500 ? ui.errorTitle : ui.badRequestTitle;
    const { field, ...details } = error.details ?? {};
    const retryAfterSeconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
    const message = retryAfterSeconds
      ? `${errorMessages[error.code]}（约 ${Math.ceil(retryAfterSeconds / 60)} 分钟后可再试）`
      : errorMessageFor(error.code, error.details);
    return {
      status,
      code: error.code,
      title,
      message,
      retryAfterSeconds,
      ...(typeof field === 'string' ? { field } : {}),
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  }
  if (error.validation) return validationAnswer(error);
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 404) return { status, code: 'site.page_not_found', title: ui.notFoundTitle, message: ui.notFoundBody };
  if (status === 405) return { status, code: 'request.method_not_allowed', title: ui.badRequestTitle, message: errorMessages['request.method_not_allowed'] };
  if (status === 413) return { status, code: 'request.too_large', title: ui.badRequestTitle, message: ui.tooLarge };
  if (status < 500) return { status, code: 'request.invalid', title: ui.badRequestTitle, message: errorMessages['request.invalid'] };
  return { status, code: 'server.error', title: ui.errorTitle, message: ui.errorBody };
}

/**
 * A request the schema refused, with the field named: an unknown field as
 * such ("未知字段：titel"), an empty change as such, anything else by the rule
 * it broke ("page 必须是整数").
 */
function validationAnswer(error: FastifyError): ErrorAnswer {
  const first = error.validation?.[0];
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const at = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ?? '';
  const answer = (code: ErrorCode, message: string, field: string): ErrorAnswer => ({
    status: 400,
    code,
    title: ui.badRequestTitle,
    message,
    ...(field ? { field } : {}),
  });
  if (first?.keyword === 'additionalProperties') {
    const field = [at, String(params.additionalProperty)].filter(Boolean).join('.');
    return answer('request.unknown_field', `${errorMessages['request.unknown_field']}：${field}`, field);
  }
  if (first?.keyword === 'minProperties' && at === '') return answer('request.empty_change', errorMessages['request.empty_change'], '');
  const field = at || String(params.missingProperty ?? '');
  return answer('request.invalid', `${errorMessages['request.invalid']}（${field} ${problemOf(first?.keyword ?? '', params)}）`, field);
}

/** What a field must be, in words a person can act on. */
function problemOf(keyword: string, params: Record<string, unknown>): string {
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
    minProperties: `至少要有 ${String(params.limit)} 项`,
  };
  return rule[keyword] ?? '不符合要求';
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

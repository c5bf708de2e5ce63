import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { isBusyDatabase, isUnreachableDatabase } from '../db/unreachable-database.js';
import { AppError, type ErrorCode, type ErrorKind, unavailable } from '../lib/errors.js';
import { errorMessageFor, errorMessages, errorPageText } from '../messages/error-messages.js';
import { setSecurityHeaders } from './security-headers.js';
import { UnavailableLog } from './unavailable-log.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  NotFound: 404,
  Unauthenticated: 401,
  Forbidden: 403,
  Invalid: 400,
  Conflict: 409,
  RateLimited: 429,
  Unavailable: 503,
};

export interface ErrorAnswer {
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

/** A wait as a person says it: in minutes, or in hours once it is longer than an hour and a half. */
function waitText(seconds: number): string {
  return seconds > 5400 ? `${Math.ceil(seconds / 3600)} 小时` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** Fastify's refusals of a body it could not parse, each with what to fix rather than just "请求参数有误". */
const BODY_PROBLEMS: Partial<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_type',
};

/** What to tell the person: never the raw error message, which may leak internals. */
function answerFor(error: FastifyError | AppError): ErrorAnswer {
  if (error instanceof AppError) {
    const status = STATUS_BY_KIND[error.kind];
    const title = status === 404 ? errorPageText.notFoundTitle : status >= 500 ? errorPageText.errorTitle : errorPageText.badRequestTitle;
    const { field, ...details } = error.details ?? {};
    const retryAfterSeconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
    const message = `${errorMessageFor(error.code, error.details)}${retryAfterSeconds ? `（约 ${waitText(retryAfterSeconds)}后可再试）` : ''}`;
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
  if (status === 404) return { status, code: 'site.page_not_found', title: errorPageText.notFoundTitle, message: errorPageText.notFoundBody };
  if (status === 405) return { status, code: 'request.method_not_allowed', title: errorPageText.badRequestTitle, message: errorMessages['request.method_not_allowed'] };
  if (status === 413) return { status, code: 'request.too_large', title: errorPageText.badRequestTitle, message: errorPageText.tooLarge };
  const bodyProblem = BODY_PROBLEMS[error.code];
  if (bodyProblem) return { status, code: bodyProblem, title: errorPageText.badRequestTitle, message: errorMessages[bodyProblem] };
  if (status < 500) return { status, code: 'request.invalid', title: errorPageText.badRequestTitle, message: errorMessages['request.invalid'] };
  return { status, code: 'server.error', title: errorPageText.errorTitle, message: errorPageText.errorBody };
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
    title: errorPageText.badRequestTitle,
    message,
    ...(field ? { field } : {}),
  });
  if (first?.keyword === 'additionalProperties') {
    const field = [at, String(params.additionalProperty)].filter(Boolean).join('.');
    return answer('request.unknown_field', `${errorMessages['request.unknown_field']}：${field}`, field);
  }
  if (first?.keyword === 'minProperties' && at === '') return answer('request.empty_change', errorMessages['request.empty_change'], '');
  const field = at || String(params.missingProperty ?? '');
  // A problem with the body as a whole (null, a number or a list where an object belongs) names no field.
  const subject = field || '请求内容';
  return answer('request.invalid', `${errorMessages['request.invalid']}（${subject} ${problemOf(first?.keyword ?? '', params)}）`, field);
}

const TYPE_NAMES: Record<string, string> = { integer: '整数', number: '数字', string: '文字', boolean: ' true 或 false', object: '对象 {…}', array: '列表 […]' };

/** What a field must be, in words a person can act on. */
function problemOf(keyword: string, params: Record<string, unknown>): string {
  const rule: Record<string, string> = {
    type: `必须是${TYPE_NAMES[String(params.type)] ?? String(params.type)}`,
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
    uniqueItems: '不能有重复的项',
  };
  return rule[keyword] ?? '不符合要求';
}

/** Sends an error as an HTML page: the public site's, which the pages' own module provides (web/error-page.ts). */
export type SendErrorPage = (request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer) => Promise<unknown>;

async function sendError(sendErrorPage: SendErrorPage, request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer) {
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
  return sendErrorPage(request, reply, answer);
}

/**
 * The one place that turns errors into responses: a status, a Chinese
 * message a person can act on, and Cache-Control: no-store. Unknown errors
 * are logged with the request id and their stack and answered with a generic
 * 500; an expected 503 (a service bendi depends on is down) is logged as
 * UnavailableLog says, a line per cause every few seconds rather than one
 * error with two stacks per request.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  sendErrorPage: SendErrorPage,
  /** Where an address that matches no route has moved to (an imported site's old links), or undefined. */
  findMoved: (request: FastifyRequest) => Promise<string | undefined> = async () => undefined,
  unavailableLog = new UnavailableLog(),
): void {
  app.setErrorHandler(async (thrown: FastifyError | AppError, request, reply) => {
    // A database that cannot be reached, or is too busy to take the request in time, is an outage to wait out (503), not a bug (500).
    const error = isUnreachableDatabase(thrown)
      ? unavailable('server.database_unavailable', thrown)
      : isBusyDatabase(thrown)
        ? unavailable('server.database_busy', thrown)
        : thrown;
    const answer = answerFor(error);
    if (error instanceof AppError && error.kind === 'Unavailable') unavailableLog.note(request.log, error);
    else if (answer.status >= 500) request.log.error({ err: error, reqId: request.id }, 'request failed');
    return sendError(sendErrorPage, request, reply, answer);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const moved = request.url.startsWith('/api/') ? undefined : await findMoved(request);
    if (moved) return reply.redirect(moved, 301);
    return sendError(sendErrorPage, request, reply, { status: 404, code: 'site.page_not_found', title: errorPageText.notFoundTitle, message: errorPageText.notFoundBody });
  });
}

/**
 * Fastify's `frameworkErrors`: an address its router cannot read (broken
 * percent-encoding such as /t/%ZZ, a parameter longer than the router takes)
 * is answered before any hook runs, on a bare request without the site's
 * context and without the onSend hooks, so the page comes from
 * `sendPlainErrorPage` (plainErrorPageSender), which needs no context, and
 * the security headers are set here. Without this the reader got Fastify's English JSON.
 */
export function answerUnroutableAddress(sendPlainErrorPage: SendErrorPage): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, request, reply) => {
    const answer: ErrorAnswer =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? { status: 414, code: 'request.address_too_long', title: errorPageText.badRequestTitle, message: errorMessages['request.address_too_long'] }
        : error.code === 'FST_ERR_BAD_URL'
          ? { status: 400, code: 'request.unreadable_address', title: errorPageText.badRequestTitle, message: errorMessages['request.unreadable_address'] }
          : answerFor(error);
    setSecurityHeaders(request, reply);
    // Nothing above awaits this: a page that failed to render would leave the request unanswered.
    sendError(sendPlainErrorPage, request, reply, answer).catch((failure: unknown) => {
      request.log.error({ err: failure, reqId: request.id }, 'error page failed');
      if (!reply.sent) void (reply as FastifyReply).code(answer.status).type('text/plain; charset=utf-8').send(`${answer.message}\n`);
    });
  };
}

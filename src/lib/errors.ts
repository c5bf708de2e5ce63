/**
 * Every error code the application raises, in one list. The web layer maps
 * each kind to an HTTP status; src/messages/error-messages.ts gives each code its Chinese
 * message, for the web and the CLI alike.
 */
export const ERROR_CODES = [
  'content.article_not_found',
  'content.category_not_found',
  'content.title_required',
  'content.reprint_fields_required',
  'content.image_alt_required',
  'content.foreign_image',
  'content.lead_image_not_found',
  'content.article_not_editable',
  'content.article_changed',
  'content.body_too_long',
  'content.body_too_many_tags',
  'media.unsupported_image',
  'media.too_large',
  'media.not_found',
  'media.too_many_pixels',
  'media.file_required',
  'media.alt_too_long',
  'media.too_many_frames',
  'media.animation_too_large',
  'media.too_slow',
  'media.storage_unavailable',
  'engagement.counters_unavailable',
  'site.page_not_found',
  'content.batch_refused',
  'content.not_a_draft',
  'content.not_your_draft',
  'site.invalid_setting',
  'categories.slug_taken',
  'categories.invalid_slug',
  'categories.not_empty',
  'categories.too_deep',
  'auth.required',
  'auth.bad_credentials',
  'auth.locked',
  'auth.too_many_attempts',
  'auth.totp_required',
  'auth.bad_totp',
  'auth.csrf',
  'auth.forbidden',
  'users.username_taken',
  'users.invalid_username',
  'users.weak_password',
  'users.not_found',
  'users.last_admin',
  'tokens.not_found',
  'tokens.invalid_expiry',
  'tokens.session_required',
  'workflow.illegal_transition',
  'workflow.reason_required',
  'workflow.own_article',
  'workflow.same_reviewer',
  'workflow.version_required',
  'workflow.stale_version',
  'workflow.edited_since_submission',
  'readers.invalid_phone',
  'readers.sms_too_soon',
  'readers.sms_too_many',
  'readers.bad_code',
  'readers.sign_in_required',
  'readers.banned',
  'readers.invalid_nickname',
  'readers.nickname_invisible_characters',
  'sms.settings_incomplete',
  'sms.provider_rate_limited',
  'sms.phone_unreachable',
  'sms.no_balance',
  'sms.rejected',
  'sms.timeout',
  'sms.unavailable',
  'wechat.not_configured',
  'wechat.foreign_url',
  'wechat.unavailable',
  'readers.nickname_markup',
  'readers.nickname_taken',
  'comments.closed',
  'comments.empty',
  'comments.too_long',
  'comments.too_fast',
  'comments.blocked_words',
  'comments.not_found',
  'comments.reply_not_found',
  'comments.already_reported',
  'comments.illegal_transition',
  'reports.too_many',
  'reports.article_already_reported',
  'reports.note_too_long',
  'reports.not_found',
  'lexicon.invalid_entry',
  'search.query_too_long',
  'search.invalid_word',
  'search.word_not_found',
  'search.invalid_date',
  'backup.dir_not_empty',
  'backup.not_a_backup',
  'backup.no_database',
  'backup.checksum_mismatch',
  'backup.other_database_kind',
  'backup.newer_schema',
  'backup.target_not_empty',
  'backup.pg_tools_missing',
  'backup.pg_tools_too_old',
  'backup.media_in_object_storage',
  'request.invalid',
  'request.method_not_allowed',
  'request.unknown_field',
  'request.empty_change',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorKind = 'NotFound' | 'Unauthenticated' | 'Forbidden' | 'Invalid' | 'Conflict' | 'RateLimited' | 'Unavailable';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code: ErrorCode, details?: Record<string, unknown>) => new AppError('NotFound', code, details);
export const invalid = (code: ErrorCode, details?: Record<string, unknown>) => new AppError('Invalid', code, details);
export const forbidden = (code: ErrorCode, details?: Record<string, unknown>) => new AppError('Forbidden', code, details);
export const conflict = (code: ErrorCode, details?: Record<string, unknown>) => new AppError('Conflict', code, details);
export const rateLimited = (code: ErrorCode, details: { retryAfterSeconds: number } & Record<string, unknown>) =>
  new AppError('RateLimited', code, details);
/** A service bendi depends on (object storage, Redis) cannot be reached; `cause` is logged, never shown. */
export const unavailable = (code: ErrorCode, cause: unknown) => Object.assign(new AppError('Unavailable', code), { cause });
export const unauthenticated = () => new AppError('Unauthenticated', 'auth.required');

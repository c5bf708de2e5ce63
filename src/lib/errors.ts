/**
 * Every error code the application raises, in one list. The web layer maps
 * each kind to an HTTP status and each code to a Chinese message.
 */
export const ERROR_CODES = [
  'content.article_not_found',
  'content.category_not_found',
  'content.title_required',
  'content.reprint_fields_required',
  'content.image_alt_required',
  'media.unsupported_image',
  'site.page_not_found',
  'request.invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorKind = 'NotFound' | 'Forbidden' | 'Invalid' | 'Conflict' | 'RateLimited';

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

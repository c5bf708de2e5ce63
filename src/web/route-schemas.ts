/**
 * Query strings of public pages: Fastify's validator drops every parameter a
 * schema does not list (removeAdditional), so tracking tags and noise reach
 * neither the handler nor the page cache key.
 */
export const noQuery = { type: 'object', additionalProperties: false } as const;

export const pageQuery = {
  type: 'object',
  properties: { page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 } },
  additionalProperties: false,
} as const;

/** `:id` in a path: a positive whole number, so `/a/abc` answers 400 with the field named. */
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } } as const;

/** The article page: its comments newest first, or most liked first (?comments=liked). */
export const articleQuery = {
  type: 'object',
  properties: { comments: { type: 'string', enum: ['newest', 'liked'], default: 'newest' } },
  additionalProperties: false,
} as const;

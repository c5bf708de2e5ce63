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

import type { FastifyInstance, HTTPMethods } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the routes that answer 405 for the methods a path lacks: they read nothing of the request. */
    answersWrongMethod?: boolean;
  }
}

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Turned into a 405 page or JSON answer by the error handler. */
class MethodNotAllowed extends Error {
  readonly statusCode = 405;
}

/**
 * Answers a wrong method on an existing path with 405 and an `Allow` header
 * (RFC 9110 §15.5.6) instead of the router's 404, which would tell a script
 * author the address does not exist.
 *
 * Call it before any route is registered; it records each route's methods,
 * and the function it returns adds, for every path, a route for the methods
 * the path lacks. Call that once all routes are in. Routes rather than a
 * check in the not-found handler, because only the router knows which
 * pattern a concrete path like /a/12 belongs to.
 */
export function answerWrongMethodsWith405(app: FastifyInstance): () => void {
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByUrl.set(route.url, methods);
  });
  return () => {
    for (const [url, methods] of [...methodsByUrl]) {
      // Fastify answers HEAD for every GET route.
      if (methods.has('GET')) methods.add('HEAD');
      const allow = METHODS.filter((method) => methods.has(method)).join(', ');
      const missing = METHODS.filter((method) => !methods.has(method) && !app.hasRoute({ url, method }));
      if (missing.length === 0) continue;
      app.route({
        method: missing,
        url,
        config: { answersWrongMethod: true },
        handler: async (_request, reply) => {
          reply.header('Allow', allow);
          throw new MethodNotAllowed();
        },
      });
    }
  };
}

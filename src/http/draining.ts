import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when the process has begun shutting down: /readyz then fails, so load balancers send no more. */
    draining: boolean;
  }
}

/**
 * While an instance shuts down, every answer says `Connection: close`.
 * Closing the server ends only the connections idle at that moment; one busy
 * then stays open after its answer for the keep-alive time (72 s), and the
 * process waited for it until the shutdown's deadline and exited 1 without
 * its last counter flush. A request already on such a connection is answered
 * as usual (Fastify's own 503 for it, in English, is turned off in app.ts).
 * Registered before the routes, so it runs for all of them.
 */
export function registerDraining(app: FastifyInstance): void {
  app.decorate('draining', false);
  app.addHook('onSend', (_request, reply, _payload, done) => {
    if (app.draining) reply.header('Connection', 'close');
    done();
  });
}

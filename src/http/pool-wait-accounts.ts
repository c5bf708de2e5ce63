import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PoolWaitAccount } from '../db/pool-wait.js';

/**
 * Gives each request one account of its waits for PostgreSQL connections
 * (PoolWaitAccount), from its arrival to its answer. Callback hooks: the
 * account's scope must enclose the hooks and handler that follow, which an
 * async hook's promise would not.
 */
export function registerPoolWaitAccounts(app: FastifyInstance): void {
  const accounts = new WeakMap<FastifyRequest, PoolWaitAccount>();
  app.addHook('onRequest', (request, _reply, done) => {
    const account = new PoolWaitAccount();
    accounts.set(request, account);
    account.run(done);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    accounts.get(request)?.close();
    done();
  });
}

import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { lazyPackage } from '../lib/lazy-package.js';

const pg = lazyPackage<typeof import('pg')>('pg');

/** Where a command announces a change it committed. */
const CHANGES_CHANNEL = 'bendi_changes';
/** Where each instance that heard it answers, with the notice's own payload. */
const HEARD_CHANNEL = 'bendi_changes_heard';
/** The name the instances' listening connections go by, so that a command can count them. */
const LISTENER_NAME = 'bendi change notices';
const CONNECT_TIMEOUT_MS = 5_000;
/** How soon a listener whose connection was lost first opens another; it waits twice as long after each failure, up to MAX_RELISTEN_MS. */
const RELISTEN_MS = 1_000;
const MAX_RELISTEN_MS = 30_000;
/** How long a command waits for the listening instances to answer. */
const ANSWER_WAIT_MS = 5_000;

const newClient = (url: string, applicationName?: string): Client =>
  new (pg().Client)({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });

/**
 * How a lone instance on PostgreSQL, without Redis, hears that another
 * process changed its database, as `npx bendi import` does (announceChange):
 * PostgreSQL's LISTEN, on a connection of its own. `heard` moves on with each
 * notice, which is answered, so that the command can say the instance knows;
 * and with each connection made, as what was announced while nobody listened
 * is unknown. A lost connection is made again, RELISTEN_MS later and then
 * less often, with one warning for the loss and a line when it listens again;
 * meanwhile the instance's kept pages expire as without it (PAGE_CACHE_SECONDS).
 */
export class ChangeNotices {
  heard = 0;
  private client: Client | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Connections lost or refused since the last one that listened. */
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly log: { info(message: string): void; warn(object: object, message: string): void },
  ) {}

  /** Resolves once it listens, or once its first try failed (it tries again by itself): an instance then serves knowing which. */
  start(): Promise<void> {
    return this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = newClient(this.url, LISTENER_NAME);
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel !== CHANGES_CHANNEL) return;
      this.heard += 1;
      // Failing, the connection is lost, and its error event makes another.
      client.query('select pg_notify($1, $2)', [HEARD_CHANNEL, payload ?? '']).catch(() => undefined);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the server closed the connection')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.heard += 1;
    if (this.failures > 0) this.log.info('listening again for changes other processes make to the database');
    this.failures = 0;
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.failures === 0) {
      this.log.warn({ err: error }, 'not listening for changes other processes make to the database, trying again: meanwhile kept pages expire by PAGE_CACHE_SECONDS');
    }
    this.relisten = setTimeout(() => void this.listen(), Math.min(RELISTEN_MS * 2 ** this.failures, MAX_RELISTEN_MS));
    this.failures += 1;
  }
}

/**
 * After a change committed by a command: tells every instance listening on
 * the database at `url` (ChangeNotices), and waits up to ANSWER_WAIT_MS for
 * each to answer that it heard. How many listened, and how many answered.
 */
export async function announceChange(url: string): Promise<{ listening: number; answered: number }> {
  const client = newClient(url);
  await client.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    const notice = randomUUID();
    let listening = Number.POSITIVE_INFINITY;
    let answered = 0;
    const allAnswered = new Promise<void>((resolve) => {
      client.on('notification', ({ channel, payload }) => {
        if (channel === HEARD_CHANNEL && payload === notice && ++answered >= listening) resolve();
      });
    });
    await client.query(`LISTEN ${HEARD_CHANNEL}`);
    const { rows } = await client.query<{ listeners: string }>(
      'select count(*) as listeners from pg_stat_activity where application_name = $1 and datname = current_database()',
      [LISTENER_NAME],
    );
    listening = Number(rows[0]!.listeners);
    if (listening === 0) return { listening, answered };
    await client.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, notice]);
    await Promise.race([allAnswered, new Promise<void>((resolve) => (timer = setTimeout(resolve, ANSWER_WAIT_MS)))]);
    return { listening, answered };
  } finally {
    clearTimeout(timer);
    await client.end();
  }
}

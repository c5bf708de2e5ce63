import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { postgresClient } from './database.js';

/** Where a command announces a change it committed. */
const CHANGES_CHANNEL = 'bendi_changes';
/** Where each instance that heard it answers, with the notice's own payload. */
const HEARD_CHANNEL = 'bendi_changes_heard';
/** The name the instances' listening connections take once they listen, so that a command counts only those that hear it. */
const LISTENER_NAME = 'bendi change notices';
/** Their name until then. */
const STARTING_LISTENER_NAME = 'bendi change notices (starting)';
/** The name of a command's connection while it announces, as an operator sees it in pg_stat_activity. */
const ANNOUNCER_NAME = 'bendi announcing a change';
/** How long an instance's start waits for its listener: as long as opening a connection may take (postgresClient). */
const START_WAIT_MS = 5_000;
/** How long LISTEN, an answer or a ping may take before the listener takes its connection for lost. */
const QUERY_TIMEOUT_MS = 5_000;
/**
 * How often the listener pings: a connection cut without a word (a NAT's or
 * firewall's timeout) is found within PING_MS + QUERY_TIMEOUT_MS, and a
 * server's idle_session_timeout above PING_MS never ends it.
 */
const PING_MS = 30_000;
/** How soon a listener whose connection was lost first opens another; it waits twice as long after each failure, up to MAX_RELISTEN_MS. */
const RELISTEN_MS = 1_000;
const MAX_RELISTEN_MS = 30_000;
/** At most one warning this often, should a connection keep being lost. */
const WARN_EVERY_MS = 10 * 60_000;
/** How long a command waits for the listening instances to answer. */
const ANSWER_WAIT_MS = 5_000;

/** A client of its own on `url`, named `applicationName` even where the URL names it otherwise (its parameters outweigh pg's options). */
function newClient(url: string, applicationName: string): Client {
  const address = new URL(url);
  address.searchParams.set('application_name', applicationName);
  return postgresClient({ connectionString: address.href, query_timeout: QUERY_TIMEOUT_MS, keepAlive: true });
}

/**
 * How a lone instance on PostgreSQL, without Redis, hears that another
 * process changed its database, as `npx bendi import` does (announceChange):
 * PostgreSQL's LISTEN, on a connection of its own. `heard` moves on with each
 * notice, which is answered, so that the command can say the instance knows;
 * and with each connection made, as what was announced while nobody listened
 * is unknown. A lost connection is made again, RELISTEN_MS later and then
 * less often, with a warning for the loss (at most one in WARN_EVERY_MS) and
 * a line when it listens again; meanwhile the instance's kept pages expire as
 * without it (PAGE_CACHE_SECONDS).
 */
export class ChangeNotices {
  heard = 0;
  private client: Client | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Connections lost or refused since the last one that listened. */
  private failures = 0;
  private warnedAt = Number.NEGATIVE_INFINITY;
  /** A loss was warned of, and no line has said since that it listens again. */
  private warned = false;

  constructor(
    private readonly url: string,
    private readonly log: { info(message: string): void; warn(object: object, message: string): void },
  ) {}

  /**
   * Resolves once it listens, or once its first try failed (it tries again by
   * itself), or after START_WAIT_MS on a server that answers nothing:
   * an instance serves once it knows which, and starts within a bound.
   */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.listen(), new Promise<void>((resolve) => (timer = setTimeout(resolve, START_WAIT_MS)))]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    clearInterval(this.ping);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = newClient(this.url, STARTING_LISTENER_NAME);
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel !== CHANGES_CHANNEL) return;
      this.heard += 1;
      client.query('select pg_notify($1, $2)', [HEARD_CHANNEL, payload ?? '']).catch((error: Error) => this.lost(client, error));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the server closed the connection')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await client.query(`SET application_name = '${LISTENER_NAME}'`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.heard += 1;
    this.failures = 0;
    if (this.warned) this.log.info('listening again for changes other processes make to the database');
    this.warned = false;
    this.ping = setInterval(() => client.query('select 1').catch((error: Error) => this.lost(client, error)), PING_MS);
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    clearInterval(this.ping);
    client.end().catch(() => undefined);
    if (this.failures === 0 && Date.now() - this.warnedAt >= WARN_EVERY_MS) {
      this.log.warn({ err: error }, 'not listening for changes other processes make to the database, trying again: meanwhile kept pages expire by PAGE_CACHE_SECONDS');
      this.warnedAt = Date.now();
      this.warned = true;
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
  const client = newClient(url, ANNOUNCER_NAME);
  // Lost while it waits, the connection ends the wait, rather than the process for want of a listener.
  const lost = new Promise<never>((_resolve, reject) => client.on('error', reject));
  lost.catch(() => undefined);
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
    await Promise.race([allAnswered, lost, new Promise<void>((resolve) => (timer = setTimeout(resolve, ANSWER_WAIT_MS)))]);
    return { listening, answered };
  } finally {
    clearTimeout(timer);
    await client.end().catch(() => undefined);
  }
}

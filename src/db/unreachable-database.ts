/**
 * Error codes meaning PostgreSQL could not be reached or went away mid-query:
 * the socket's (refused, reset, timed out, no route), and SQLSTATE class 08
 * (connection exception) and 57P01–57P03 (server shut down or starting).
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

/** What pg says, in no code, when a connection ends under a query or does not open in time. */
const UNREACHABLE_MESSAGES = /^(Connection terminated|Query read timeout|Client has encountered a connection error)/;

/**
 * What pg-pool says when a query waited longer than the pool's connectionTimeoutMillis for one of its
 * connections (see openDatabase's poolWaitMs): every one stayed busy, or the one opened for the query late in
 * the wait was not open yet. A connection that cannot be opened at all fails sooner, by its own 5 s bound, as
 * "Connection terminated…" (unreachable).
 */
const POOL_WAIT_EXCEEDED = 'timeout exceeded when trying to connect';

/**
 * Whether an error means the database could not be reached, so a request
 * that met it is answered 503 (try again soon) rather than 500 (a bug).
 * SQLite is a file in the process and never raises these.
 */
export function isUnreachableDatabase(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) || UNREACHABLE_MESSAGES.test(error.message);
}

/**
 * A request's queries waited, in all, longer than a request may wait for pooled connections (see
 * waitBoundedPool). It says what pg-pool says of a wait too long, and is the same answer (isBusyDatabase).
 */
export class PoolWaitExceeded extends Error {
  constructor() {
    super(POOL_WAIT_EXCEEDED);
    this.name = 'PoolWaitExceeded';
  }
}

/** Whether an error means the database was reachable but every pooled connection stayed busy longer than a request may wait: answered 503 too. */
export function isBusyDatabase(error: unknown): boolean {
  return error instanceof Error && error.message === POOL_WAIT_EXCEEDED;
}

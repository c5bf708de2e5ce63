import { spawn } from 'node:child_process';
import pg from 'pg';
import type { MediaRow } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { LATEST_MIGRATION, MEDIA_FILES, mediaKeysOf, type Snapshot } from './snapshot.js';

/**
 * Dumps the database at `url` into `target` with pg_dump while the site keeps
 * writing, and reads the schema version and media files of the very snapshot
 * it dumped: this connection exports its repeatable-read snapshot and pg_dump
 * adopts it (--snapshot), so a row added or deleted meanwhile is in neither or
 * both. Throws 'backup.pg_tools_missing' / 'backup.pg_tools_too_old' when
 * pg_dump cannot do it, or an Error with pg_dump's own words when it fails.
 */
export async function dumpPostgres(url: string, target: string): Promise<Snapshot> {
  return withClient(url, async (client) => {
    await requireToolVersion('pg_dump', await serverMajor(client));
    await client.query('begin transaction isolation level repeatable read read only');
    // The snapshot lives as long as this transaction: it stays open until pg_dump is done.
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const schemaVersion = (await client.query<{ name: string }>(LATEST_MIGRATION)).rows[0]!.name;
    const mediaKeys = mediaKeysOf((await client.query<Pick<MediaRow, 'storage_key' | 'variants'>>(MEDIA_FILES)).rows);
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${target}`], url);
    await client.query('commit');
    return { schemaVersion, mediaKeys };
  });
}

/** True when the database at `url` has no table in any schema of its own. */
export async function isPostgresEmpty(url: string): Promise<boolean> {
  const tables = await withClient(url, (client) =>
    client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where c.relkind in ('r', 'p') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_%'`,
    ),
  );
  return tables.rows[0]!.n === 0;
}

/**
 * Throws 'backup.pg_tools_missing' / 'backup.pg_tools_too_old' unless
 * pg_restore can load an archive into the server at `url`: a restore asks
 * before it writes anything, so a missing tool leaves nothing to clean up.
 */
export async function requirePgRestore(url: string): Promise<void> {
  await requireToolVersion('pg_restore', await withClient(url, serverMajor));
}

/**
 * Loads a pg_dump archive into the (empty) database at `url` in one
 * transaction: it is restored whole or not at all. requirePgRestore has
 * found the tool fit for that server.
 */
export async function restorePostgres(source: string, url: string): Promise<void> {
  // pg_restore without --dbname writes SQL to stdout; the name alone is no secret, the rest comes from the environment.
  const dbname = decodeURIComponent(new URL(url).pathname.slice(1));
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, source], url);
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
  return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
}

/** pg_dump refuses a server newer than itself, and pg_restore may not read its archives: say so before starting. */
async function requireToolVersion(tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<void> {
  const version = await runTool(tool, ['--version']);
  const major = Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1]);
  if (!(major >= serverMajor)) throw new AppError('Invalid', 'backup.pg_tools_too_old', { tool, version: version.trim(), serverMajor });
}

/**
 * Runs a PostgreSQL client tool and returns what it printed. The connection
 * goes in libpq's environment rather than the arguments, which every user of
 * the machine can read in the process list, password and all.
 */
function runTool(tool: string, args: string[], url?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...(url ? libpqEnvironment(url) : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new AppError('Invalid', 'backup.pg_tools_missing', { tool }) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** A postgres:// URL as libpq's PG* variables (its sslmode parameter as PGSSLMODE). */
function libpqEnvironment(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')),
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

// Databases for tests that run bendi as a child process (`npm start`, `npx bendi`): the
// child finds its database through the environment, as in production.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ProcessDatabase {
  /** Added to the child's environment (besides DATA_DIR, which the test chooses). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * SQLite in DATA_DIR always, and PostgreSQL too when TEST_POSTGRES_URL is set:
 * one test body, looped over these.
 */
export function processDatabases(): Array<['sqlite' | 'postgres', () => Promise<ProcessDatabase>]> {
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  const sqlite = async (): Promise<ProcessDatabase> => ({ env: {}, cleanup: async () => {} });
  if (!postgresUrl) return [['sqlite', sqlite]];
  return [
    ['sqlite', sqlite],
    ['postgres', () => postgresSchemaDatabase(postgresUrl)],
  ];
}

/** A fresh schema in the test database, named in DATABASE_URL through libpq's options parameter. */
export async function postgresSchemaDatabase(url: string): Promise<ProcessDatabase> {
  const schema = `s_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    env: { DATABASE_URL: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    cleanup: async () => {
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

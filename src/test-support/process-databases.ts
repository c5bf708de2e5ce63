// Databases for tests that run bendi as a child process (`npm start`, `npx bendi`): the
// child finds its database through the environment, as in production.
import { createScratchPostgresDatabase } from '../db/scratch-database.js';

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
    ['postgres', () => postgresScratchDatabase(postgresUrl)],
  ];
}

/** A scratch database of its own, named in DATABASE_URL as an operator would. */
export async function postgresScratchDatabase(url: string): Promise<ProcessDatabase> {
  const scratch = await createScratchPostgresDatabase(url);
  return { env: { DATABASE_URL: scratch.url }, cleanup: scratch.drop };
}

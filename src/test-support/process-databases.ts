// Databases for tests that run bendi as a child process (`npm start`, `npx bendi`): the
// child finds its database through the environment, as in production.
import { createScratchPostgresDatabase } from '../db/scratch-database.js';
import { missingEnv } from './skip-reasons.js';

export interface ProcessDatabase {
  /** Added to the child's environment (besides DATA_DIR, which the test chooses). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * SQLite in DATA_DIR, and PostgreSQL in the database TEST_POSTGRES_URL names:
 * one test body, looped over these, each suite given the `skip` option (the
 * PostgreSQL one is skipped without TEST_POSTGRES_URL, its prepare never called).
 */
export function processDatabases(): Array<['sqlite' | 'postgres', () => Promise<ProcessDatabase>, string | false]> {
  const sqlite = async (): Promise<ProcessDatabase> => ({ env: {}, cleanup: async () => {} });
  return [
    ['sqlite', sqlite, false],
    ['postgres', () => postgresScratchDatabase(process.env.TEST_POSTGRES_URL!), missingEnv('TEST_POSTGRES_URL')],
  ];
}

/** A scratch database of its own, named in DATABASE_URL as an operator would. */
export async function postgresScratchDatabase(url: string): Promise<ProcessDatabase> {
  const scratch = await createScratchPostgresDatabase(url);
  return { env: { DATABASE_URL: scratch.url }, cleanup: scratch.drop };
}

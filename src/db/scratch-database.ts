import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A scratch database of its own next to the one TEST_POSTGRES_URL names, for
 * one suite or one child process. Whole databases rather than schemas: the
 * migrator's table lookup reads every schema of a database, and another
 * suite dropping its schema meanwhile would fail it.
 */
export async function createScratchPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bendi_t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { createScratchPostgresDatabase } from '../db/scratch-database.js';
import { cleanUp } from '../test-support/clean-up.js';

/**
 * Temporary folders and empty databases of one kind for a backup or restore
 * suite, all removed by cleanUp() in its after() hook, last made first, with
 * whatever else the suite hands to onCleanUp (a bucket to stop, say).
 */
export function scratchPlaces(kind: DatabaseConfig['kind']) {
  const steps: Array<() => unknown> = [];
  const onCleanUp = (...more: Array<() => unknown>) => void steps.push(...more);
  const temporaryDir = (name: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bendi-${name}-`));
    onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  return {
    onCleanUp,
    temporaryDir,
    /** A database with no table yet: a SQLite file not made yet, or a scratch PostgreSQL database next to TEST_POSTGRES_URL's. */
    async emptyDatabase(): Promise<DatabaseConfig> {
      if (kind === 'sqlite') return { kind, file: path.join(temporaryDir('db'), 'bendi.sqlite') };
      const scratch = await createScratchPostgresDatabase(process.env.TEST_POSTGRES_URL!);
      onCleanUp(() => scratch.drop());
      return { kind, url: scratch.url };
    },
    cleanUp: () => cleanUp(...steps.reverse()),
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { cleanUp } from '../../src/test-support/clean-up.js';
import type { ProcessDatabase } from '../../src/test-support/process-databases.js';

/**
 * For a suite that starts the real portal: a database of its own and a fresh
 * DATA_DIR, both removed after the suite. Returns the portal's environment,
 * with the loopback trusted as a proxy so tests can give each reader an address.
 * Call it in the suite's body.
 */
export function portalEnvironment(prepare: () => Promise<ProcessDatabase>, name: string): () => Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bendi-${name}-`));
  const ready = prepare();
  after(() =>
    cleanUp(
      async () => (await ready).cleanup(),
      () => fs.rmSync(dataDir, { recursive: true, force: true }),
    ),
  );
  return async () => ({ ...(await ready).env, DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1' });
}

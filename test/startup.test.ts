// The README's promise: `npm start` gives a working portal with demo content, and a bad setting
// stops the start with one line that says what and why. This runs the real entry point.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { startPortal } from './support/portal-process.js';

const ENTRY = ['--import', 'tsx', 'src/main.ts'];
const postgresUrl = process.env.TEST_POSTGRES_URL;

/** A fresh schema in the test database, named in DATABASE_URL through libpq's options parameter. */
async function postgresDatabaseUrl(url: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const schema = `s_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    databaseUrl: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

const databases: Array<[string, () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>]> = [
  ['sqlite', async () => ({ env: {}, cleanup: async () => {} })],
];
if (postgresUrl) {
  databases.push([
    'postgres',
    async () => {
      const { databaseUrl, drop } = await postgresDatabaseUrl(postgresUrl);
      return { env: { DATABASE_URL: databaseUrl }, cleanup: drop };
    },
  ]);
}

for (const [kind, prepare] of databases) {
  describe(`npm start [${kind}]`, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    const ready = prepare();
    after(async () => {
      await (await ready).cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates the demo portal on the first start, and only then', async () => {
      const { env } = await ready;
      const first = await startPortal({ ...env, DATA_DIR: dataDir });
      try {
        assert.match(first.output(), /created the demo portal \(\d+ articles\)/);
        assert.match(first.output(), /the portal answers at http:\/\/127\.0\.0\.1:\d+ \(data in /);
        const home = await fetch(first.origin).then((r) => r.text());
        assert.ok(home.includes('青溪生活网'));
        const article = await fetch(`${first.origin}/a/1`);
        assert.equal(article.status, 200);
      } finally {
        assert.equal(await first.stop(), 0, 'SIGTERM shuts down cleanly');
      }
      const second = await startPortal({ ...env, DATA_DIR: dataDir });
      try {
        assert.doesNotMatch(second.output(), /created the demo portal/);
      } finally {
        await second.stop();
      }
    });
  });
}

describe('npm start with a bad setting', () => {
  it('stops with one line that says what and why', () => {
    const result = spawnSync(process.execPath, ENTRY, { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'bendi: configuration error: PORT="eighty" must be a whole number from 1 to 65535');
  });

  it('starts an empty portal when BENDI_DEMO=0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    const started = await startPortal({ DATA_DIR: dataDir, BENDI_DEMO: '0' });
    try {
      assert.doesNotMatch(started.output(), /demo/);
      assert.equal((await fetch(`${started.origin}/a/1`)).status, 404);
      assert.ok(fs.existsSync(path.join(dataDir, 'bendi.sqlite')), 'the data lives in DATA_DIR');
    } finally {
      await started.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

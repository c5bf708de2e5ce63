// `npx bendi import wordpress FILE` as an operator runs it: a child process, SQLite in a fresh DATA_DIR.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest, openDatabase, postgresUrlOf } from '../db/database.js';
import { createPostgresTestDatabase } from '../db/testing.js';
import { THEME_UNIT_TEST_DATA, wxrFile, wxrPost } from '../import/testing.js';
import { connectRedis } from '../lib/redis.js';
import { runBendiCli } from '../test-support/cli-process.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { buildTestApp } from '../test-support/test-app.js';

describe('npx bendi import wordpress', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-import-'));
    env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('imports the theme unit test data with a progress line and a JSON report, and changes nothing the second time', async () => {
    const reportPath = path.join(dataDir, 'report.json');
    const first = await runBendiCli(env, ['import', 'wordpress', THEME_UNIT_TEST_DATA, '--report', reportPath]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^imported 58 articles, \d+ comments, 0 images/m);
    assert.match(first.stdout, /images not downloaded, kept as links \(\d+\):/);
    assert.match(first.stderr, /importing 100%: 58 articles/);
    assert.match(first.stderr, /a running bendi on this database shows what was imported from its next request/);
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as { counts: { articles: number; tags: number } };
    assert.equal(report.counts.articles, 58);
    assert.ok(report.counts.tags > 20, `tags: ${report.counts.tags}`);
    const second = await runBendiCli(env, ['import', 'wordpress', THEME_UNIT_TEST_DATA, '--report', reportPath]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^imported 0 articles, 0 comments, 0 images, 0 categories, 0 tags, 0 authors; 58 were imported before/m);
  });

  it('exits 1 with where it stopped for a broken file, and 2 without a file', async () => {
    const broken = await runBendiCli(env, ['import', 'wordpress', wxrFile(`${wxrPost({ id: 1 })}<item><title>坏</titel>`)]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /格式有误/);
    assert.equal((await runBendiCli(env, ['import', 'wordpress'])).status, 2);
    const missing = await runBendiCli(env, ['import', 'wordpress', path.join(dataDir, 'none.xml')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read/);
  });

  it('is shown by a lone instance on the same SQLite file at its next request, though nobody told it', async () => {
    const handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'bendi.sqlite') });
    try {
      await migrateToLatest(handle);
      const app = await buildTestApp(handle.db, { pageCacheSeconds: 600 });
      try {
        assert.doesNotMatch((await app.inject('/feed.xml')).body, /乡镇新闻/, 'kept before the import');
        const run = await runBendiCli(env, ['import', 'wordpress', wxrFile(wxrPost({ id: 90_001, title: '乡镇新闻' }))]);
        assert.equal(run.status, 0, run.stderr);
        assert.match((await app.inject('/feed.xml')).body, /乡镇新闻/);
      } finally {
        await app.close();
      }
    } finally {
      await handle.db.destroy();
    }
  });

  it('says when instances sharing Redis could not be told', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-import-redis-'));
    try {
      const run = await runBendiCli({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: 'redis://127.0.0.1:1' }, ['import', 'wordpress', wxrFile(wxrPost({ id: 1 }))]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /the running instances could not be told \(cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\).*within 30 s/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npx bendi import wordpress beside instances sharing Redis', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  it('tells them: a feed they kept lists the imported article at their next request', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-import-redis-'));
    const handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'bendi.sqlite') });
    // A database of its own, as instances of one portal share Redis's keys without a prefix.
    const redisUrl = new URL(process.env.TEST_REDIS_URL!);
    redisUrl.pathname = '/13';
    const redis = await connectRedis(redisUrl.href);
    try {
      await migrateToLatest(handle);
      const app = await buildTestApp(handle.db, { pageCacheSeconds: 600, redis });
      try {
        assert.doesNotMatch((await app.inject('/feed.xml')).body, /县城新闻/, 'kept before the import');
        const run = await runBendiCli({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: redisUrl.href }, ['import', 'wordpress', wxrFile(wxrPost({ id: 1, title: '县城新闻' }))]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stderr, /the running instances were told/);
        assert.match((await app.inject('/feed.xml')).body, /县城新闻/);
      } finally {
        await app.close();
      }
    } finally {
      await redis.quit();
      await handle.db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npx bendi import wordpress beside a lone instance on PostgreSQL', { skip: missingEnv('TEST_POSTGRES_URL') }, () => {
  it('tells it, and it answers: a feed it kept lists the imported article at its next request', async () => {
    const handle = await createPostgresTestDatabase(process.env.TEST_POSTGRES_URL!);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-import-pg-'));
    try {
      const app = await buildTestApp(handle.db, { pageCacheSeconds: 600 });
      try {
        assert.doesNotMatch((await app.inject('/feed.xml')).body, /镇上新闻/, 'kept before the import');
        const run = await runBendiCli({ DATA_DIR: dataDir, DATABASE_URL: postgresUrlOf(handle.db)! }, ['import', 'wordpress', wxrFile(wxrPost({ id: 1, title: '镇上新闻' }))]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stderr, /the running bendi on this database was told: it shows what was imported from its next request/);
        assert.match((await app.inject('/feed.xml')).body, /镇上新闻/);
      } finally {
        await app.close();
      }
    } finally {
      await handle.db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

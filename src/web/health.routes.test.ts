import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/database.js';
import { describeEachDatabase } from '../db/testing.js';
import { unreachableS3Storage } from '../media/testing.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('health and readiness', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());

  it('/healthz says the process is alive, never cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('/readyz is 200 with each check when the database and storage answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ready: true, draining: false, checks: { database: 'ok', storage: 'ok' } });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('/readyz is 503 while the instance drains for shutdown', async () => {
    app.draining = true;
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { ready: false, draining: true, checks: { database: 'ok', storage: 'ok' } });
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      app.draining = false;
    }
  });

  it('/readyz is 503 naming the storage when the object storage cannot be reached', async () => {
    const storageDown = await buildTestApp(t.db, { storage: await unreachableS3Storage() });
    try {
      const res = await storageDown.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { ready: false, draining: false, checks: { database: 'ok', storage: 'failed' } });
    } finally {
      await storageDown.close();
    }
  });
});

it('/readyz is 503 naming the database when it cannot be reached', async () => {
  // Nothing listens on port 1, so every connection is refused, as when the database server is down.
  const { db } = openDatabase({ kind: 'postgres', url: 'postgres://bendi@127.0.0.1:1/bendi' });
  const app = await buildTestApp(db);
  try {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { ready: false, draining: false, checks: { database: 'failed', storage: 'ok' } });
  } finally {
    await app.close();
    await db.destroy();
  }
});

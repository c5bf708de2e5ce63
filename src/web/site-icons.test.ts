import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { describeEachDatabase } from '../db/testing.js';
import { insertMedia } from '../media/index.js';
import { type RelayedS3Storage, relayedS3Storage, solidPng } from '../media/testing.js';
import { saveSiteSettings } from '../site/index.js';
import { type RunningS3Server, startS3Server } from '../test-support/s3-server.js';
import { buildTestApp } from '../test-support/test-app.js';
import { LOGO_RETRY_MS } from './site-icons.js';

describeEachDatabase('site icons with the logo in an S3 store', (t) => {
  let app: FastifyInstance;
  let server: RunningS3Server;
  let s3: RelayedS3Storage;
  let now = Date.now();
  before(async () => {
    server = await startS3Server();
    s3 = await relayedS3Storage(server);
    app = await buildTestApp(t.db, { storage: s3.storage, clock: () => new Date(now) });
    await s3.storage.put('2026/12/logo.png', await solidPng(300, 100, '#00ff00'), 'image/png');
    const logo = await insertMedia(t.db, { storageKey: '2026/12/logo.png', contentType: 'image/png', width: 300, height: 100, byteSize: 1, altText: '标志', variants: [] }, new Date());
    await saveSiteSettings(t.db, { logoMediaId: logo.id }, new Date());
  });
  after(async () => {
    await app.close();
    await s3.close();
    await server.stop();
  });
  /** The icon's middle pixel: the logo is green there, the default icon is not. */
  const icon = async () => {
    const res = await app.inject({ method: 'GET', url: '/icons/192.png' });
    assert.equal(res.statusCode, 200);
    const { data } = await sharp(res.rawPayload).extract({ left: 96, top: 96, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    const logo = [...data.subarray(0, 3)].join() === '0,255,0';
    return { logo, cacheControl: res.headers['cache-control'] };
  };

  it('shows the default icon while the store is unreachable, briefly cached, and the logo again once the store is back', async () => {
    await s3.relay.cut();
    assert.deepEqual(await icon(), { logo: false, cacheControl: 'no-cache' });
    assert.equal((await app.inject({ method: 'GET', url: '/favicon.ico' })).headers['cache-control'], 'no-cache');

    await s3.relay.restore();
    // An outage is not a storage call per request: the default stands in a while before the logo is tried again.
    assert.deepEqual(await icon(), { logo: false, cacheControl: 'no-cache' });
    now += LOGO_RETRY_MS;
    assert.deepEqual(await icon(), { logo: true, cacheControl: 'public, max-age=3600' });
    assert.equal((await app.inject({ method: 'GET', url: '/favicon.ico' })).headers['cache-control'], 'public, max-age=3600');
  });
});

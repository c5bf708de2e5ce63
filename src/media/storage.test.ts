import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../lib/errors.js';
import { S3Storage } from './s3-storage.js';
import type { MediaStorage } from './storage.js';
import { describeEachStorage, relayedS3Storage, temporaryStorage, unreachableS3Storage } from './testing.js';
import { startS3Server } from '../test-support/s3-server.js';

// The contract every MediaStorage keeps, run against local disk and a real S3-protocol server.
describeEachStorage('MediaStorage', (s) => {
  it('gives back what was put, whole or streamed, with its content type and size', async () => {
    await s.storage.put('2026/05/a1b2c3-480.webp', Buffer.from('webp bytes'), 'image/webp');
    assert.equal((await s.storage.get('2026/05/a1b2c3-480.webp'))?.toString(), 'webp bytes');
    const file = await s.storage.open('2026/05/a1b2c3-480.webp');
    assert.ok(file);
    assert.deepEqual([file.contentType, file.byteSize], ['image/webp', 10]);
    assert.equal(await text(file.body), 'webp bytes');
  });

  it('replaces a file put again under the same key', async () => {
    await s.storage.put('2026/05/replaced.png', Buffer.from('first'), 'image/png');
    await s.storage.put('2026/05/replaced.png', Buffer.from('second'), 'image/png');
    assert.equal((await s.storage.get('2026/05/replaced.png'))?.toString(), 'second');
  });

  it('answers undefined for a file that is not there', async () => {
    assert.equal(await s.storage.get('2026/05/missing.jpg'), undefined);
    assert.equal(await s.storage.open('2026/05/missing.jpg'), undefined);
  });

  it('deletes a file, and deleting a missing one is no error', async () => {
    await s.storage.put('2026/05/deleted.gif', Buffer.from('gif'), 'image/gif');
    await s.storage.delete('2026/05/deleted.gif');
    assert.equal(await s.storage.get('2026/05/deleted.gif'), undefined);
    await s.storage.delete('2026/05/deleted.gif');
    assert.deepEqual(await s.storedKeys(), ['2026/05/a1b2c3-480.webp', '2026/05/replaced.png']);
  });

  it('refuses keys bendi would never make, so a request cannot reach outside the media', async () => {
    await assert.rejects(s.storage.put('../escape.jpg', Buffer.from('x'), 'image/jpeg'));
    for (const key of ['../bendi.sqlite', '/etc/passwd', '2026//a.jpg', '2026/05/A.JPG', '2026/05/noextension']) {
      assert.equal(await s.storage.get(key), undefined, key);
      assert.equal(await s.storage.open(key), undefined, key);
    }
  });

  it('is ready when reachable, and links files under /media/ without a public base URL', async () => {
    await s.storage.check();
    assert.equal(s.storage.urlFor('2026/05/a1b2c3.jpg'), '/media/2026/05/a1b2c3.jpg');
  });
});

describe('LocalDiskStorage', () => {
  it('leaves no temporary file behind when a put fails', async () => {
    const storage = temporaryStorage();
    try {
      // A folder where the file should go: the write succeeds, the rename over it fails.
      await fs.mkdir(path.join(storage.root, '2026/05/blocked.png/inside'), { recursive: true });
      await assert.rejects(storage.put('2026/05/blocked.png', Buffer.from('png')));
      assert.deepEqual(await fs.readdir(path.join(storage.root, '2026/05')), ['blocked.png']);
    } finally {
      storage.remove();
    }
  });
});

describe('S3Storage', () => {
  const unavailable = (error: unknown) => error instanceof AppError && error.kind === 'Unavailable' && error.code === 'media.storage_unavailable';
  let server: Awaited<ReturnType<typeof startS3Server>>;
  before(async () => {
    server = await startS3Server();
  });
  after(() => server.stop());

  it('links pages to the public base URL when there is one', () => {
    const storage = new S3Storage({ ...server.config, publicUrl: 'https://img.news.example/media' });
    assert.equal(storage.urlFor('2026/05/a1b2c3.jpg'), 'https://img.news.example/media/2026/05/a1b2c3.jpg');
    storage.close();
  });

  it('fails every call as storage_unavailable when the server cannot be reached', async () => {
    const storage: MediaStorage = await unreachableS3Storage();
    await assert.rejects(storage.put('2026/05/a.jpg', Buffer.from('x'), 'image/jpeg'), unavailable);
    await assert.rejects(storage.get('2026/05/a.jpg'), unavailable);
    await assert.rejects(storage.open('2026/05/a.jpg'), unavailable);
    await assert.rejects(storage.delete('2026/05/a.jpg'), unavailable);
    await assert.rejects(storage.check(), unavailable);
  });

  it('fails every call as storage_unavailable within seconds when the server accepts connections and never answers', { timeout: 120_000 }, async (t) => {
    const { storage, relay, close } = await relayedS3Storage(server);
    try {
      // A first call leaves a kept-alive connection in the pool, which then freezes too.
      await storage.put('2026/05/before.png', Buffer.from('png'), 'image/png');
      await relay.hang();
      const started = Date.now();
      const failedAt = (call: Promise<unknown>) => assert.rejects(call, unavailable).then(() => Date.now() - started);
      const elapsed = await Promise.all([
        failedAt(storage.put('2026/05/a.jpg', Buffer.from('x'), 'image/jpeg')),
        failedAt(storage.get('2026/05/before.png')),
        failedAt(storage.open('2026/05/before.png')),
        failedAt(storage.delete('2026/05/before.png')),
        failedAt(storage.check()),
      ]);
      t.diagnostic(`put, get, open, delete, check failed after ${elapsed.join(', ')} ms`);
      // Generous, to prove a bound on a busy machine; the figure itself is in the diagnostic above.
      assert.ok(Math.max(...elapsed) < 30_000, `${Math.max(...elapsed)} ms`);

      await relay.restore();
      assert.equal((await storage.get('2026/05/before.png'))?.toString(), 'png', 'the store is used again once it answers');
    } finally {
      await close();
    }
  });

  it('fails a file being served when the server stops sending it part-way', { timeout: 60_000 }, async (t) => {
    const { storage, relay, close } = await relayedS3Storage(server);
    try {
      // Larger than the socket buffers between here and the relay, so the stream must stall.
      await storage.put('2026/05/large.png', Buffer.alloc(20 * 1024 * 1024, 1), 'image/png');
      const file = await storage.open('2026/05/large.png');
      assert.ok(file);
      const chunks = file.body[Symbol.asyncIterator]();
      await chunks.next();
      await relay.hang();
      const started = Date.now();
      await assert.rejects(async () => {
        while (!(await chunks.next()).done);
      });
      t.diagnostic(`the stream failed ${Date.now() - started} ms after the store stopped sending`);
    } finally {
      await close();
    }
  });

  it('is not ready when the bucket does not exist', async () => {
    const storage = new S3Storage({ ...server.config, bucket: 'no-such-bucket' });
    await assert.rejects(storage.check(), (error: unknown) => error instanceof AppError && error.kind === 'Unavailable');
    storage.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppConfig, buildApp } from '../app.js';
import type { Db } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import { LocalDiskStorage } from '../media/index.js';

/**
 * The real application on a test database, with media in a temporary folder
 * and the page cache off unless a test turns it on.
 */
export async function buildTestApp(db: Db, overrides: Partial<AppConfig> = {}): Promise<FastifyInstance> {
  const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-media-'));
  const app = await buildApp(
    { trustProxy: [], publicUrl: 'https://news.example', logLevel: 'silent', mediaRoot, pageCacheSeconds: 0, ...overrides },
    { db, storage: new LocalDiskStorage(mediaRoot), clock: systemClock },
  );
  app.addHook('onClose', async () => fs.rmSync(mediaRoot, { recursive: true, force: true }));
  return app;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { type AppConfig, buildApp } from '../app.js';
import type { Db } from '../db/database.js';
import { type Clock, systemClock } from '../lib/clock.js';
import type { AppDeps } from '../app-deps.js';
import type { FetchPage } from '../import/index.js';
import { type FetchImage, LocalDiskStorage, type MediaStorage } from '../media/index.js';
import { LexiconService } from '../moderation/index.js';
import { ConsoleSmsProvider, type SmsProvider } from '../readers/index.js';
import { checkAnswersAgainstOpenApi } from './api-contract.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Test apps only: where the console SMS provider writes, for tests that read the codes. */
    smsOutboxFile: string;
  }
}

/**
 * The real application on a test database, with media in a temporary folder
 * (or the storage a test passes), the page cache off unless a test turns it on,
 * and no Redis unless a test passes a client (the caller closes it). Every API
 * answer is checked against the OpenAPI document (api-contract.ts).
 */
export async function buildTestApp(
  db: Db,
  overrides: Partial<AppConfig> & { storage?: MediaStorage; redis?: Redis; sms?: SmsProvider; fetchImage?: FetchImage; fetchPage?: FetchPage; clock?: Clock } = {},
): Promise<FastifyInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-data-'));
  const { storage, redis, sms, fetchImage, fetchPage, clock, ...config } = overrides;
  const deps = testDeps(db, path.join(dataDir, 'media'), dataDir);
  const app = await buildApp(
    { trustProxy: [], publicUrl: 'https://news.example', logLevel: 'silent', pageCacheSeconds: 0, ...config },
    {
      ...deps,
      ...(storage && { storage }),
      ...(redis && { redis }),
      ...(sms && { sms }),
      ...(fetchImage && { fetchImage }),
      ...(fetchPage && { fetchPage }),
      ...(clock && { clock }),
    },
  );
  app.decorate('smsOutboxFile', smsOutboxFile(dataDir));
  checkAnswersAgainstOpenApi(app);
  app.addHook('onClose', async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return app;
}

/** Real collaborators on temporary folders; the SMS outbox is the console provider's file, as in development. */
export function testDeps(db: Db, mediaRoot: string, dataDir: string): AppDeps {
  return {
    db,
    storage: new LocalDiskStorage(mediaRoot),
    clock: systemClock,
    sms: new ConsoleSmsProvider(smsOutboxFile(dataDir)),
    lexicon: new LexiconService(db, systemClock),
  };
}

export const smsOutboxFile = (dataDir: string) => path.join(dataDir, 'sms-outbox.jsonl');

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Asset files are named in URLs with their content hash, so browsers may keep them for a year. */
function versioned(file: string): string {
  const hash = createHash('sha1').update(fs.readFileSync(path.join(ASSETS_DIR, file))).digest('hex').slice(0, 10);
  return `/assets/${file}?v=${hash}`;
}

export const assetUrls = { css: versioned('site.css'), js: versioned('site.js') };

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const fastifyStatic = (await import('@fastify/static')).default;
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    preCompressed: false,
  });
}

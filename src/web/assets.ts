import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sendVersionedFile, type VersionedFile } from '../http/versioned-asset.js';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

const CONTENT_TYPES = { 'site.css': 'text/css; charset=utf-8', 'site.js': 'text/javascript; charset=utf-8' };

/** A file kept in memory, hashed for its URL. */
const inMemory = (body: Buffer, contentType: string): VersionedFile => ({ body, contentType, hash: createHash('sha1').update(body).digest('hex').slice(0, 10) });

// WeChat's JS-SDK (jweixin 1.6, from the weixin-js-sdk package) is served from the site rather than from
// res.wx.qq.com: pages allow scripts from their own origin only (script-src 'self'), and the file then comes
// with the page's own caching and availability. The package is a CommonJS module; wrapped in a function with
// a `module` of its own it runs as a plain script and sets window.wx, as WeChat's own file does.
const JWEIXIN = `(function () {\nvar module = { exports: {} };\n${fs.readFileSync(createRequire(import.meta.url).resolve('weixin-js-sdk'), 'utf8')}\n})();\n`;

/** The public site's stylesheet and scripts, a few kB each: read once, kept in memory, hashed for their URLs. */
const files = new Map<string, VersionedFile>([
  ...Object.entries(CONTENT_TYPES).map(([name, contentType]) => [name, inMemory(fs.readFileSync(path.join(ASSETS_DIR, name)), contentType)] as const),
  ['jweixin.js', inMemory(Buffer.from(JWEIXIN), 'text/javascript; charset=utf-8')],
]);

const versioned = (name: string) => `/assets/${name}?v=${files.get(name)?.hash ?? ''}`;

/** The URLs pages link, each naming its file's content hash. */
export const assetUrls = { css: versioned('site.css'), js: versioned('site.js'), jweixin: versioned('jweixin.js') };

export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { file: string }; Querystring: { v?: string } }>('/assets/:file', async (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) return reply.callNotFound();
    return sendVersionedFile(request, reply, file);
  });
}

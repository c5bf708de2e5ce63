import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Asset files are named in URLs with their content hash, so browsers may keep them for a year. */
function versioned(file: string): string {
  const hash = createHash('sha1').update(fs.readFileSync(path.join(ASSETS_DIR, file))).digest('hex').slice(0, 10);
  return `/assets/${file}?v=${hash}`;
}

// WeChat's JS-SDK (jweixin 1.6, from the weixin-js-sdk package) is served from the site rather than from
// res.wx.qq.com: pages allow scripts from their own origin only (script-src 'self'), and the file then comes
// with the page's own caching and availability. The package is a CommonJS module; wrapped in a function with
// a `module` of its own it runs as a plain script and sets window.wx, as WeChat's own file does.
const JWEIXIN = `(function () {\nvar module = { exports: {} };\n${fs.readFileSync(createRequire(import.meta.url).resolve('weixin-js-sdk'), 'utf8')}\n})();\n`;
const jweixinUrl = `/assets/jweixin.js?v=${createHash('sha1').update(JWEIXIN).digest('hex').slice(0, 10)}`;

export const assetUrls = { css: versioned('site.css'), js: versioned('site.js'), jweixin: jweixinUrl };

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
  app.get('/assets/jweixin.js', (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(JWEIXIN);
  });
}

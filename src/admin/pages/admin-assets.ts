import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const CLIENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'client');

/** The two scripts: `admin` for every page but the editor, `editor` with TipTap (about 400 kB, so only where needed). */
export type AdminBundle = 'admin' | 'editor';

interface BuiltFile {
  body: Buffer;
  contentType: string;
  hash: string;
}

export interface AdminAssets {
  files: ReadonlyMap<string, BuiltFile>;
  urls: { css: string } & Record<AdminBundle, string>;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

async function buildAdminAssets(): Promise<AdminAssets> {
  const result = await build({
    entryPoints: {
      admin: path.join(CLIENT_DIR, 'admin.ts'),
      editor: path.join(CLIENT_DIR, 'editor.ts'),
      'admin-style': path.join(CLIENT_DIR, 'admin.css'),
    },
    outdir: '/admin-assets',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    // Chinese text stays as UTF-8 rather than \u escapes: a third of the size.
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, BuiltFile>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    files.set(name, {
      body: Buffer.from(file.contents),
      contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      hash: createHash('sha256').update(file.contents).digest('hex').slice(0, 12),
    });
  }
  const url = (name: string) => `/admin/assets/${name}?v=${files.get(name)?.hash ?? ''}`;
  return { files, urls: { css: url('admin-style.css'), admin: url('admin.js'), editor: url('editor.js') } };
}

let building: Promise<AdminAssets> | undefined;

/**
 * The admin's script and style, bundled by esbuild in memory the first time
 * an admin page is asked for (about half a second, once per process), so
 * starting the server never waits for it and no build step is needed before
 * `npm start`. A failed build is retried on the next request.
 */
export function loadAdminAssets(): Promise<AdminAssets> {
  building ??= buildAdminAssets().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

/** Serves the built files. The URLs carry the content hash, so a browser keeps each version for a year. */
export function registerAdminAssets(app: FastifyInstance): void {
  app.get<{ Params: { file: string }; Querystring: { v?: string } }>('/admin/assets/:file', async (request, reply) => {
    const file = (await loadAdminAssets()).files.get(request.params.file);
    if (!file) return reply.callNotFound();
    const current = request.query.v === file.hash;
    return reply
      .type(file.contentType)
      .header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('ETag', `"${file.hash}"`)
      .send(file.body);
  });
}

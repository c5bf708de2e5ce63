import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sendVersionedFile, type VersionedFile } from '../../http/versioned-asset.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLIENT_DIR = path.join(HERE, '..', 'client');
/** Where `npm run build` writes the bundle: dist/admin/assets, beside the compiled admin code. */
const BUILT_DIR = path.join(HERE, '..', 'assets');
/** Running the TypeScript sources (tests, development) rather than the build in dist/. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The two scripts: `admin` for every page but the editor, `editor` with TipTap (about 500 kB, 165 kB gzipped, so only where needed). */
export type AdminBundle = 'admin' | 'editor';

const ENTRY_POINTS = {
  admin: path.join(CLIENT_DIR, 'admin.ts'),
  editor: path.join(CLIENT_DIR, 'editor.ts'),
  'admin-style': path.join(CLIENT_DIR, 'admin.css'),
};
const FILE_NAMES = ['admin.js', 'editor.js', 'admin-style.css'];

export interface AdminAssets {
  files: ReadonlyMap<string, VersionedFile>;
  urls: { css: string } & Record<AdminBundle, string>;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Bundles the admin's browser scripts and style with esbuild: into `outdir`
 * for the build, or in memory (`outdir` undefined) when running the sources.
 * esbuild is imported here only, so the compiled server never loads it.
 */
export async function bundleAdminAssets(outdir?: string): Promise<Map<string, Uint8Array>> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: ENTRY_POINTS,
    outdir: outdir ?? '/admin-assets',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    // Chinese text stays as UTF-8 rather than \u escapes: a third of the size.
    charset: 'utf8',
    write: outdir !== undefined,
    logLevel: 'silent',
  });
  return new Map((result.outputFiles ?? []).map((file) => [path.basename(file.path), file.contents]));
}

async function readBuiltAssets(): Promise<Map<string, Uint8Array>> {
  return new Map(await Promise.all(FILE_NAMES.map(async (name) => [name, await readFile(path.join(BUILT_DIR, name))] as const)));
}

async function loadFiles(): Promise<AdminAssets> {
  const contents = FROM_SOURCES ? await bundleAdminAssets() : await readBuiltAssets();
  const files = new Map<string, VersionedFile>();
  for (const [name, body] of contents) {
    files.set(name, {
      body: Buffer.from(body),
      contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
    });
  }
  const url = (name: string) => `/admin/assets/${name}?v=${files.get(name)?.hash ?? ''}`;
  return { files, urls: { css: url('admin-style.css'), admin: url('admin.js'), editor: url('editor.js') } };
}

let loading: Promise<AdminAssets> | undefined;

/**
 * The admin's script and style, read the first time an admin page is asked
 * for: from the build output in dist/ (`npm run build`, which `npm install`
 * runs), or, when running the TypeScript sources, bundled by esbuild in
 * memory (about half a second, once per process), so no build is needed to
 * run the tests. A failed load is retried on the next request.
 */
export function loadAdminAssets(): Promise<AdminAssets> {
  loading ??= loadFiles().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Serves the built files; a URL naming the current content hash is kept for a year (see sendVersionedFile). */
export function registerAdminAssets(app: FastifyInstance): void {
  app.get<{ Params: { file: string }; Querystring: { v?: string } }>('/admin/assets/:file', async (request, reply) => {
    const file = (await loadAdminAssets()).files.get(request.params.file);
    if (!file) return reply.callNotFound();
    return sendVersionedFile(request, reply, file);
  });
}

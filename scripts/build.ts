// `npm run build` (and `npm install`, through `prepare`): src/ compiled to plain JavaScript in
// dist/, so production starts `node dist/main.js` without tsx or esbuild in the process.
//   node --import tsx scripts/build.ts [OUT_DIR]      (default: dist)
// Every module under src/ but the tests is transpiled file by file by esbuild (imports already
// name `.js` files, so the layout is src/'s; the server shares a few modules with the admin's
// browser code, so that is transpiled too), every other file there (styles, scripts, word lists)
// is copied beside it, and the admin's browser code is bundled into OUT_DIR/admin/assets.
// Types are checked by `npm test` (tsc), not here: esbuild builds in about a second, tsc in ten.
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleAdminAssets } from '../src/admin/pages/admin-assets.js';

const SOURCE_DIR = 'src';
/** The admin's browser code: its style and tsconfig go into the bundle, not beside the modules. */
const BROWSER_DIR = path.join(SOURCE_DIR, 'admin', 'client');

const outDir = path.resolve(process.argv[2] ?? 'dist');
const isModule = (file: string) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts');
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

const files = (await readdir(SOURCE_DIR, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath, entry.name))
  .filter((file) => !isTest(file));

await rm(outDir, { recursive: true, force: true });
await build({
  entryPoints: files.filter(isModule),
  outdir: outDir,
  outbase: SOURCE_DIR,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
await Promise.all(
  files
    .filter((file) => !isModule(file) && !file.endsWith('.d.ts') && !file.startsWith(BROWSER_DIR + path.sep))
    .map((file) => cp(file, path.join(outDir, path.relative(SOURCE_DIR, file)))),
);
await bundleAdminAssets(path.join(outDir, 'admin', 'assets'));
console.log(`bendi: built ${path.relative(process.cwd(), outDir) || outDir}`);

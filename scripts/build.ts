// `npm run build` (and `npm install`, through `prepare`): src/ compiled to plain JavaScript in
// dist/, so production starts `node dist/main.js` without tsx or esbuild in the process.
//   node --import tsx scripts/build.ts [OUT_DIR]      (default: dist)
// Every module under src/ but the tests is transpiled file by file by esbuild (imports already
// name `.js` files, so the layout is src/'s; the server shares a few modules with the admin's
// browser code, so that is transpiled too), every other file there (styles, scripts, word lists)
// is copied beside it, and the admin's browser code is bundled into OUT_DIR/admin/assets.
// The server's entry, OUT_DIR/main.js, is then bundled into one file (see bundleServer).
// Types are checked by `npm test` (tsc), not here: esbuild builds in about a second, tsc in ten.
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
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
await bundleServer();
console.log(`bendi: built ${path.relative(process.cwd(), outDir) || outDir}`);

/**
 * `node dist/main.js` as one file instead of some 2,000 modules (kysely alone is 986 of them):
 * resolving and linking each one was most of a start (the CPU time to the first answer fell from
 * about 2.0 s to 1.45 s on a loaded machine; whitespace minified, it holds 8 MB more at start). Left outside are the native packages,
 * those loaded only when used (Redis, S3, the admin's esbuild in development), and those that
 * find their own files at run time (swagger-ui's pages, ip2region's data, piscina's worker).
 * The modules compiled one by one above stay beside it: the worker threads, the CLI and the
 * files that modules read next to themselves (word lists, styles) are still found there.
 */
async function bundleServer(): Promise<void> {
  const bundle = await build({
    entryPoints: { main: path.join(SOURCE_DIR, 'main.ts') },
    outdir: outDir,
    bundle: true,
    // A module imported with import() becomes a chunk of its own, loaded when it is imported, and
    // the packages it imports with it: without splitting, esbuild hoists their imports to the top of
    // main.js, and a start without Redis or S3 loaded ioredis and the AWS SDK anyway (0.45 s, 40 MB).
    // Chunks sit beside main.js, so the module addresses keepModuleUrls writes hold in them too.
    splitting: true,
    chunkNames: '[name]-[hash]',
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
    plugins: [keepModuleUrls()],
    // Whitespace and syntax only: names stay, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    external: [
      ...['better-sqlite3', 'sharp', '@node-rs/*', 'pg-native'],
      ...['ioredis', '@aws-sdk/*', 'esbuild', 'tsx'],
      ...['@fastify/swagger', '@fastify/swagger-ui', 'ip2region', 'piscina'],
      // Its dictionaries are Chinese text, which esbuild writes as \u escapes, six bytes a character.
      'opencc-js/*',
    ],
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  });
  await Promise.all(bundle.outputFiles.map((file) => writeFile(file.path, asciiOnly(file.text))));
}

/**
 * esbuild escapes the non-ASCII characters of strings but leaves those of regular expressions (and
 * of license comments). One of them makes V8 hold the whole bundle's source, kept for compiling
 * functions on first call, as a two-byte string: 3 MB more in every process. `\uXXXX` is the same
 * character in a regular expression; a backslash that escaped the character itself is dropped.
 */
function asciiOnly(code: string): string {
  // Without the u flag the pattern matches UTF-16 units, so a character outside the BMP becomes its two surrogates.
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_match, backslashes: string, unit: string) => {
    const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes;
    return `${kept}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A module that finds a file beside itself (`new URL('./words.txt', import.meta.url)`) must
 * still find it once bundled into OUT_DIR/main.js: its import.meta.url becomes the address its
 * own compiled file has in OUT_DIR, where the files it reads were copied.
 */
function keepModuleUrls(): Plugin {
  return {
    name: 'keep-module-urls',
    setup(bundle) {
      const sourceRoot = path.resolve(SOURCE_DIR);
      bundle.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!args.path.startsWith(sourceRoot + path.sep)) return undefined;
        const compiledPath = `./${path.relative(sourceRoot, args.path).replace(/\.tsx?$/, '.js').split(path.sep).join('/')}`;
        const source = await readFile(args.path, 'utf8');
        return {
          contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(compiledPath)}, import.meta.url).href`),
          loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

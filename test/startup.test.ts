// The README's promise: `npm start` gives a working portal with demo content, and a bad setting
// stops the start with one line that says what and why. This runs the real entry point.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findStaffCredentials, verifyPassword } from '../src/accounts/index.js';
import { type Config, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { processDatabases } from '../src/test-support/process-databases.js';
import { cleanUp } from '../src/test-support/clean-up.js';
import { demoArticleId } from './support/demo.js';
import { startS3Server } from '../src/test-support/s3-server.js';
import { missingEnv } from '../src/test-support/skip-reasons.js';
import { startTcpProxy } from '../src/test-support/tcp-proxy.js';
import { freePort, npmStartArguments, REPO_ROOT, startNodeServer, startPortal } from './support/portal-process.js';

const ENTRY = ['--import', 'tsx', 'src/main.ts'];
const SIGN_IN_LINE = /^ {2}(admin|editor|reviewer) +(\S+) +(\S+)$/gm;

for (const [kind, prepare, skip] of processDatabases()) {
  describe(`npm start [${kind}]`, { skip }, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    const ready = prepare();
    after(async () => {
      await cleanUp(
        async () => (await ready).cleanup(),
        () => fs.rmSync(dataDir, { recursive: true, force: true }),
      );
    });

    it('creates the demo portal, and prints its one-time sign-ins, on the first start only', async () => {
      const { env } = await ready;
      const first = await startPortal({ ...env, DATA_DIR: dataDir });
      try {
        assert.match(first.output(), /created the demo portal \(\d+ articles\)/);
        assert.match(first.output(), /the portal answers at http:\/\/127\.0\.0\.1:\d+ \(data in /);
        assert.match(first.output(), /demo sign-in at http:\/\/127\.0\.0\.1:\d+\/admin/);
        assert.match(first.output(), /SMS codes are written to \S+sms-outbox\.jsonl, not sent \(development\)/);
        assert.doesNotMatch(first.output(), /WARNING/);
        const home = await fetch(first.origin).then((r) => r.text());
        assert.ok(home.includes('青溪生活网'));
        const article = await fetch(`${first.origin}/a/${await demoArticleId({ ...env, DATA_DIR: dataDir }, 'riverside-greenway-opens')}`);
        assert.equal(article.status, 200);
      } finally {
        assert.equal(await first.stop(), 0, 'SIGTERM shuts down cleanly');
      }
      await assertSignInsWork(first.output(), loadConfig({ ...env, DATA_DIR: dataDir }));

      const second = await startPortal({ ...env, DATA_DIR: dataDir, NODE_ENV: 'production' });
      try {
        assert.match(second.output(), /WARNING: NODE_ENV=production, but SMS codes are only written to \S+, never sent: readers cannot sign in/);
        assert.doesNotMatch(second.output(), /created the demo portal/);
        assert.doesNotMatch(second.output(), /sign-in|password/);
      } finally {
        await second.stop();
      }
    });
  });
}

/** Every demo role is listed, and each printed password verifies against the stored hash. */
async function assertSignInsWork(output: string, config: Config): Promise<void> {
  const signIns = [...output.matchAll(SIGN_IN_LINE)].map(([, role, username, password]) => ({ role, username, password }));
  assert.deepEqual(signIns.map((s) => s.role).sort(), ['admin', 'editor', 'editor', 'reviewer']);
  const { db } = openDatabase(config.database);
  try {
    for (const { username, password } of signIns) {
      const credentials = await findStaffCredentials(db, username!);
      assert.ok(credentials?.passwordHash && (await verifyPassword(credentials.passwordHash, password!)), username);
    }
  } finally {
    await db.destroy();
  }
}

describe('npm start from the build', () => {
  it('compiles src/ to JavaScript that seeds and serves the demo portal in both scripts, with the admin bundle', { timeout: 180_000 }, async () => {
    // A package of its own in a temporary folder, laid out as `npm install` leaves one: this
    // builds what is in src/ now, and neither reads a stale dist/ nor rewrites the one `npm start` runs.
    const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-build-'));
    try {
      fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(packageDir, 'package.json'));
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(packageDir, 'node_modules'));
      const build = spawnSync('npm', ['run', '--silent', 'build', '--', path.join(packageDir, 'dist')], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stdout + build.stderr);

      // A package the bundle imports statically is loaded by every start, used or not: Redis, S3, argon2 and the 繁體
      // dictionaries cost 0.6 s and 60 MB when they were, Swagger 0.14 s. Those come in chunks or lazily; and V8 holds the whole bundle
      // as a two-byte string, twice the memory, if a single character in it is not ASCII.
      const bundle = fs.readFileSync(path.join(packageDir, 'dist', 'main.js'), 'utf8');
      const packagesAtStart = [...bundle.matchAll(/\bimport(?:[\s{*][^;"]*?)?from"([^".][^"]*)"/g)].map((m) => m[1]!).filter((name) => !name.startsWith('node:'));
      assert.deepEqual([...new Set(packagesAtStart)].sort(), ['better-sqlite3', 'opencc-js/core']);
      assert.doesNotMatch(bundle, /[^\x00-\x7f]/, 'the bundle is ASCII');

      // The demo is seeded through the worker threads that sanitize article bodies, so they load compiled code too.
      // With npm start's own Node flags: one that Node refuses would break the README's first command.
      const startArguments = (await npmStartArguments()).map((arg) => (arg === 'dist/main.js' ? path.join(packageDir, 'dist', 'main.js') : arg));
      assert.ok(startArguments.includes(path.join(packageDir, 'dist', 'main.js')), 'npm start runs dist/main.js');
      const started = await startNodeServer(startArguments, { DATA_DIR: path.join(packageDir, 'data'), LOG_LEVEL: 'warn' });
      try {
        assert.match(started.output(), /created the demo portal \(\d+ articles\)/);
        const home = await fetch(started.origin).then((r) => r.text());
        assert.ok(home.includes('青溪生活网'));
        const traditional = await fetch(`${started.origin}/zh-hant/`).then((r) => r.text());
        assert.ok(traditional.includes('青溪生活網'), 'the 繁體 page is converted');
        const signIn = await fetch(`${started.origin}/admin/sign-in`).then((r) => r.text());
        const script = signIn.match(/src="(\/admin\/assets\/admin\.js\?v=[^"]+)"/)?.[1] ?? assert.fail('the sign-in page names its script');
        const served = await fetch(started.origin + script.replace(/&amp;/g, '&'));
        assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable', 'the built bundle is served under its hash');
        assert.ok((await served.text()).includes('登录'));
      } finally {
        assert.equal(await started.stop(), 0, 'SIGTERM shuts down cleanly');
      }
    } finally {
      fs.rmSync(packageDir, { recursive: true, force: true });
    }
  });
});

describe('npm start with a bad setting', () => {
  it('stops with one line that says what and why', () => {
    const result = spawnSync(process.execPath, ENTRY, { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'bendi: configuration error: PORT="eighty" must be a whole number from 1 to 65535');
  });

  it('stops with one line when REDIS_URL points where no Redis answers', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${port}` };
      const result = spawnSync(process.execPath, ENTRY, { env, encoding: 'utf8' });
      assert.equal(result.status, 1);
      assert.equal(result.stderr.trim(), `bendi: could not start: cannot reach Redis at 127.0.0.1:${port} (REDIS_URL): connect ECONNREFUSED 127.0.0.1:${port}`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts an empty portal when BENDI_DEMO=0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    const started = await startPortal({ DATA_DIR: dataDir, BENDI_DEMO: '0' });
    try {
      assert.doesNotMatch(started.output(), /demo/);
      assert.equal((await fetch(`${started.origin}/a/1`)).status, 404);
      assert.ok(fs.existsSync(path.join(dataDir, 'bendi.sqlite')), 'the data lives in DATA_DIR');
    } finally {
      await started.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start with Redis', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  it('stops at SIGTERM with exit 0 though Redis is gone', async () => {
    const redis = new URL(process.env.TEST_REDIS_URL!);
    const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    try {
      const started = await startPortal({ DATA_DIR: dataDir, BENDI_DEMO: '0', REDIS_URL: `redis://127.0.0.1:${link.port}` });
      await link.cut();
      assert.equal(await started.stop(), 0, started.output());
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start with media in an S3 bucket', () => {
  it('stores the demo images in the bucket and serves them under /media/, or links the public URL', { timeout: 120_000 }, async () => {
    const s3 = await startS3Server();
    const { env } = s3;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-start-'));
    try {
      const started = await startPortal({ ...env, DATA_DIR: dataDir });
      let image: string;
      try {
        const home = await fetch(started.origin).then((r) => r.text());
        image = home.match(/src="(\/media\/[^"]+\.(?:jpg|png|webp))"/)?.[1] ?? assert.fail('the home page shows a demo image');
        const served = await fetch(started.origin + image);
        assert.equal(served.status, 200);
        assert.match(served.headers.get('content-type') ?? '', /^image\//);
        assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.ok(!fs.existsSync(path.join(dataDir, 'media')), 'nothing is written to the local media folder');
      } finally {
        assert.equal(await started.stop(), 0);
      }

      const behindCdn = await startPortal({ ...env, DATA_DIR: dataDir, S3_PUBLIC_URL: 'https://img.news.example/' });
      try {
        const home = await fetch(behindCdn.origin).then((r) => r.text());
        assert.ok(home.includes(`https://img.news.example${image.slice('/media'.length)}`), 'pages link the public base URL');
      } finally {
        await behindCdn.stop();
      }
    } finally {
      await s3.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

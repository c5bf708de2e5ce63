// The promise of `npx bendi backup`: taken while the portal is busy writing, the backup holds every
// write that was answered before it started, and `npx bendi restore` brings it back into a new,
// empty database as a site that serves its articles and images. Real processes throughout.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { cleanUp } from '../src/test-support/clean-up.js';
import { BENDI_CLI } from '../src/test-support/cli-process.js';
import { type ProcessDatabase, processDatabases } from '../src/test-support/process-databases.js';
import { errorMessages } from '../src/messages/error-messages.js';
import { REPO_ROOT, startPortal } from './support/portal-process.js';
import { BROWSER_AGENT, type SignedInReader, signInReaders } from './support/readers.js';

const READERS = 10;
const WORKERS = 4;
const MAX_REQUESTS = 10_000;
const PREFIX = `备份测试${process.pid}`;

/** A write the portal answered 2xx, and when the answer arrived. */
interface Answered {
  kind: 'draft' | 'like' | 'comment';
  /** The draft's title, the comment's body, or `<phone> <articleId>` for a like: what the restored copy is searched for. */
  key: string;
  at: number;
}

interface Bendi {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npx bendi …` in a child process, without blocking this one: the load keeps going meanwhile. */
function bendi(env: Record<string, string>, args: string[]): Promise<Bendi> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...BENDI_CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bendi-${name}-`));

for (const [kind, prepare, skip] of processDatabases()) {
  describe(`npx bendi backup under write load, and restore [${kind}]`, { skip }, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    const backupDir = path.join(tempDir('backup'), 'snapshot');
    let sourceEnv: Record<string, string>;
    let answered: Answered[] = [];
    let backupStartedAt = 0;
    let backupEndedAt = 0;
    let backup: Bendi;

    /** A database of its own and a DATA_DIR for it, removed after the suite. */
    async function freshSite(): Promise<Record<string, string>> {
      const database: ProcessDatabase = await prepare();
      const dataDir = tempDir('site');
      cleanups.push(() => database.cleanup(), () => fs.rmSync(dataDir, { recursive: true, force: true }));
      return { ...database.env, DATA_DIR: dataDir };
    }

    before(async () => {
      cleanups.push(() => fs.rmSync(path.dirname(backupDir), { recursive: true, force: true }));
      sourceEnv = { ...(await freshSite()), TRUST_PROXY: '127.0.0.1' };
      const portal = await startPortal(sourceEnv);
      try {
        const token = await apiToken(sourceEnv);
        const readers = await signInReaders(portal.origin, sourceEnv.DATA_DIR!, READERS);
        const load = writeLoad(portal.origin, token, readers, await publishedArticles(sourceEnv));
        await load.answeredAtLeast(100);
        backupStartedAt = Date.now();
        backup = await bendi(sourceEnv, ['backup', backupDir]);
        backupEndedAt = Date.now();
        answered = await load.stop();
      } finally {
        await portal.stop();
      }
    });
    after(() => cleanUp(...cleanups.reverse()));

    it('backs up while writes go on, and restores every write answered before it started', { timeout: 400_000 }, async (t) => {
      assert.equal(backup.status, 0, backup.stderr);
      assert.match(backup.stdout, new RegExp(`^backed up the ${kind} database \\(schema \\w+\\) and \\d+ media files to `));
      const before = answered.filter((a) => a.at < backupStartedAt);
      const during = answered.filter((a) => a.at >= backupStartedAt && a.at <= backupEndedAt);
      t.diagnostic(`${before.length} writes answered before the backup, ${during.length} while it ran`);
      assert.ok(during.length > 0, 'the portal kept answering writes while the backup ran');
      for (const kindOfWrite of ['draft', 'like', 'comment'] as const) {
        assert.ok(before.some((a) => a.kind === kindOfWrite), `some ${kindOfWrite} was answered before the backup`);
      }

      const restoredEnv = await freshSite();
      const restored = await bendi(restoredEnv, ['restore', backupDir]);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, new RegExp(`^restored the ${kind} database of `));

      const handle = openDatabase(loadConfig(restoredEnv).database);
      try {
        const present = await restoredKeys(handle.db);
        const missing = before.filter((a) => !present.has(`${a.kind} ${a.key}`));
        assert.deepEqual(missing, [], `${missing.length} of ${before.length} writes answered before the backup are missing`);
      } finally {
        await handle.db.destroy();
      }
      await assertServesArticlesAndImages(restoredEnv, await publishedArticles(sourceEnv));
    });

    it('refuses, in Chinese, to restore into a database that has content, and changes nothing', async () => {
      const result = await bendi(sourceEnv, ['restore', backupDir]);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, `bendi: ${errorMessages['backup.target_not_empty']}\n`);
    });

    it('refuses a backup with a tampered file, naming the file, before writing anything', async () => {
      const tampered = path.join(tempDir('tampered'), 'snapshot');
      cleanups.push(() => fs.rmSync(path.dirname(tampered), { recursive: true, force: true }));
      fs.cpSync(backupDir, tampered, { recursive: true });
      const manifest = JSON.parse(fs.readFileSync(path.join(tampered, 'manifest.json'), 'utf8')) as { checksums: Record<string, string> };
      const image = Object.keys(manifest.checksums).find((file) => file.startsWith('media/'));
      assert.ok(image, 'the backup holds the demo images');
      fs.appendFileSync(path.join(tampered, image), 'x');

      const targetEnv = await freshSite();
      const result = await bendi(targetEnv, ['restore', tampered]);
      assert.equal(result.status, 1);
      assert.ok(result.stderr.endsWith(`bendi: ${errorMessages['backup.checksum_mismatch']}：${image}\n`), result.stderr);
      assert.equal(fs.existsSync(path.join(targetEnv.DATA_DIR!, 'media')), false, 'no media file was restored');
      assert.equal((await bendi(targetEnv, ['restore', backupDir])).status, 0, 'the target is still empty: the good backup restores into it');
    });

    it('refuses wrong usage with exit 2, and a directory that is not a backup with exit 1', async () => {
      const [missing, notBackup, full] = await Promise.all([
        bendi(sourceEnv, ['backup']),
        freshSite().then((env) => bendi(env, ['restore', path.dirname(backupDir)])),
        bendi(sourceEnv, ['backup', backupDir]),
      ]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /name one backup directory/);
      assert.equal(notBackup.status, 1);
      assert.equal(notBackup.stderr, `bendi: ${errorMessages['backup.not_a_backup']}\n`);
      assert.equal(full.status, 1);
      assert.ok(full.stderr.includes(errorMessages['backup.dir_not_empty']), full.stderr);
    });
  });
}

/** A bearer token for the demo admin, from the CLI, as an operator would get one. */
async function apiToken(env: Record<string, string>): Promise<string> {
  const result = await bendi(env, ['token', 'create', '--username', 'linxiaowen']);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

async function publishedArticles(env: Record<string, string>): Promise<Array<{ id: number; title: string; category_id: number }>> {
  const handle = openDatabase(loadConfig(env).database);
  try {
    return await handle.db.selectFrom('articles').select(['id', 'title', 'category_id']).where('status', '=', 'published').orderBy('id').execute();
  } finally {
    await handle.db.destroy();
  }
}

/**
 * Staff drafts, reader likes and reader comments, WORKERS at a time, each
 * recorded when its 2xx answer arrives; a comment the flood limit turns away
 * (429) is simply not a write. Runs until stop().
 */
function writeLoad(origin: string, token: string, readers: SignedInReader[], articles: Array<{ id: number; category_id: number }>) {
  const answered: Answered[] = [];
  let sent = 0;
  let stopping = false;
  const send = async (n: number): Promise<void> => {
    const reader = readers[n % readers.length]!;
    const article = articles[Math.floor(n / 3) % articles.length]!;
    const asReader = { cookie: reader.cookie, 'user-agent': BROWSER_AGENT, 'x-forwarded-for': reader.address };
    const request = (url: string, method: string, headers: Record<string, string>, body?: object) =>
      fetch(origin + url, {
        method,
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    if (n % 3 === 0) {
      const title = `${PREFIX} 草稿 ${n}`;
      const body = { categoryId: article.category_id, title, bodyHtml: '<p>负载</p>', origin: 'original' };
      const response = await request('/api/admin/articles', 'POST', { authorization: `Bearer ${token}` }, body);
      assert.equal(response.status, 201, await response.text());
      answered.push({ kind: 'draft', key: title, at: Date.now() });
    } else if (n % 3 === 1) {
      const response = await request(`/api/articles/${article.id}/like`, 'PUT', asReader);
      assert.equal(response.status, 200, await response.text());
      answered.push({ kind: 'like', key: `${reader.phone} ${article.id}`, at: Date.now() });
    } else {
      const body = `${PREFIX} 评论 ${n}`;
      const response = await request(`/api/articles/${article.id}/comments`, 'POST', asReader, { body });
      if (response.status === 429) return;
      assert.equal(response.status, 201, await response.text());
      answered.push({ kind: 'comment', key: body, at: Date.now() });
    }
  };
  const workers = Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (!stopping && sent < MAX_REQUESTS) await send(sent++);
    }),
  );
  workers.catch(() => {});
  return {
    async answeredAtLeast(count: number): Promise<void> {
      while (answered.length < count) {
        await Promise.race([workers, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
    },
    async stop(): Promise<Answered[]> {
      stopping = true;
      await workers;
      return answered;
    },
  };
}

/** Every draft title, comment body and `<phone> <article>` like in the database, as `<kind> <key>`. */
async function restoredKeys(db: Db): Promise<Set<string>> {
  const drafts = await db.selectFrom('articles').select('title').where('title', 'like', `${PREFIX}%`).execute();
  const comments = await db.selectFrom('comments').select('body').where('body', 'like', `${PREFIX}%`).execute();
  const likes = await db
    .selectFrom('article_likes')
    .innerJoin('readers', 'readers.id', 'article_likes.reader_id')
    .select(['readers.phone', 'article_likes.article_id'])
    .execute();
  return new Set([
    ...drafts.map((d) => `draft ${d.title}`),
    ...comments.map((c) => `comment ${c.body}`),
    ...likes.map((l) => `like ${l.phone} ${l.article_id}`),
  ]);
}

/** The restored portal serves each published article, and every image its page shows. */
async function assertServesArticlesAndImages(env: Record<string, string>, articles: Array<{ id: number; title: string }>): Promise<void> {
  const portal = await startPortal(env);
  try {
    const images = new Set<string>();
    for (const article of articles) {
      const response = await fetch(`${portal.origin}/a/${article.id}`);
      assert.equal(response.status, 200, `article ${article.id}`);
      const html = await response.text();
      assert.ok(html.includes(article.title), `article ${article.id} shows its title`);
      for (const [url] of html.matchAll(/\/media\/[a-z0-9/-]+\.[a-z0-9]{2,5}/g)) images.add(url);
    }
    assert.ok(images.size > 0, 'the articles show images');
    for (const url of images) {
      const response = await fetch(portal.origin + url);
      assert.equal(response.status, 200, url);
      assert.match(response.headers.get('content-type') ?? '', /^image\//, url);
      await response.arrayBuffer();
    }
  } finally {
    await portal.stop();
  }
}

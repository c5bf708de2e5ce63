// The layout docs/deploy.md describes, as real processes: three bendi instances sharing one
// PostgreSQL database, one Redis and one S3 bucket, first each on its own port (whatever
// one instance does, the others show at their very next request, also under mixed load with
// one of them stopped and a backup taken in the middle), then two behind Debian's nginx
// configured from deploy/nginx/bendi.conf (both serve, answers are compressed, the reader's
// address arrives for IP属地 and cannot be forged by the reader).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { solidPng } from '../src/media/testing.js';
import { BENDI_CLI } from '../src/test-support/cli-process.js';
import { missingEnv } from '../src/test-support/skip-reasons.js';
import { uniqueSuffix } from '../src/test-support/factories.js';
import { demoArticleId } from './support/demo.js';
import { missingNginx, type RunningNginx, startNginx } from './support/nginx.js';
import { apiToken, publishThenReview } from './support/portal-admin.js';
import { REPO_ROOT } from './support/portal-process.js';
import { BROWSER_AGENT, signInReaders } from './support/readers.js';
import { DEMO_ADMIN, type Instance, type Instances, startInstances } from './support/scale-out.js';

/** Counters may be buffered (in Redis, flushed every second or so): a total is read until it settles on the expected one. */
const SETTLE_MS = 10_000;

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
  json<T = any>(): T;
}

/** One request with fetch, its body read whole; `from` sends it from another loopback address (node:http, which can bind one). */
async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | FormData; from?: string } = {}): Promise<Answer> {
  const { from, ...rest } = init;
  const response = from ? await sendFrom(from, url, rest) : await fetch(url, { ...rest, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: () => body.toString(), json: () => JSON.parse(body.toString()) };
}

/** fetch cannot choose its source address; node:http can, and leaves Content-Encoding for the test to undo. */
function sendFrom(localAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string | FormData }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, localAddress, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    req.on('error', reject);
    req.end(typeof init.body === 'string' ? init.body : undefined);
  });
}

/** The body after undoing the one content coding the answer names. */
function decoded(answer: Answer): string {
  const encoding = answer.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString();
  if (encoding === 'gzip') return gunzipSync(answer.body).toString();
  assert.equal(encoding, null);
  return answer.text();
}

async function settles<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let seen = await read();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await read();
  }
  assert.equal(seen, expected, what);
}

/** `npx bendi …` with an instance's environment, run beside the load (not blocking it): its exit code and output. */
async function runCli(env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...BENDI_CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('three instances sharing PostgreSQL, Redis and S3 storage', { skip: missingEnv('TEST_POSTGRES_URL') || missingEnv('TEST_REDIS_URL') }, () => {
  let group: Instances;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  let admin: Record<string, string>;

  before(async () => {
    group = await startInstances(process.env.TEST_POSTGRES_URL!, process.env.TEST_REDIS_URL!, 3);
    [a, b, c] = group.instances as [Instance, Instance, Instance];
    const token = apiToken(a.env);
    admin = { authorization: `Bearer ${token}` };
    await publishThenReview(a.origin, token);
  });
  after(() => group?.stop());

  /** A new article, published through A's admin API (draft, submitted, approved). */
  async function publishOn(instance: Instance, title: string): Promise<number> {
    const { categories } = (await send(`${instance.origin}/api/admin/categories`, { headers: admin })).json<{ categories: Array<{ id: number }> }>();
    const draft = await send(`${instance.origin}/api/admin/articles`, {
      method: 'POST',
      ...json({ categoryId: categories[0]!.id, title, bodyHtml: '<p>两台实例之间的正文。</p>', origin: 'original' }, admin),
    });
    assert.equal(draft.status, 201, draft.text());
    const id = draft.json().article.id as number;
    for (const to of ['pending', 'published']) await moveArticle(instance, id, to);
    return id;
  }

  async function moveArticle(instance: Instance, id: number, to: string): Promise<void> {
    const { version } = (await send(`${instance.origin}/api/admin/articles/${id}`, { headers: admin })).json().article;
    const moved = await send(`${instance.origin}/api/admin/articles/${id}/transitions`, {
      method: 'POST',
      ...json({ to, version, ...(to === 'withdrawn' ? { reason: '信息有误' } : {}) }, admin),
    });
    assert.equal(moved.status, 200, moved.text());
  }

  describe('each on its own port', () => {
    it('publish on A: B shows it at its next request; withdraw on A: B answers 404 at its next request', async () => {
      const title = `两台实例 ${uniqueSuffix()}`;
      // B's home page is in its cache before the article exists.
      assert.doesNotMatch((await send(`${b.origin}/`)).text(), new RegExp(title));
      const id = await publishOn(a, title);
      assert.match((await send(`${b.origin}/`)).text(), new RegExp(title), "B's cached home page was dropped");
      for (let i = 0; i < 2; i++) assert.equal((await send(`${b.origin}/a/${id}`)).status, 200, 'B serves (and keeps) the article');
      await moveArticle(a, id, 'withdrawn');
      assert.equal((await send(`${b.origin}/a/${id}`)).status, 404);
      assert.doesNotMatch((await send(`${b.origin}/`)).text(), new RegExp(title));
    });

    it('serves from B an image uploaded on A', async () => {
      const form = new FormData();
      form.set('file', new Blob([await solidPng(640, 360, '#3366aa')], { type: 'image/png' }), 'photo.png');
      form.set('alt', '青溪大桥');
      const uploaded = await send(`${a.origin}/api/admin/media`, { method: 'POST', headers: admin, body: form });
      assert.equal(uploaded.status, 201, uploaded.text());
      const { url, variants } = uploaded.json<{ url: string; variants: Array<{ url: string }> }>();
      for (const path of [url, ...variants.map((v) => v.url)]) {
        const onA = await send(a.origin + path);
        const onB = await send(b.origin + path);
        assert.equal(onB.status, 200, `${path} from B`);
        assert.match(String(onB.headers.get('content-type')), /^image\//);
        assert.ok(onB.body.equals(onA.body), `${path}: the same bytes from both`);
      }
    });

    it('counts likes and reads sent to both instances at once exactly, once each', async () => {
      const id = await demoArticleId(a.env, 'bearing-smart-line');
      const counts = async () => (await send(`${b.origin}/api/articles/${id}/comments`)).json<{ counts: { likes: number; reads: number } }>().counts;
      const start = await counts();
      const readers = await signInReaders(a.origin, a.dataDir, 12);
      const visitors = Array.from({ length: 20 }, (_, i) => `scale-out-${uniqueSuffix()}-${i}`);
      // Every reader likes on both at the same moment, every visitor reads on both: each may count once.
      const answers = await Promise.all([
        ...readers.flatMap((reader) =>
          [a, b].map((instance) =>
            send(`${instance.origin}/api/articles/${id}/like`, {
              method: 'PUT',
              headers: { cookie: reader.cookie, 'user-agent': BROWSER_AGENT, 'x-forwarded-for': reader.address },
            }),
          ),
        ),
        ...visitors.flatMap((visitor) =>
          [a, b].map((instance) => send(`${instance.origin}/api/articles/${id}/reads`, { method: 'POST', headers: { cookie: `bendi_v=${visitor}`, 'user-agent': BROWSER_AGENT } })),
        ),
      ]);
      assert.deepEqual(answers.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text()}`), []);
      const counted = answers.filter((r) => r.json().counted === true).length;
      assert.equal(counted, visitors.length, 'each visitor counted on one instance only');
      await settles(async () => (await counts()).likes, start.likes + readers.length, 'likes: one per reader');
      await settles(async () => (await counts()).reads, start.reads + visitors.length, 'reads: one per visitor');
      assert.equal((await send(`${a.origin}/api/articles/${id}/comments`)).json().counts.likes, start.likes + readers.length, 'and A says the same');
    });

    it('takes a staff session made on A on B', async () => {
      const signedIn = await send(`${a.origin}/api/admin/session`, { method: 'POST', ...json({ username: DEMO_ADMIN, password: group.adminPassword }) });
      assert.equal(signedIn.status, 200, signedIn.text());
      const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const onB = await send(`${b.origin}/api/admin/session`, { headers: { cookie } });
      assert.equal(onB.status, 200, onB.text());
      assert.equal(onB.json().user.username, DEMO_ADMIN);
      const page = await send(`${b.origin}/admin`, { headers: { cookie } });
      assert.equal(page.status, 200, 'the newsroom opens on B, not the sign-in page');
      assert.equal((await send(`${b.origin}/admin`)).status, 303, 'without the cookie it does not');
    });

    it('holds the SMS limits over both: one code per number, twenty an hour per address', async () => {
      const phone = `139${String(process.pid % 10_000).padStart(4, '0')}${String(Date.now() % 10_000).padStart(4, '0')}`;
      const ask = (instance: Instance, number: string, address: string) =>
        send(`${instance.origin}/api/auth/sms-code`, { method: 'POST', ...json({ phone: number }, { 'user-agent': BROWSER_AGENT, 'x-forwarded-for': address }) });
      const samePhone = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i % 2 ? b : a, phone, `203.0.113.${80 + i}`)));
      assert.deepEqual(samePhone.map((r) => r.status).sort(), [202, ...Array<number>(9).fill(429)]);
      const phones = Array.from({ length: 25 }, (_, i) => `${phone.slice(0, 7)}${String(i).padStart(4, '0')}`).filter((p) => p !== phone);
      const sameAddress = await Promise.all(phones.map((number, i) => ask(i % 2 ? b : a, number, '203.0.113.99')));
      assert.equal(sameAddress.filter((r) => r.status === 202).length, 20);
      assert.ok(sameAddress.every((r) => r.status === 202 || r.status === 429));
    });

    it('under mixed load on all three: a withdrawal and a comment approval show at once everywhere, and a SIGTERM and a backup in the middle lose no answered write', { timeout: 400_000 }, async (t) => {
      const articleId = await demoArticleId(a.env, 'bearing-smart-line');
      const doomedTitle = `将被撤下 ${uniqueSuffix()}`;
      const doomed = await publishOn(a, doomedTitle);
      const [commenter, ...likers] = await signInReaders(a.origin, a.dataDir, 41);
      const commentBody = `三台实例之间的评论 ${uniqueSuffix()}`;
      // 先审后发 for comments, so this one waits for a moderator.
      const policy = await send(`${a.origin}/api/admin/settings`, { method: 'PATCH', ...json({ commentModeration: 'pre' }, admin) });
      assert.equal(policy.status, 200, policy.text());
      const posted = await send(`${a.origin}/api/articles/${articleId}/comments`, {
        method: 'POST',
        ...json({ body: commentBody }, { cookie: commenter!.cookie, 'user-agent': BROWSER_AGENT, 'x-forwarded-for': commenter!.address }),
      });
      assert.equal(posted.status, 201, posted.text());
      assert.equal(posted.json().outcome, 'held', 'the comment waits for a moderator');
      const counts = async () => (await send(`${b.origin}/api/articles/${articleId}/comments`)).json<{ counts: { likes: number; reads: number } }>().counts;
      const start = await counts();

      // Readers on all three at once: the doomed article, the home page, the comments, likes (each reader once) and reads (each visitor once).
      const seen: Array<{ kind: string; instance: Instance; startedAt: number; endedAt: number; status: number; body: string }> = [];
      const live = [a, b, c];
      // Answers that ended before the approval was asked for may not show the comment; requests sent after it was answered must.
      const events = { withdrawnAt: Number.POSITIVE_INFINITY, approvalAskedAt: 0, approvedAt: Number.POSITIVE_INFINITY };
      let nextLiker = 0;
      let running = true;
      const reader = async (worker: number) => {
        for (let i = worker; running; i++) {
          const instance = live[i % live.length]!;
          const kind = ['article', 'home', 'comments', 'like', 'read'][i % 5]!;
          const liker = kind === 'like' ? likers[nextLiker++] : undefined;
          if (kind === 'like' && !liker) continue;
          const startedAt = Date.now();
          const request =
            kind === 'article' ? send(`${instance.origin}/a/${doomed}`)
            : kind === 'home' ? send(`${instance.origin}/`)
            : kind === 'comments' ? send(`${instance.origin}/api/articles/${articleId}/comments`)
            : kind === 'like' ? send(`${instance.origin}/api/articles/${articleId}/like`, { method: 'PUT', headers: { cookie: liker!.cookie, 'user-agent': BROWSER_AGENT, 'x-forwarded-for': liker!.address } })
            : send(`${instance.origin}/api/articles/${articleId}/reads`, { method: 'POST', headers: { cookie: `bendi_v=three-${uniqueSuffix()}-${i}`, 'user-agent': BROWSER_AGENT } });
          // A refused connection (the stopped instance) is an answer no reader got: it counts as nothing.
          const answer = await request.catch(() => undefined);
          if (answer) seen.push({ kind, instance, startedAt, endedAt: Date.now(), status: answer.status, body: answer.text() });
        }
      };
      const load = Promise.all(Array.from({ length: 6 }, (_, worker) => reader(worker)));
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

      await pause(1500);
      await moveArticle(a, doomed, 'withdrawn');
      events.withdrawnAt = Date.now();
      await pause(1000);
      events.approvalAskedAt = Date.now();
      const approved = await send(`${b.origin}/api/admin/comments/transitions`, { method: 'POST', ...json({ ids: [posted.json().comment.id], to: 'published' }, admin) });
      assert.equal(approved.status, 200, approved.text());
      events.approvedAt = Date.now();
      const backupDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-three-')), 'snapshot');
      // The database and every image of its snapshot in the bucket, while all three write to it.
      const backup = runCli(a.env, ['backup', backupDir]);
      await pause(1000);
      // SIGTERM without stop()'s SIGKILL after 10 s: on a loaded machine finishing the requests in flight may take longer.
      const cStopped = once(c.child, 'exit').then(() => c.child.exitCode);
      c.child.kill('SIGTERM');
      await pause(1000);
      live.splice(live.indexOf(c), 1);
      await pause(1500);
      running = false;
      await load;
      const [cExit, backedUp] = await Promise.all([cStopped, backup]);
      fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });

      t.diagnostic(`${seen.length} answers; ${seen.filter((s) => s.instance === c).length} from the instance stopped in the middle`);
      assert.equal(cExit, 0, `the stopped instance finished its requests and exited cleanly:\n${c.output()}`);
      assert.equal(backedUp.code, 0, backedUp.stderr);
      assert.match(backedUp.stdout, /^backed up the postgres database \(schema \w+\) and [1-9]\d* media files/);
      const failures = seen.filter((s) => s.status >= 500 && !(s.instance === c && s.status === 503));
      assert.deepEqual(failures.map((s) => `${s.status} ${s.kind}`), [], 'no errors; only the stopping instance may answer 503');

      const answered = (kind: string) => seen.filter((s) => s.kind === kind && s.status < 500);
      const doomedAfter = answered('article').filter((s) => s.startedAt > events.withdrawnAt);
      assert.ok(answered('article').some((s) => s.startedAt < events.withdrawnAt && s.status === 200), 'the article was served before');
      assert.ok(doomedAfter.length > 0);
      assert.deepEqual(doomedAfter.filter((s) => s.status !== 404).map((s) => s.status), [], 'after the withdrawal no instance serves the article');
      const homesAfter = answered('home').filter((s) => s.startedAt > events.withdrawnAt);
      assert.ok(homesAfter.length > 0);
      assert.ok(homesAfter.every((s) => !s.body.includes(doomedTitle)), 'nor lists it on the home page');
      const commentsBefore = answered('comments').filter((s) => s.endedAt < events.approvalAskedAt);
      const commentsAfter = answered('comments').filter((s) => s.startedAt > events.approvedAt);
      assert.ok(commentsBefore.length > 0 && commentsAfter.length > 0);
      assert.ok(commentsBefore.every((s) => !s.body.includes(commentBody)), 'the held comment is shown to no reader');
      assert.ok(commentsAfter.every((s) => s.body.includes(commentBody)), 'once approved, every instance shows it');

      const likes = answered('like').filter((s) => s.status === 200).length;
      const reads = answered('read').filter((s) => s.status === 200 && JSON.parse(s.body).counted === true).length;
      t.diagnostic(`${likes} likes and ${reads} reads answered`);
      assert.ok(likes > 0 && reads > 0);
      await settles(async () => (await counts()).likes, start.likes + likes, 'every answered like counted once, the stopped instance’s too');
      await settles(async () => (await counts()).reads, start.reads + reads, 'every answered read counted once, the stopped instance’s too');
    });
  });

  describe('behind nginx (deploy/nginx/bendi.conf)', { skip: missingNginx() }, () => {
    let nginx: RunningNginx;
    before(async () => {
      nginx = await startNginx([a.origin, b.origin]);
    });
    after(() => nginx?.stop());

    it('passes requests to both instances', async () => {
      for (let i = 0; i < 10; i++) assert.equal((await send(`${nginx.origin}/`)).status, 200);
      const upstreams = new Set([...nginx.accessLog().matchAll(/upstream=(\S+)/g)].map((m) => m[1]));
      assert.deepEqual([...upstreams].sort(), [new URL(a.origin).host, new URL(b.origin).host].sort());
    });

    it("compresses: bendi's own br and gzip pass through, and nginx gzips what arrives plain", async () => {
      const id = await demoArticleId(a.env, 'bearing-smart-line');
      for (const url of [`/a/${id}`, '/assets/site.css', '/api/docs/json', '/no/such/page']) {
        for (const encoding of ['br', 'gzip']) {
          const answer = await send(nginx.origin + url, { from: '127.0.0.1', headers: { 'accept-encoding': encoding } });
          assert.equal(answer.headers.get('content-encoding'), encoding, `${url} ${encoding}`);
          assert.ok(decoded(answer).length > answer.body.length, `${url} ${encoding}: smaller`);
        }
      }
      // A page's tag survives nginx as bendi made it, so the reader's next request is a 304.
      const page = await send(`${nginx.origin}/a/${id}`, { from: '127.0.0.1', headers: { 'accept-encoding': 'gzip' } });
      const etag = String(page.headers.get('etag'));
      const again = await send(`${nginx.origin}/a/${id}`, { from: '127.0.0.1', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      assert.equal(again.status, 304);
      // x-no-compression asks @fastify/compress to leave the answer alone: nginx's own gzip then does it, for a CDN too (Via).
      const plain = await send(`${nginx.origin}/assets/site.css`, {
        from: '127.0.0.1',
        headers: { 'accept-encoding': 'gzip', 'x-no-compression': '1', via: '1.1 cdn.example' },
      });
      assert.equal(plain.headers.get('content-encoding'), 'gzip');
      assert.match(decoded(plain), /body/);
      assert.match(String(plain.headers.get('vary')), /accept-encoding/i);
    });

    it('makes pages for the Host the reader asked, whatever X-Forwarded-Host the reader sent', async () => {
      const id = await demoArticleId(a.env, 'bearing-smart-line');
      const page = await send(`${nginx.origin}/a/${id}`, { from: '127.0.0.2', headers: { 'x-forwarded-host': 'evil.example' } });
      assert.equal(page.status, 200);
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(page.text())?.[1];
      assert.equal(canonical && new URL(canonical).hostname, new URL(nginx.origin).hostname, canonical);
    });

    it("gives bendi the reader's address for IP属地, and never one the reader made up", async () => {
      const id = await demoArticleId(a.env, 'bearing-smart-line');
      const [reader] = await signInReaders(a.origin, a.dataDir, 1);
      const comment = async (from: string, forwardedFor?: string) => {
        const answer = await send(`${nginx.origin}/api/articles/${id}/comments`, {
          method: 'POST',
          from,
          ...json({ body: `经过代理的评论 ${uniqueSuffix()}` }, { cookie: reader!.cookie, 'user-agent': BROWSER_AGENT, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }),
        });
        assert.equal(answer.status, 201, answer.text());
        return answer.json().comment.ipRegion as string | null;
      };
      // From a trusted proxy in front (a CDN on 127.0.0.1, as TRUST_PROXY says): the address it passes on counts.
      assert.equal(await comment('127.0.0.1', '115.236.1.1'), '浙江');
      // From a reader who is no proxy (127.0.0.2): its own address counts, whatever it claims.
      assert.equal(await comment('127.0.0.2', '115.236.1.1'), null);
      const signIns = await send(`${nginx.origin}/api/admin/session`, { method: 'POST', from: '127.0.0.2', ...json({ username: DEMO_ADMIN, password: group.adminPassword }, { 'x-forwarded-for': '115.236.1.1' }) });
      assert.equal(signIns.status, 200);
      const { entries } = (await send(`${a.origin}/api/admin/audit?action=staff.sign_in`, { headers: admin })).json<{ entries: Array<{ actor: { ip: string } }> }>();
      assert.equal(entries[0]?.actor.ip, '127.0.0.2', 'the audit log has the address nginx saw');
    });
  });
});

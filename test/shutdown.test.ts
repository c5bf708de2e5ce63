// The promise: SIGTERM in the middle of a comment burst stops taking new work, finishes
// what is in flight, fails /readyz meanwhile, closes the database and exits 0, and every
// comment answered 201 is in the database afterwards. This signals the real process.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { processDatabases } from '../src/test-support/process-databases.js';
import { demoArticleId } from './support/demo.js';
import { portalEnvironment } from './support/portal-environment.js';
import { apiToken, publishThenReview } from './support/portal-admin.js';
import { type RunningProcess, startPortal } from './support/portal-process.js';
import { BROWSER_AGENT, type SignedInReader, signInReaders } from './support/readers.js';

const READERS = 30;
const IN_FLIGHT = 20;
const SIGNAL_AFTER_ANSWERS = 300;
// Bounds the loop even if the process never stops.
const MAX_REQUESTS = 20_000;
const BODY_PREFIX = '停机测试';
const DRAINING_LINE = /SIGTERM: finishing the requests in flight/;
/** src/main.ts stops a shutdown that takes longer than this with exit code 1. */
const SHUTDOWN_DEADLINE_MS = 30_000;

interface Burst {
  /** Bodies and ids of the comments answered 201. */
  answered: Array<{ body: string; id: number }>;
  answeredAfterSignal: number;
  inFlightAtSignal: number;
  /** After the signal: refused at connect, or cut off with a connection that was idle when the server closed. */
  turnedAway: number;
  /** Anything else: a 500, or an error before the signal. Never expected. */
  unexpected: string[];
  /** What /readyz answered between the signal and the exit ('refused' for a refused connection). */
  readiness: Array<number | 'refused'>;
  exitCode: number | null;
}

for (const [kind, prepare, skip] of processDatabases()) {
  describe(`a portal stopped with SIGTERM during a comment burst [${kind}]`, { skip }, () => {
    const portalEnv = portalEnvironment(prepare, 'shutdown');

    it('finishes the comments in flight, keeps every one answered 201, and exits 0', { timeout: 400_000 }, async (t) => {
      const env = await portalEnv();
      const portal = await startPortal(env);
      let burst: Burst;
      let articleId: number;
      try {
        await publishThenReview(portal.origin, apiToken(env));
        articleId = await demoArticleId(env, 'bearing-smart-line');
        const readers = await signInReaders(portal.origin, env.DATA_DIR!, READERS);
        burst = await commentUntilStopped(portal, articleId, readers);
      } finally {
        await portal.stop();
      }
      t.diagnostic(
        `${burst.answered.length} answered (${burst.answeredAfterSignal} after SIGTERM, ${burst.inFlightAtSignal} in flight at it), ` +
          `${burst.turnedAway} turned away, /readyz while draining: ${burst.readiness.join(' ')}`,
      );
      assert.deepEqual(burst.unexpected, []);
      assert.equal(burst.exitCode, 0, `exit code 0:\n${portal.output()}`);
      assert.ok(burst.inFlightAtSignal > 0, 'the signal landed while requests were in flight');
      assert.ok(burst.answeredAfterSignal > 0, 'requests in flight at the signal were finished, not cut off');
      assert.ok(burst.readiness.length > 0 && burst.readiness.every((r) => r !== 200), '/readyz never says ready while draining');

      const { db } = openDatabase(loadConfig(env).database);
      try {
        const rows = await db
          .selectFrom('comments')
          .select(['id', 'body', 'status'])
          .where('article_id', '=', articleId)
          .where('body', 'like', `${BODY_PREFIX} %`)
          .execute();
        const byBody = new Map(rows.map((r) => [r.body, r]));
        const lost = burst.answered.filter((a) => byBody.get(a.body)?.id !== a.id || byBody.get(a.body)?.status !== 'published');
        assert.deepEqual(lost, [], `${lost.length} of ${burst.answered.length} comments answered 201 are missing`);
        // A request turned away was never handled, so it may have left no row; nothing else may appear.
        assert.ok(rows.length <= burst.answered.length + burst.turnedAway, `${rows.length} rows for ${burst.answered.length} answered`);
      } finally {
        await db.destroy();
      }
    });

    it('answers a request on a kept-alive connection while draining with Connection: close, and exits 0 without waiting on it', { timeout: 120_000 }, async () => {
      const portal = await startPortal(await portalEnv());
      const agent = new http.Agent({ keepAlive: true });
      try {
        const exit = once(portal.child, 'exit');
        const post = postWithBodyHeldBack(agent, `${portal.origin}/api/auth/sign-out`, '{}');
        // As on an nginx upstream connection: the request has arrived and is being handled when the signal comes.
        await post.read;
        portal.child.kill('SIGTERM');
        await untilDraining(portal, () => portal.child.exitCode !== null);
        const { status, connection } = await post.send();
        assert.equal(status, 204);
        assert.equal(connection, 'close', 'the answer closes the connection, so the drain need not wait for it');
        const started = Date.now();
        await exit;
        assert.equal(portal.child.exitCode, 0, portal.output());
        assert.ok(Date.now() - started < SHUTDOWN_DEADLINE_MS, `exited after ${Date.now() - started} ms, not at the shutdown deadline`);
      } finally {
        agent.destroy();
        await portal.stop();
      }
    });
  });
}

/**
 * A POST through a keep-alive agent whose body is sent only when `send` is
 * called. It says `Expect: 100-continue`, so the server's "100 Continue"
 * (`read`) proves the request was read and handed to the app, which then
 * waits for the body.
 */
function postWithBodyHeldBack(agent: http.Agent, url: string, body: string) {
  const request = http.request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const answer = new Promise<{ status: number | undefined; connection: string | undefined }>((resolve, reject) => {
    request.on('error', reject).on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection }));
    });
  });
  const read = once(request, 'continue').then(() => undefined);
  request.flushHeaders();
  return {
    read,
    send: () => {
      request.end(body);
      return answer;
    },
  };
}

/** Posts comments, IN_FLIGHT at a time, sends SIGTERM once SIGNAL_AFTER_ANSWERS are answered, and keeps posting until the process exits. */
async function commentUntilStopped(portal: RunningProcess, articleId: number, readers: SignedInReader[]): Promise<Burst> {
  const burst: Burst = { answered: [], answeredAfterSignal: 0, inFlightAtSignal: 0, turnedAway: 0, unexpected: [], readiness: [], exitCode: null };
  let sent = 0;
  let inFlight = 0;
  let signalled = false;
  let exited = false;
  const exit = once(portal.child, 'exit').then(() => {
    exited = true;
    burst.exitCode = portal.child.exitCode;
  });
  const signal = () => {
    signalled = true;
    burst.inFlightAtSignal = inFlight;
    portal.child.kill('SIGTERM');
    void probeReadiness(portal, burst, () => exited);
  };

  const worker = async () => {
    while (!exited && sent < MAX_REQUESTS) {
      const n = sent++;
      const reader = readers[n % readers.length]!;
      const body = `${BODY_PREFIX} ${reader.phone} ${n}`;
      const afterSignal = signalled;
      inFlight++;
      try {
        const response = await fetch(`${portal.origin}/api/articles/${articleId}/comments`, {
          method: 'POST',
          headers: { cookie: reader.cookie, 'content-type': 'application/json', 'user-agent': BROWSER_AGENT, 'x-forwarded-for': reader.address },
          body: JSON.stringify({ body }),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 201) {
          const { comment } = (await response.json()) as { comment: { id: number } };
          burst.answered.push({ body, id: comment.id });
          if (signalled) burst.answeredAfterSignal++;
          if (!signalled && burst.answered.length >= SIGNAL_AFTER_ANSWERS) signal();
        } else if (response.status === 503 && signalled) {
          burst.turnedAway++;
        } else {
          burst.unexpected.push(`${response.status} ${await response.text()}`);
        }
      } catch (error) {
        if (signalled || afterSignal) burst.turnedAway++;
        else burst.unexpected.push(`before SIGTERM: ${String(error)}`);
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (!signalled) signal();
  await exit;
  return burst;
}

/** Once the process has said it is draining, asks /readyz until it exits, as a load balancer would. */
async function probeReadiness(portal: RunningProcess, burst: Burst, hasExited: () => boolean): Promise<void> {
  await untilDraining(portal, hasExited);
  while (!hasExited()) {
    burst.readiness.push(await fetch(`${portal.origin}/readyz`).then((r) => r.status, () => 'refused' as const));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Until the process has said it is draining (app.draining is set right after), or has exited. */
async function untilDraining(portal: RunningProcess, hasExited: () => boolean): Promise<void> {
  while (!hasExited() && !DRAINING_LINE.test(portal.output())) await new Promise((resolve) => setTimeout(resolve, 5));
}

// The promise: a portal killed with SIGKILL in the middle of a comment burst loses no
// comment whose request was answered 2xx, and comes back with counts that match its rows.
// This kills the real process while requests are in flight and reopens the same database.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, type Db, openDatabase } from '../src/db/database.js';
import { processDatabases } from '../src/test-support/process-databases.js';
import { demoArticleId } from './support/demo.js';
import { portalEnvironment } from './support/portal-environment.js';
import { apiToken, publishThenReview } from './support/portal-admin.js';
import { type RunningProcess, startPortal } from './support/portal-process.js';
import { BROWSER_AGENT, type SignedInReader, signInReaders } from './support/readers.js';

const READERS = 30;
const IN_FLIGHT = 20;
// Kill at whichever comes first, the time counted from the first IN_FLIGHT answers (a busy
// machine can take seconds over the first ones); the request cap bounds the loop even if the kill never lands.
const KILL_AFTER_MS = 1_500;
const KILL_AFTER_ANSWERS = 1_500;
const MAX_REQUESTS = 20_000;
const BODY_PREFIX = '耐久测试';

interface Answered {
  body: string;
  /** Missing when the kill cut the 2xx response off after its status line. */
  id?: number;
  outcome?: 'held' | 'published';
}

interface Burst {
  answered: Answered[];
  /** Requests the kill cut off: no answer, so either fate is allowed. */
  cut: number;
  inFlightAtKill: number;
  /** Anything but 201 before the kill (SQLITE_BUSY as a 500, say): never expected. */
  refused: string[];
}

for (const [kind, prepare, skip] of processDatabases()) {
  describe(`a portal killed during a comment burst [${kind}]`, { skip }, () => {
    const portalEnv = portalEnvironment(prepare, 'durability');

    it('keeps every comment answered 2xx, and its comment count matches the published rows', { timeout: 400_000 }, async (t) => {
      const env = await portalEnv();
      let burst: Burst;
      let articleId: number;
      const first = await startPortal(env);
      try {
        await publishThenReview(first.origin, apiToken(env));
        articleId = await demoArticleId(env, 'bearing-smart-line');
        const readers = await signInReaders(first.origin, env.DATA_DIR!, READERS);
        burst = await commentUntilKilled(first, articleId, readers);
      } finally {
        await first.stop();
      }
      t.diagnostic(`${burst.answered.length} answered, ${burst.cut} cut off, ${burst.inFlightAtKill} in flight at the kill`);
      assert.deepEqual(burst.refused, [], 'every comment before the kill was accepted');
      assert.ok(burst.answered.length >= IN_FLIGHT, `only ${burst.answered.length} comments were answered before the kill`);
      assert.ok(burst.inFlightAtKill > 0, 'the kill landed while requests were in flight');
      assert.ok(burst.answered.every((a) => a.outcome !== 'held'), 'publish-then-review is on, so every comment counts');

      // The restarted portal opens the database first, so it runs the recovery a crash leaves (SQLite replays its WAL).
      const second = await startPortal(env);
      try {
        const handle = openDatabase(loadConfig(env).database);
        try {
          await assertNothingLost(handle, articleId, burst);
          const published = await publishedRows(handle.db, articleId);
          const article = await handle.db.selectFrom('articles').select('comment_count').where('id', '=', articleId).executeTakeFirstOrThrow();
          assert.equal(article.comment_count, published, 'comment_count equals the published rows');
          const { counts } = (await (await fetch(`${second.origin}/api/articles/${articleId}/comments`)).json()) as { counts: { comments: number } };
          assert.equal(counts.comments, published, 'the restarted portal shows that count');
        } finally {
          await handle.db.destroy();
        }
      } finally {
        await second.stop();
      }
    });
  });
}

/** Posts comments, IN_FLIGHT at a time, each with a unique body, until the portal is killed mid-burst. */
async function commentUntilKilled(portal: RunningProcess, articleId: number, readers: SignedInReader[]): Promise<Burst> {
  const burst: Burst = { answered: [], cut: 0, inFlightAtKill: 0, refused: [] };
  let sent = 0;
  let inFlight = 0;
  let killed = false;
  const exited = once(portal.child, 'exit');
  const kill = () => {
    if (killed) return;
    killed = true;
    burst.inFlightAtKill = inFlight;
    portal.child.kill('SIGKILL');
  };
  let timer: NodeJS.Timeout | undefined;

  const worker = async () => {
    while (!killed && sent < MAX_REQUESTS) {
      const n = sent++;
      const reader = readers[n % readers.length]!;
      const body = `${BODY_PREFIX} ${reader.phone} ${n}`;
      inFlight++;
      try {
        const response = await fetch(`${portal.origin}/api/articles/${articleId}/comments`, {
          method: 'POST',
          headers: { cookie: reader.cookie, 'content-type': 'application/json', 'user-agent': BROWSER_AGENT, 'x-forwarded-for': reader.address },
          body: JSON.stringify({ body }),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status !== 201) {
          burst.refused.push(`${response.status} ${await response.text()}`);
          continue;
        }
        const answered: Answered = { body };
        burst.answered.push(answered);
        const json = (await response.json()) as { outcome: 'held' | 'published'; comment: { id: number } };
        answered.id = json.comment.id;
        answered.outcome = json.outcome;
        if (burst.answered.length === IN_FLIGHT) timer = setTimeout(kill, KILL_AFTER_MS);
        if (burst.answered.length >= KILL_AFTER_ANSWERS) kill();
      } catch {
        if (!killed) throw new Error(`a comment failed before the kill:\n${portal.output()}`);
        burst.cut++;
      } finally {
        inFlight--;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    clearTimeout(timer);
    kill();
  }
  await exited;
  return burst;
}

/** Every answered comment is stored as answered; the database the killed portal wrote to is whole. */
async function assertNothingLost(handle: DatabaseHandle, articleId: number, burst: Burst): Promise<void> {
  const rows = await handle.db
    .selectFrom('comments')
    .select(['id', 'body', 'status'])
    .where('article_id', '=', articleId)
    .where('body', 'like', `${BODY_PREFIX} %`)
    .execute();
  const byBody = new Map(rows.map((r) => [r.body, r]));
  assert.equal(byBody.size, rows.length, 'no comment was stored twice');
  const lost = burst.answered.filter((a) => {
    const row = byBody.get(a.body);
    return !row || (a.id !== undefined && row.id !== a.id) || row.status !== 'published';
  });
  assert.deepEqual(lost, [], `${lost.length} of ${burst.answered.length} comments answered 2xx are missing or changed`);
  // Requests cut off by the kill may or may not have committed; nothing else may appear.
  assert.ok(rows.length <= burst.answered.length + burst.cut, `${rows.length} rows for ${burst.answered.length} answered and ${burst.cut} cut off`);
  if (handle.kind === 'sqlite') {
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
    assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
  }
}

async function publishedRows(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

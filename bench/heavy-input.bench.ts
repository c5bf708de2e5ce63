/**
 * The worst inputs the limits admit, each while the site goes on answering: how long each takes,
 * and how late the event loop ran meanwhile (what every other request waits on).
 *
 *   node --import tsx bench/heavy-input.bench.ts   (BENCH_UPLOADS: concurrent GIF uploads, default 4)
 *
 * In one process on a fresh SQLite file, through the real routes (inject): a revision diff of two
 * entirely different bodies of the longest length; saving the most deeply nested body; and
 * BENCH_UPLOADS concurrent uploads of the largest animation, while a stored image is fetched
 * (file reads share libuv's threads with sharp).
 */
import sharp from 'sharp';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { MAX_BODY_CHARS, MAX_BODY_TAGS } from '../src/content/index.js';
import { createSqliteTestDatabase } from '../src/db/testing.js';
import { MAX_ANIMATION_FRAMES, MAX_ANIMATION_PIXELS } from '../src/media/index.js';
import { buildCategory, staffWithToken } from '../src/test-support/factories.js';
import { buildTestApp } from '../src/test-support/test-app.js';

const UPLOADS = positiveInt('BENCH_UPLOADS', 4);

/** Chinese text in which no sentence repeats, so a diff finds nothing to align. */
function distinctText(length: number, seed: number): string {
  const chars: string[] = [];
  for (let i = 0; chars.length < length; i++) chars.push(i % 40 === 39 ? '。' : String.fromCodePoint(0x4e00 + ((i * 7919 + seed * 104_729) % 20_000)));
  return chars.join('');
}

/** The largest animation allowed: most frames and most pixels, each frame a different colour so none is skipped. */
async function largestAnimation(): Promise<Buffer> {
  const side = Math.floor(Math.sqrt(MAX_ANIMATION_PIXELS / MAX_ANIMATION_FRAMES));
  const frame = (i: number) => sharp({ create: { width: side, height: side, channels: 3, background: { r: i, g: 255 - i, b: (i * 7) % 256 } } }).png().toBuffer();
  const frames = await Promise.all(Array.from({ length: MAX_ANIMATION_FRAMES }, (_, i) => frame(i)));
  return sharp(frames, { join: { animated: true } }).gif({ delay: 50, loop: 0 }).toBuffer();
}

async function multipart(data: Buffer) {
  const form = new FormData();
  form.append('alt', '压测动图');
  form.append('watermark', 'off');
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/gif' }), 'a.gif');
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

runBenchmark(async () => {
  const handle = await createSqliteTestDatabase();
  const app = await buildTestApp(handle.db);
  const { headers } = await staffWithToken(handle.db, 'editor');
  const categoryId = (await buildCategory(handle.db)).id;
  const draft = (bodyHtml: string) =>
    app.inject({ method: 'POST', url: '/api/admin/articles', headers, payload: { categoryId, title: '压测', bodyHtml, origin: 'original' } });

  /** An answer other than 2xx would make the figures describe a refusal. */
  const succeeded = async (res: Promise<{ statusCode: number; body: string }>) => {
    const { statusCode, body } = await res;
    if (statusCode >= 300) throw new Error(`answered ${statusCode}: ${body.slice(0, 200)}`);
  };

  /**
   * Runs `work`, fetching `probeUrl` one request after another meanwhile, and a 10 ms timer
   * that records how late it fires: how long the event loop was kept from everything else.
   */
  async function measure(label: string, work: () => Promise<unknown>, probeUrl: string): Promise<string[]> {
    let done = false;
    let slowestProbe = 0;
    const probing = (async () => {
      while (!done) {
        const start = performance.now();
        await app.inject(probeUrl);
        slowestProbe = Math.max(slowestProbe, performance.now() - start);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let lastTick = performance.now();
    let latestTick = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      latestTick = Math.max(latestTick, now - lastTick - 10);
      lastTick = now;
    }, 10);
    const start = performance.now();
    await work();
    const took = performance.now() - start;
    // One more tick: after a loop blocked until now, that late tick is the one that counts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(ticker);
    done = true;
    await probing;
    return [label, took.toFixed(0), latestTick.toFixed(0), slowestProbe.toFixed(0)];
  }

  await app.inject('/healthz'); // the first request compiles the route's serializer
  // What the machine itself adds: nothing runs but the probes (on a shared machine this is far from zero).
  const rows = [await measure('nothing (baseline, 3 s)', () => new Promise((resolve) => setTimeout(resolve, 3000)), '/healthz')];

  const created = await draft(`<p>${distinctText(MAX_BODY_CHARS - 7, 1)}</p>`);
  const { id } = created.json().article as { id: number };
  await app.inject({ method: 'PATCH', url: `/api/admin/articles/${id}`, headers, payload: { bodyHtml: `<p>${distinctText(MAX_BODY_CHARS - 7, 2)}</p>` } });
  const revisions = (await app.inject({ url: `/api/admin/articles/${id}/revisions`, headers })).json().revisions as Array<{ id: number }>;
  const diffUrl = `/api/admin/articles/${id}/revisions/${revisions.at(-1)!.id}/diff`;
  rows.push(await measure(`diff, 2 × ${MAX_BODY_CHARS} different chars`, () => succeeded(app.inject({ url: diffUrl, headers })), '/healthz'));

  const deepest = `${'<b>'.repeat(MAX_BODY_TAGS)}${'字'.repeat(MAX_BODY_CHARS - 3 * MAX_BODY_TAGS)}`;
  rows.push(await measure(`save body, ${MAX_BODY_TAGS} nested <b>`, () => succeeded(draft(deepest)), '/healthz'));

  const gif = await multipart(await largestAnimation());
  const still = await multipart(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).gif().toBuffer());
  const stored = await app.inject({ method: 'POST', url: '/api/admin/media', headers: { ...headers, 'content-type': still.contentType }, payload: still.payload });
  const imageUrl = new URL(stored.json().url as string, 'http://x').pathname;
  const upload = () => app.inject({ method: 'POST', url: '/api/admin/media', headers: { ...headers, 'content-type': gif.contentType }, payload: gif.payload });
  rows.push(
    await measure(`${UPLOADS} × GIF upload, ${MAX_ANIMATION_FRAMES} frames, ${MAX_ANIMATION_PIXELS} px`, () => Promise.all(Array.from({ length: UPLOADS }, () => succeeded(upload()))), imageUrl),
  );

  printTable(['worst allowed input', 'took ms', 'loop blocked max ms', 'slowest probe ms'], rows);
  await app.close();
  await handle.db.destroy();
  return 0;
});

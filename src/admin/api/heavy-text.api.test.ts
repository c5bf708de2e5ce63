import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../accounts/index.js';
import { createDraft, MAX_BODY_CHARS, MAX_BODY_TAGS } from '../../content/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildCategory, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { errorMessages } from '../../messages/error-messages.js';

type Headers = Record<string, string>;

/** `length` characters of Chinese text with no repeats a diff could align on: every sentence differs by `seed`. */
function distinctText(length: number, seed: number): string {
  const chars: string[] = [];
  for (let i = 0; chars.length < length; i++) chars.push(i % 40 === 39 ? '。' : String.fromCodePoint(0x4e00 + ((i * 7919 + seed * 104_729) % 20_000)));
  return chars.join('');
}

/** The worst bodies the limits admit. */
const longestBody = (seed: number) => `<p>${distinctText(MAX_BODY_CHARS - 7, seed)}</p>`;
const deepestBody = () => `${'<b>'.repeat(MAX_BODY_TAGS)}${'字'.repeat(MAX_BODY_CHARS - 3 * MAX_BODY_TAGS)}`;

describeEachDatabase('heavy input to the admin API', (t) => {
  let app: FastifyInstance;
  let editor: Headers;
  let editorUser: StaffUser;
  let categoryId: number;

  /** Told the path of each request whose handler is about to run: its body has been read and checked. */
  let reachedHandler: ((url: string) => void) | undefined;
  const handlerStarts = (url: string) =>
    new Promise<void>((resolve) => {
      reachedHandler = (reached) => {
        if (reached === url) resolve();
      };
    });

  before(async () => {
    app = await buildTestApp(t.db);
    app.addHook('preHandler', async (request) => reachedHandler?.(request.url));
    ({ headers: editor, user: editorUser } = await staffWithToken(t.db, 'editor'));
    categoryId = (await buildCategory(t.db, { name: '青溪焦点' })).id;
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: editor, ...(payload ? { payload } : {}) });
  const draft = (bodyHtml: string) => api('POST', '/api/admin/articles', { categoryId, title: '长文测试', bodyHtml, origin: 'original' });

  /**
   * Starts the heavy work, lets it begin (one turn of the event loop, or until
   * `begun` says so), then asks for the home page: with the work on the event
   * loop, the page could only answer after it. (On SQLite, whose queries
   * answer without a turn of the loop, the work has surely begun; on
   * PostgreSQL it may still be waiting for a query, so it is SQLite that
   * tells old code apart.) A request with a long body takes turns of the loop
   * to be read: `begun` is then handlerStarts(its path).
   */
  async function pageAnswersFirst<T>(heavy: () => Promise<T>, begun: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))): Promise<T> {
    const finished: string[] = [];
    const heavyDone = heavy().then((res) => {
      finished.push('heavy');
      return res;
    });
    await begun;
    const page = await app.inject('/');
    finished.push('page');
    assert.equal(page.statusCode, 200);
    const res = await heavyDone;
    assert.deepEqual(finished, ['page', 'heavy']);
    return res;
  }

  it('serves pages while it compares the two longest, entirely different versions of a body', async () => {
    const created = await draft(longestBody(1));
    assert.equal(created.statusCode, 201, created.body);
    const { id } = created.json().article as { id: number };
    assert.equal((await api('PATCH', `/api/admin/articles/${id}`, { bodyHtml: longestBody(2) })).statusCode, 200);
    const [original] = (await api('GET', `/api/admin/articles/${id}/revisions`)).json().revisions.slice(-1) as Array<{ id: number }>;

    const diff = await pageAnswersFirst(() => api('GET', `/api/admin/articles/${id}/revisions/${original!.id}/diff`));
    assert.equal(diff.statusCode, 200, diff.body);
    type Part = { kind: string; text: string };
    const [row] = diff.json().rows as Array<{ before: Part[]; after: Part[] }>;
    // Whatever the level of detail, each side is its version's text exactly.
    assert.equal(row!.before.map((p) => p.text).join(''), distinctText(MAX_BODY_CHARS - 7, 1));
    assert.equal(row!.after.map((p) => p.text).join(''), distinctText(MAX_BODY_CHARS - 7, 2));
  });

  it('serves pages while it sanitizes the longest, most deeply nested body allowed', async () => {
    // The command itself: through HTTP, reading the long request body takes turns of the loop of its own.
    const actor = { user: editorUser, ip: '127.0.0.1' };
    const saved = await pageAnswersFirst(() => createDraft(t.db, { categoryId, title: '长文测试', bodyHtml: deepestBody(), origin: 'original' }, actor, new Date()));
    assert.match(saved.bodyHtml, /^<b><b><b>/);
  });

  it('serves pages while it checks the longest text the lexicon check takes', async () => {
    // 他妈的 is masked, except inside 他妈的确 (allowed): every occurrence is a hit inside an allowed phrase.
    const text = '他妈的确'.repeat(80_000);
    assert.equal((await api('POST', '/api/admin/lexicon/check', { text: '他妈的' })).json().masked, '＊＊＊', 'the lexicon is loaded');
    const check = await pageAnswersFirst(() => api('POST', '/api/admin/lexicon/check', { text }), handlerStarts('/api/admin/lexicon/check'));
    assert.equal(check.statusCode, 200, check.body);
    assert.deepEqual(check.json().hits, []);
    assert.equal(check.json().masked, text);
  });

  it('refuses a body over the limits with a message naming them', async () => {
    for (const [bodyHtml, code] of [
      [`<p>${'字'.repeat(MAX_BODY_CHARS)}</p>`, 'content.body_too_long'],
      [`${'<b>'.repeat(MAX_BODY_TAGS + 1)}字`, 'content.body_too_many_tags'],
    ] as const) {
      const res = await draft(bodyHtml);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, code);
      assert.equal(res.json().message, errorMessages[code]);
    }
    assert.match(errorMessages['content.body_too_long'], /20 万个字符/);
    assert.match(errorMessages['content.body_too_many_tags'], /1 万个标签/);
  });

  it('counts characters, not UTF-16 units, against the length limit', async () => {
    const res = await draft(`<p>${'𠀀'.repeat(MAX_BODY_CHARS - 7)}</p>`);
    assert.equal(res.statusCode, 201, res.body);
  });
});

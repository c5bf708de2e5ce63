import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, staffCookie } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

/**
 * The errors the Nu HTML Checker reported on the admin pages, checked on
 * every page (the checker itself needs Java, so it is not part of the tests):
 * duplicate ids, an image without src, a value on a file input, a form
 * control without a label, interactive content inside a link or button.
 */
function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
  const duplicated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicated.length > 0) problems.push(`duplicate ids: ${[...new Set(duplicated)].join(', ')}`);
  for (const [img] of html.matchAll(/<img\b[^>]*>/g)) if (!/\s(src|srcset)="/.test(img)) problems.push(`image without src: ${img}`);
  const labels = [...html.matchAll(/<label\b[^>]*>.*?<\/label>/gs)].map((m) => m[0]);
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    if (/type="file"/.test(input) && /\svalue(=|\s|\/|>)/.test(input)) problems.push(`file input with a value: ${input}`);
    if (/type="(hidden|submit|button)"/.test(input) || /aria-label(ledby)?="/.test(input)) continue;
    const id = /\sid="([^"]*)"/.exec(input)?.[1];
    const wrapped = labels.some((label) => label.includes(input));
    if (!wrapped && !(id && html.includes(`<label for="${id}"`))) problems.push(`control without a label: ${input}`);
  }
  for (const [nested] of html.matchAll(/<(a|button)\b[^>]*>(?:(?!<\/\1>).)*?<(a|button|input|select|textarea)\b/gs)) problems.push(`interactive inside ${nested.slice(0, 80)}`);
  return problems;
}

describeEachDatabase('admin page markup', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());

  it('has none of the errors the Nu HTML Checker reports', async () => {
    const article = await buildArticle(t.db);
    const cookie = await staffCookie(t.db, 'admin');
    const urls = ['/admin', '/admin/articles', '/admin/media', '/admin/review', '/admin/reports/governance', '/admin/articles/new', `/admin/articles/${article.id}/edit`, '/admin/comments', '/admin/lexicon', '/admin/categories', '/admin/settings', '/admin/users', '/admin/audit', '/admin/account', '/admin/sign-in'];
    for (const url of urls) {
      const res = await app.inject({ url, headers: url === '/admin/sign-in' ? {} : { cookie } });
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(markupProblems(res.body), [], url);
      // A label that says 必填 itself, beside the marker every required field gets, read 「（必填）（必填）」.
      assert.doesNotMatch(res.body, /（必填）(<[^>]+>)*（必填）/, url);
    }
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { countRows } from '../../db/count-rows.js';
import { describeEachDatabase } from '../../db/testing.js';
import { quickFetcher, THEME_UNIT_TEST_DATA, wxrFile, wxrPost } from '../../import/testing.js';
import { staffWithToken } from '../../test-support/factories.js';
import { multipartForm, rawMultipartForm } from '../../test-support/multipart-form.js';
import { buildTestApp } from '../../test-support/test-app.js';

describeEachDatabase('admin WordPress import API', (t) => {
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let editor: Record<string, string>;

  before(async () => {
    app = await buildTestApp(t.db, { fetchImage: quickFetcher() });
    admin = (await staffWithToken(t.db, 'admin')).headers;
    editor = (await staffWithToken(t.db, 'editor')).headers;
  });
  after(() => app.close());

  const upload = async (data: Buffer, headers = admin, name = 'export.xml') => {
    const form = await multipartForm({ file: { data, name, type: 'text/xml' } });
    return app.inject({ method: 'POST', url: '/api/admin/imports/wordpress', headers: { ...headers, ...form.headers }, payload: form.payload });
  };
  const poll = async (id: string) => {
    for (;;) {
      const res = await app.inject({ method: 'GET', url: `/api/admin/imports/${id}`, headers: admin });
      assert.equal(res.statusCode, 200, res.body);
      const job = res.json();
      if (job.state === 'finished' || job.state === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('imports an uploaded export in the background, with progress, and refuses a second import while it runs', async () => {
    const started = await upload(readFileSync(THEME_UNIT_TEST_DATA), admin, 'themeunittestdata.wordpress.xml');
    assert.equal(started.statusCode, 202, started.body);
    const job = started.json();
    assert.equal(job.fileName, 'themeunittestdata.wordpress.xml');
    assert.equal(job.state, 'running');
    assert.equal(started.headers.location, `/api/admin/imports/${job.id}`);

    const second = await upload(Buffer.from('<rss/>'));
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error, 'import.already_running');
    assert.match(second.json().message, /已经有一个导入正在进行/);

    const done = await poll(job.id);
    assert.equal(done.state, 'finished', JSON.stringify(done.failure));
    assert.equal(done.report.stoppedBy, null);
    assert.equal(done.report.counts.articles, 58);
    assert.ok(done.report.notImported.some((e: { item: string }) => e.item.startsWith('page ×')));
    assert.equal(done.progress.bytes, done.progress.totalBytes);
    assert.equal(await countRows(t.db.selectFrom('articles')), 58);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'import.wordpress').execute();
    assert.deepEqual(audit, [{ action: 'import.wordpress', target_id: job.id }]);
  });

  it('reports a malformed file as the report, not a 500, keeping what came before the fault', async () => {
    const broken = readFileSync(wxrFile(`${wxrPost({ id: 9001, title: '坏文件之前的文章' })}<item><title>未闭合`));
    const res = await upload(broken);
    assert.equal(res.statusCode, 202, res.body);
    const done = await poll(res.json().id);
    assert.equal(done.state, 'finished');
    assert.match(done.report.stoppedBy, /导出文件/);
    assert.equal(done.report.counts.articles, 1);

    const notWordpress = await poll((await upload(Buffer.from('<html><body>不是导出文件</body></html>'))).json().id);
    assert.match(notWordpress.report.stoppedBy, /不是 WordPress 导出文件/);
  });

  it('is for admins only, needs a file, and forgets nothing it did not start', async () => {
    const refused = await upload(Buffer.from('<rss/>'), editor);
    assert.equal(refused.statusCode, 403, refused.body);
    const empty = await multipartForm({ note: 'no file' });
    const noFile = await app.inject({ method: 'POST', url: '/api/admin/imports/wordpress', headers: { ...admin, ...empty.headers }, payload: empty.payload });
    assert.equal(noFile.statusCode, 400, noFile.body);
    assert.equal(noFile.json().error, 'import.file_required');
    const nulName = await upload(Buffer.from('<rss/>'), admin, 'export\u0000.xml');
    assert.equal(nulName.statusCode, 400, nulName.body);
    assert.equal(nulName.json().error, 'request.invalid');
    // 导出 in GBK: not UTF-8, so it would be kept in the import's report as ����.
    const gbkForm = rawMultipartForm([{ name: 'file', value: Buffer.from('<rss/>'), fileName: Buffer.from([0xb5, 0xbc, 0xb3, 0xf6, 0x2e, 0x78, 0x6d, 0x6c]), type: 'text/xml' }]);
    const gbkName = await app.inject({ method: 'POST', url: '/api/admin/imports/wordpress', headers: { ...admin, ...gbkForm.headers }, payload: gbkForm.payload });
    assert.equal(gbkName.statusCode, 400, gbkName.body);
    assert.deepEqual([gbkName.json().error, gbkName.json().field], ['request.not_utf8', 'file']);
    const unknown = await app.inject({ method: 'GET', url: '/api/admin/imports/00000000-0000-4000-8000-000000000000', headers: admin });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error, 'import.not_found');
    // The refused and empty uploads left no import behind: a new one may start.
    const next = await upload(readFileSync(wxrFile(wxrPost({ id: 9100 }))));
    assert.equal(next.statusCode, 202, next.body);
    assert.equal((await poll(next.json().id)).report.counts.articles, 1);
  });
});

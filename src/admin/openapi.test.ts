import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createSqliteTestDatabase, describeEachDatabase } from '../db/testing.js';
import { buildTestApp } from '../test-support/test-app.js';

type Operation = OpenAPIV3_1.OperationObject;

describe('the API documentation', () => {
  it('is loaded on its first visit, not when the app starts', async () => {
    const { db } = await createSqliteTestDatabase();
    const app = await buildTestApp(db);
    // @fastify/swagger and Swagger UI are CommonJS: loaded, they are in require's cache.
    const swaggerLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/@fastify/swagger'));
    try {
      assert.equal(swaggerLoaded(), false, 'a started app has not loaded Swagger');
      assert.equal((await app.inject('/api/docs/json')).statusCode, 200);
      assert.equal(swaggerLoaded(), true);
      assert.equal((await app.inject('/api/docs/json/')).statusCode, 200, 'a trailing slash as anywhere else');
      for (const url of ['/api/docs/nope', '/api/docs/static/missing.js']) {
        const missing = await app.inject(url);
        assert.equal(missing.statusCode, 404, url);
        assert.match(missing.json().message, /[\u4e00-\u9fff]/, `${url}: this app's own answer, in Chinese`);
      }
      // Over a real connection, as inject() would resolve the dot segments itself: the docs app must not see them either.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      for (const path of ['/api/docs/%2e%2e/admin/articles', '/api/docs/static/../json']) {
        const status = await new Promise<number | undefined>((resolve, reject) =>
          request({ host: '127.0.0.1', port, path }, (res) => resolve(res.resume().statusCode)).on('error', reject).end(),
        );
        assert.equal(status, 404, path);
      }
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describeEachDatabase('the OpenAPI document', (t) => {
  let app: FastifyInstance;
  let doc: OpenAPIV3_1.Document;
  let operations: Array<{ method: string; path: string; op: Operation }>;
  before(async () => {
    app = await buildTestApp(t.db);
    doc = (await app.inject('/api/docs/json')).json();
    operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item ?? {})
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ method, path, op: op as Operation })),
    );
  });
  after(() => app.close());

  it('is a valid OpenAPI 3.1 document with the server named', async () => {
    const result = await new Validator().validate(doc);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
    assert.deepEqual(doc.servers, [{ url: 'https://news.example' }]);
  });

  it('gives every operation an id, a summary, tags and its security', () => {
    assert.ok(operations.length >= 40, `${operations.length} operations`);
    const ids = operations.map(({ op }) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const { method, path, op } of operations) {
      const name = `${method} ${path}`;
      assert.ok(op.operationId && op.summary && op.tags?.length, name);
      assert.ok(Array.isArray(op.security), `${name} states its security`);
      const schemes = new Set(op.security.flatMap((s) => Object.keys(s)));
      if (path.startsWith('/api/admin/') && op.operationId !== 'signInStaff') assert.ok(schemes.has('bearer') && schemes.has('staffCookie'), name);
      if (!path.startsWith('/api/admin/')) assert.ok(!schemes.has('bearer') && !schemes.has('staffCookie'), `${name}: readers use their cookie`);
    }
  });

  it('documents each operation’s success with a schema, and its errors with the shared Error', () => {
    for (const { method, path, op } of operations) {
      const name = `${method} ${path}`;
      const statuses = Object.keys(op.responses ?? {});
      const success = statuses.filter((s) => s.startsWith('2'));
      assert.equal(success.length, 1, `${name}: one success status (${statuses.join(', ')})`);
      const ok = op.responses![success[0]!] as OpenAPIV3_1.ResponseObject;
      if (success[0] === '204') assert.equal(ok.content, undefined, name);
      else assert.ok(Object.values(ok.content ?? {})[0]?.schema, `${name}: a response schema`);
      const errors = statuses.filter((s) => Number(s) >= 400);
      assert.ok(errors.length > 0, `${name}: errors documented`);
      for (const status of errors) {
        const schema = (op.responses![status] as OpenAPIV3_1.ResponseObject).content?.['application/json']?.schema;
        assert.deepEqual(schema, { $ref: '#/components/schemas/Error' }, `${name} ${status}`);
      }
    }
    for (const name of ['Error', 'Article', 'Comment', 'Category', 'StaffUser', 'Media', 'SiteSettings']) assert.ok(doc.components?.schemas?.[name], name);
  });

  it('states the statuses the operations really answer', () => {
    const successOf = (method: string, path: string) => Object.keys(operations.find((o) => o.method === method && o.path === path)!.op.responses!)[0];
    assert.equal(successOf('post', '/api/admin/articles'), '201');
    assert.equal(successOf('post', '/api/auth/sms-code'), '202');
    assert.equal(successOf('delete', '/api/admin/session'), '204');
  });

  it('describes the upload as a multipart form', () => {
    const upload = operations.find((o) => o.op.operationId === 'uploadMedia')!.op;
    const body = upload.requestBody as OpenAPIV3_1.RequestBodyObject;
    const form = body.content['multipart/form-data']?.schema as OpenAPIV3_1.SchemaObject;
    assert.deepEqual(form.required, ['file', 'alt']);
    assert.equal((form.properties?.file as OpenAPIV3_1.SchemaObject).format, 'binary');
  });
});

describeEachDatabase('the test apps hold every API answer to the document', (t) => {
  it('turns an undocumented status or a body off its schema into a loud failure', async () => {
    const app = await buildTestApp(t.db);
    const schema = { tags: ['test'], response: { 200: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } };
    app.get('/api/test/undocumented-status', { schema }, async (_request, reply) => reply.code(409 as 200).send({ n: 1 }));
    // A body the serializer does not shape, as a hand-written answer would be.
    app.get('/api/test/wrong-body', { schema }, async (_request, reply) => reply.type('application/json').send('{"n":"one"}'));
    const undocumented = await app.inject('/api/test/undocumented-status');
    assert.equal(undocumented.statusCode, 500);
    assert.match(undocumented.json().message, /answered 409, which its OpenAPI operation does not document/);
    const wrong = await app.inject('/api/test/wrong-body');
    assert.equal(wrong.statusCode, 500);
    assert.match(wrong.json().message, /must be integer/);
    await assert.rejects(app.close(), /2 answers broke the API contract/);
  });
});

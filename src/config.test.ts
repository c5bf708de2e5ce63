import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a configuration error');
}

describe('loadConfig', () => {
  it('gives a working single-node SQLite site with no variables set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, path.resolve('data'));
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.resolve('data', 'bendi.sqlite') });
    assert.equal(config.demo, true);
    assert.equal(config.pageCacheSeconds, 30);
    assert.deepEqual(config.mediaStorage, { kind: 'local', root: path.resolve('data', 'media') });
    assert.equal(config.redisUrl, undefined);
    assert.ok(Object.isFrozen(config));
  });

  it('reads PORT, HOST, DATA_DIR, BENDI_DEMO, TRUST_PROXY and PUBLIC_URL', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/srv/bendi',
      BENDI_DEMO: '0',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1',
      PUBLIC_URL: 'https://news.example/some/path',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.database, { kind: 'sqlite', file: '/srv/bendi/bendi.sqlite' });
    assert.equal(config.demo, false);
    assert.deepEqual(config.trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
    assert.equal(config.publicUrl, 'https://news.example');
  });

  it('chooses PostgreSQL from a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('reads REDIS_URL, redis:// or rediss://', () => {
    assert.equal(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl, 'redis://127.0.0.1:6379/2');
    assert.equal(loadConfig({ REDIS_URL: 'rediss://:secret@cache.internal:6380' }).redisUrl, 'rediss://:secret@cache.internal:6380');
  });

  it('turns WeChat share cards on with WECHAT_APP_ID and WECHAT_APP_SECRET together, and refuses half of them', () => {
    assert.equal(loadConfig({}).wechat, undefined);
    assert.deepEqual(loadConfig({ WECHAT_APP_ID: 'wx1234567890abcdef', WECHAT_APP_SECRET: 's3cret' }).wechat, {
      appId: 'wx1234567890abcdef',
      appSecret: 's3cret',
      apiBase: 'https://api.weixin.qq.com',
    });
    assert.equal(loadConfig({ WECHAT_APP_ID: 'wx1234567890abcdef', WECHAT_APP_SECRET: 's', WECHAT_API_BASE: 'http://127.0.0.1:9000/' }).wechat?.apiBase, 'http://127.0.0.1:9000');
    assert.throws(() => loadConfig({ WECHAT_APP_ID: 'wx1234567890abcdef' }), /WECHAT_APP_SECRET is required/);
    assert.throws(() => loadConfig({ WECHAT_APP_ID: 'gh_123', WECHAT_APP_SECRET: 's' }), /WECHAT_APP_ID="gh_123"/);
  });

  it('knows production from NODE_ENV', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production' }).production, true);
    assert.equal(loadConfig({}).production, false);
  });

  const s3 = { S3_BUCKET: 'qingxi-media', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret' };

  it('keeps media in a bucket when S3_BUCKET is set, with the region defaulted and the public URL trimmed', () => {
    const config = loadConfig({
      ...s3,
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_PUBLIC_URL: 'https://img.news.example/media/',
      S3_FORCE_PATH_STYLE: '1',
    });
    assert.deepEqual(config.mediaStorage, {
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000/',
      bucket: 'qingxi-media',
      region: 'us-east-1',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      publicUrl: 'https://img.news.example/media',
      forcePathStyle: true,
    });
    assert.equal(loadConfig({ ...s3, S3_REGION: 'oss-cn-hangzhou' }).mediaStorage.kind, 's3');
  });

  const badValues: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { PORT: 'eighty' }, /PORT="eighty" must be a whole number/],
    ['a port out of range', { PORT: '70000' }, /PORT="70000"/],
    ['an unknown database scheme', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\/ or sqlite:/],
    ['a demo flag that is not 0 or 1', { BENDI_DEMO: 'maybe' }, /BENDI_DEMO="maybe" must be 1 or 0/],
    ['a proxy that is not an address', { TRUST_PROXY: 'proxy.local' }, /TRUST_PROXY entry "proxy.local"/],
    ['a CIDR with too many bits', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY entry "10.0.0.0\/33"/],
    ['a public URL that is not http(s)', { PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL="ftp:\/\/x"/],
    ['an S3 variable without S3_BUCKET', { S3_ENDPOINT: 'http://127.0.0.1:9000' }, /S3_ENDPOINT is set but S3_BUCKET is not/],
    ['a bucket name S3 refuses', { ...s3, S3_BUCKET: 'Qingxi_Media' }, /S3_BUCKET="Qingxi_Media" must be 3 to 63 lowercase/],
    ['a bucket without its access key', { ...s3, S3_ACCESS_KEY_ID: '' }, /S3_ACCESS_KEY_ID is required with S3_BUCKET/],
    ['a bucket without its secret', { ...s3, S3_SECRET_ACCESS_KEY: '' }, /S3_SECRET_ACCESS_KEY is required with S3_BUCKET/],
    ['an endpoint that is not a URL', { ...s3, S3_ENDPOINT: '127.0.0.1:9000' }, /S3_ENDPOINT="127.0.0.1:9000" must be an http:\/\/ or https:\/\/ URL/],
    ['a public media URL that is not http(s)', { ...s3, S3_PUBLIC_URL: 'ftp://cdn' }, /S3_PUBLIC_URL="ftp:\/\/cdn"/],
    ['a path-style flag that is not 0 or 1', { ...s3, S3_FORCE_PATH_STYLE: 'path' }, /S3_FORCE_PATH_STYLE="path" must be 1 or 0/],
    ['a Redis address that is not a redis:// URL', { REDIS_URL: '127.0.0.1:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    ['a cache time that is not a number', { PAGE_CACHE_SECONDS: '-1' }, /PAGE_CACHE_SECONDS="-1" must be a whole number from 0 to 3600/],
    ['a page count that is not a whole number', { PAGE_CACHE_PAGES: '1.5' }, /PAGE_CACHE_PAGES="1.5" must be a whole number from 0 to 100000/],
  ];
  for (const [what, env, message] of badValues) {
    it(`refuses ${what}, saying which variable and why`, () => {
      const problems = problemsOf(env);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, message);
    });
  }

  it('lists every problem at once', () => {
    assert.equal(problemsOf({ PORT: '0', BENDI_DEMO: 'x', TRUST_PROXY: 'nope' }).length, 3);
    assert.equal(problemsOf({ S3_BUCKET: 'media', S3_ENDPOINT: 'nope' }).length, 3);
  });
});

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

  const badValues: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { PORT: 'eighty' }, /PORT="eighty" must be a whole number/],
    ['a port out of range', { PORT: '70000' }, /PORT="70000"/],
    ['an unknown database scheme', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\/ or sqlite:/],
    ['a demo flag that is not 0 or 1', { BENDI_DEMO: 'maybe' }, /BENDI_DEMO="maybe" must be 1 or 0/],
    ['a proxy that is not an address', { TRUST_PROXY: 'proxy.local' }, /TRUST_PROXY entry "proxy.local"/],
    ['a CIDR with too many bits', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY entry "10.0.0.0\/33"/],
    ['a public URL that is not http(s)', { PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL="ftp:\/\/x"/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    ['a cache time that is not a number', { PAGE_CACHE_SECONDS: '-1' }, /PAGE_CACHE_SECONDS="-1" must be a whole number from 0 to 3600/],
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
  });
});

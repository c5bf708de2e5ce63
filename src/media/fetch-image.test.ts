import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../lib/errors.js';
import { type RemoteSite, startRemoteSite } from '../test-support/remote-site.js';
import { imageFetcher, isRefusedAddress } from './fetch-image.js';

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

describe('imageFetcher', () => {
  let site: RemoteSite;
  let other: RemoteSite;
  let fetchImage: ReturnType<typeof imageFetcher>;
  const hanging: http.ServerResponse[] = [];

  before(async () => {
    other = await startRemoteSite((_req, res) => res.end('internal secret'));
    site = await startRemoteSite((req, res) => {
      const redirects: Record<string, string> = {
        '/to-loopback': `${other.origin}/secret`,
        '/to-private': 'http://10.0.0.1/x.png',
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/loop': '/loop',
      };
      if (req.url === '/picture.png') return res.end(Buffer.from('89504e47', 'hex'));
      if (req.url === '/huge-declared') {
        res.writeHead(200, { 'content-length': String(10_000) });
        return res.end(Buffer.alloc(10_000));
      }
      if (req.url === '/huge-chunked') {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1_000));
        return res.end();
      }
      if (req.url === '/never-ends') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x');
        hanging.push(res);
        return;
      }
      if (req.url === '/gone') return res.writeHead(404).end();
      const location = redirects[req.url ?? ''];
      if (location) return res.writeHead(302, { location }).end();
      res.writeHead(500).end();
    });
    fetchImage = imageFetcher({ timeoutMs: 500, maxBytes: 5_000, maxRedirects: 3, allowedPrivateHosts: [site.hostPort] });
  });
  after(() => {
    for (const res of hanging) res.destroy();
    site.server.close();
    other.server.close();
  });

  it('downloads an image from an allowed host', async () => {
    assert.deepEqual(await fetchImage(`${site.origin}/picture.png`), Buffer.from('89504e47', 'hex'));
  });

  it('refuses loopback, private and link-local addresses, directly and after a redirect', async () => {
    await rejectsWith(fetchImage(`${other.origin}/secret`), 'media.fetch_refused_address');
    await rejectsWith(fetchImage(`${site.origin}/to-loopback`), 'media.fetch_refused_address');
    await rejectsWith(fetchImage(`${site.origin}/to-private`), 'media.fetch_refused_address');
    await rejectsWith(fetchImage(`${site.origin}/to-metadata`), 'media.fetch_refused_address');
    await rejectsWith(fetchImage('http://[::1]/x.png'), 'media.fetch_refused_address');
    await rejectsWith(fetchImage('http://[::ffff:127.0.0.1]/x.png'), 'media.fetch_refused_address');
  });

  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1']) {
      assert.ok(isRefusedAddress(address), address);
    }
    for (const address of ['8.8.8.8', '114.114.114.114', '2400:3200::1']) assert.ok(!isRefusedAddress(address), address);
  });

  it('stops an enormous download, declared or not', async () => {
    await rejectsWith(fetchImage(`${site.origin}/huge-declared`), 'media.fetch_too_large');
    await rejectsWith(fetchImage(`${site.origin}/huge-chunked`), 'media.fetch_too_large');
  });

  it('gives up on a server that never finishes, and on endless redirects', async () => {
    await rejectsWith(fetchImage(`${site.origin}/never-ends`), 'media.fetch_timeout');
    await rejectsWith(fetchImage(`${site.origin}/loop`), 'media.fetch_too_many_redirects');
  });

  it('refuses what is not http(s), and reports what the server answered', async () => {
    await rejectsWith(fetchImage('file:///etc/passwd'), 'media.fetch_bad_url');
    await rejectsWith(fetchImage('ftp://example.com/a.png'), 'media.fetch_bad_url');
    await rejectsWith(fetchImage(`${site.origin}/gone`), 'media.fetch_http_status');
  });
});

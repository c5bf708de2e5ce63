import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../lib/errors.js';
import { type RemoteSite, startRemoteSite } from '../test-support/remote-site.js';
import { pageFetcher } from './fetch-page.js';

/** 青溪大桥 in GBK, as many Chinese news sites still serve their pages. */
const GBK_TITLE = Buffer.from('c7e0cfaab4f3c7c5', 'hex');

describe('pageFetcher', () => {
  let site: RemoteSite;

  before(async () => {
    site = await startRemoteSite((req, res) => {
      const page = (head: string) => Buffer.concat([Buffer.from(`<html><head>${head}</head><body><h1>`), GBK_TITLE, Buffer.from('</h1></body></html>')]);
      if (req.url === '/meta-gbk') return res.writeHead(200, { 'content-type': 'text/html' }).end(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'));
      if (req.url === '/header-gbk') return res.writeHead(200, { 'content-type': 'text/html; charset=GBK' }).end(page(''));
      if (req.url === '/unknown-charset') return res.writeHead(200, { 'content-type': 'text/html; charset=x-made-up' }).end('<p>青溪</p>');
      if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      res.writeHead(404).end();
    });
  });
  after(() => new Promise((resolve) => site.server.close(resolve)));

  const fetchPage = () => pageFetcher({ timeoutMs: 1_000, maxBytes: 100_000, maxRedirects: 3, allowedPrivateHosts: [site.hostPort] });

  it('decodes a page by the charset its header or its <meta> declares', async () => {
    assert.match((await fetchPage()(`${site.origin}/meta-gbk`)).html, /<h1>青溪大桥<\/h1>/);
    assert.match((await fetchPage()(`${site.origin}/header-gbk`)).html, /<h1>青溪大桥<\/h1>/);
    assert.equal((await fetchPage()(`${site.origin}/unknown-charset`)).html, '<p>青溪</p>');
  });

  it('refuses what is not a page, naming its type', async () => {
    await assert.rejects(fetchPage()(`${site.origin}/json`), (error: unknown) => error instanceof AppError && error.code === 'reprint.not_html' && error.details?.contentType === 'application/json');
  });
});

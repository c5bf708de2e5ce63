// `npx bendi export DIR` and `npx bendi import bendi DIR` as an operator runs them: child processes, SQLite.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THEME_UNIT_TEST_DATA } from '../import/testing.js';
import { runBendiCli } from '../test-support/cli-process.js';

describe('npx bendi export and import bendi', () => {
  let root: string;
  const site = (name: string) => ({ DATA_DIR: path.join(root, name), DATABASE_URL: '' });
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-export-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exports a site with a progress line per phase and what it wrote, and another site imports it', async () => {
    assert.equal((await runBendiCli(site('old'), ['import', 'wordpress', THEME_UNIT_TEST_DATA, '--report', path.join(root, 'wp.json')])).status, 0);
    const dir = path.join(root, 'export');
    const exported = await runBendiCli(site('old'), ['export', dir]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /^exported 58 articles, \d+ comments, \d+ categories, \d+ tags, \d+ settings, \d+ readers, 3 staff accounts, \d+ 专题, \d+ ads and 0 images \(0 files\) to .*: [\d.]+ MB in [\d.]+ s$/m);
    assert.match(exported.stdout, /secrets \(SMS keys, push tokens\) were left out/);
    assert.match(exported.stderr, /bendi: articles 58\/58/);
    assert.ok(fs.existsSync(path.join(dir, 'wordpress.xml')) && fs.existsSync(path.join(dir, 'manifest.json')));

    const imported = await runBendiCli(site('new'), ['import', 'bendi', dir, '--report', path.join(root, 'report.json')]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^imported 58 articles, \d+ comments/m);
    assert.doesNotMatch(imported.stdout, /not imported/);
    const again = await runBendiCli(site('new'), ['import', 'bendi', dir, '--report', path.join(root, 'report.json')]);
    assert.match(again.stdout, /^imported 0 articles, 0 comments.*were imported before and left as they are/m);
  });

  it('says what is wrong with the directory, exiting 1; 2 without one', async () => {
    const taken = await runBendiCli(site('old'), ['export', path.join(root, 'export')]);
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /导出目录 .* 里已经有文件/);
    const notExport = await runBendiCli(site('new'), ['import', 'bendi', root]);
    assert.equal(notExport.status, 1);
    assert.match(notExport.stderr, /不是完整的 bendi 导出/);
    assert.equal((await runBendiCli(site('old'), ['export'])).status, 2);
  });
});

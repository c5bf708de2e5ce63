// `npx bendi import wordpress FILE` as an operator runs it: a child process, SQLite in a fresh DATA_DIR.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBendiCli } from '../test-support/cli-process.js';
import { THEME_UNIT_TEST_DATA, wxrFile, wxrPost } from '../import/testing.js';

describe('npx bendi import wordpress', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-import-'));
    env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('imports the theme unit test data with a progress line and a JSON report, and changes nothing the second time', async () => {
    const reportPath = path.join(dataDir, 'report.json');
    const first = await runBendiCli(env, ['import', 'wordpress', THEME_UNIT_TEST_DATA, '--report', reportPath]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^imported 58 articles, \d+ comments, 0 images/m);
    assert.match(first.stdout, /images not downloaded, kept as links \(\d+\):/);
    assert.match(first.stderr, /importing 100%: 58 articles/);
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as { counts: { articles: number; tags: number } };
    assert.equal(report.counts.articles, 58);
    assert.ok(report.counts.tags > 20, `tags: ${report.counts.tags}`);
    const second = await runBendiCli(env, ['import', 'wordpress', THEME_UNIT_TEST_DATA, '--report', reportPath]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /^imported 0 articles, 0 comments, 0 images, 0 categories, 0 tags, 0 authors; 58 were imported before/m);
  });

  it('exits 1 with where it stopped for a broken file, and 2 without a file', async () => {
    const broken = await runBendiCli(env, ['import', 'wordpress', wxrFile(`${wxrPost({ id: 1 })}<item><title>坏</titel>`)]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /格式有误/);
    assert.equal((await runBendiCli(env, ['import', 'wordpress'])).status, 2);
    const missing = await runBendiCli(env, ['import', 'wordpress', path.join(dataDir, 'none.xml')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read/);
  });
});

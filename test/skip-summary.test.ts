// The summary of what did not run, at the end of `npm test`: a fixture with a skipped suite and a
// skipped test, run by scripts/run-tests.mjs in a child process, with and without CI=true.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './support/portal-process.js';

const FIXTURE = 'test/fixtures/skips.fixture.ts';

function runFixture(env: Record<string, string>): { status: number | null; summary: string } {
  // Without NODE_TEST_CONTEXT, which would make the child's runner think it is nested in this one and run nothing.
  const { NODE_TEST_CONTEXT: _nested, ...outer } = process.env;
  const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', '--no-typecheck', FIXTURE], {
    cwd: REPO_ROOT,
    env: { ...outer, FIXTURE_SERVICE_URL: '', FIXTURE_OTHER_URL: '', ...env },
    encoding: 'utf8',
  });
  assert.equal(result.stderr, '');
  // The summary follows the spec reporter's own counts, which end with its duration.
  const summary = result.stdout.slice(result.stdout.lastIndexOf('duration_ms')).split('\n').slice(1).join('\n').trim();
  return { status: result.status, summary };
}

describe('the summary of what did not run', () => {
  it('names every skipped suite and test under its reason, and passes outside CI', () => {
    const { status, summary } = runFixture({ CI: '' });
    assert.equal(
      summary,
      [
        'Not run: 2 (tests and suites), and why:',
        '  FIXTURE_SERVICE_URL is not set (.ci/run sets it):',
        `    a suite that needs a service (${FIXTURE})`,
        '  FIXTURE_OTHER_URL is not set (.ci/run sets it):',
        `    needs a second service (${FIXTURE})`,
      ].join('\n'),
    );
    assert.equal(status, 0);
  });

  it('fails a CI run that skipped anything, and passes one that ran everything', () => {
    const skipping = runFixture({ CI: 'true' });
    assert.match(skipping.summary, /^Not run: 2 /);
    assert.match(skipping.summary, /CI=true: a CI run must run every test, so this run fails/);
    assert.equal(skipping.status, 1);

    const complete = runFixture({ CI: 'true', FIXTURE_SERVICE_URL: 'x://service', FIXTURE_OTHER_URL: 'x://other' });
    assert.equal(complete.summary, 'Everything ran: nothing was skipped.');
    assert.equal(complete.status, 0);
  });
});

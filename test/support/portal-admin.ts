// An operator's hand on a running portal for end-to-end tests: a token from the CLI,
// settings changed through the admin API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BENDI_CLI } from '../../src/test-support/cli-process.js';
import { REPO_ROOT } from './portal-process.js';

/** A bearer token for the demo admin, from the CLI, as an operator would get one. */
export function apiToken(env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [...BENDI_CLI, 'token', 'create', '--username', 'linxiaowen'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/**
 * Publish-then-review with no probation, so every comment moves the article's comment count,
 * and flood limits lifted: a test's load is a machine's, on purpose.
 */
export async function publishThenReview(origin: string, token: string): Promise<void> {
  const response = await fetch(`${origin}/api/admin/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      commentModeration: 'post',
      commentTrustAfter: 0,
      commentRateLimits: { perReaderPerMinute: 100000, perReaderPerHour: 1000000, perAddressPerMinute: 100000 },
    }),
  });
  assert.equal(response.status, 200, await response.text());
}

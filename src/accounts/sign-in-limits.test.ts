import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { buildStaff } from '../test-support/factories.js';
import { countAccountFailure, SIGN_IN_POLICY } from './sign-in-limits.js';

describeEachDatabase('an account locked by a parallel guess', (t) => {
  it('tells a request that read the clock before the lock was set to wait no longer than a lock lasts', async () => {
    const user = await buildStaff(t.db, 'editor');
    const readClockAt = new Date('2026-12-02T08:00:00.000Z');
    // Another guess, answered a moment after this request read the clock, set the lock from its own later time.
    const lockedUntil = new Date(readClockAt.getTime() + 700 + SIGN_IN_POLICY.lockMinutes * 60_000);
    const credentials = { user, passwordHash: null, failedSignIns: SIGN_IN_POLICY.accountFailures, lockedUntil, totpSecret: null };
    const refused = await countAccountFailure(t.db, credentials, readClockAt);
    assert.ok(refused instanceof AppError && refused.code === 'auth.locked');
    assert.equal(refused.details?.retryAfterSeconds, SIGN_IN_POLICY.lockMinutes * 60);
  });
});

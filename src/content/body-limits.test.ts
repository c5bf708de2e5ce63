import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBodyLimits, MAX_BODY_CHARS } from './body-limits.js';

const tooLong = { code: 'content.body_too_long' };

describe('checkBodyLimits', () => {
  it('counts characters, a character beyond the BMP once', () => {
    checkBodyLimits('𠀀'.repeat(MAX_BODY_CHARS));
    assert.throws(() => checkBodyLimits(`${'𠀀'.repeat(MAX_BODY_CHARS)}字`), tooLong);
    assert.throws(() => checkBodyLimits('字'.repeat(MAX_BODY_CHARS + 1)), tooLong);
  });

  it('refuses the 5,000,000 characters of a fetched page', () => {
    assert.throws(() => checkBodyLimits('字'.repeat(5_000_000)), tooLong);
  });
});

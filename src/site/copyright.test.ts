import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyrightYears } from './copyright.js';

describe('copyrightYears', () => {
  it('runs from the first year to the current year', () => {
    assert.equal(copyrightYears(2019, new Date('2026-06-01T00:00:00Z')), '2019-2026');
  });
  it('uses Beijing time: 31 December 17:00 UTC is already the new year', () => {
    assert.equal(copyrightYears(2019, new Date('2026-12-31T17:00:00Z')), '2019-2027');
  });
  it('prints one year when the site started this year or no start year is set', () => {
    assert.equal(copyrightYears(2026, new Date('2026-06-01T00:00:00Z')), '2026');
    assert.equal(copyrightYears(null, new Date('2026-06-01T00:00:00Z')), '2026');
  });
});

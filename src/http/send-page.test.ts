import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preferredEncoding } from './send-page.js';

describe('preferredEncoding', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, br;q=0.5', 'br'],
    ['gzip, br;q=0.001', 'br'],
    ['gzip, br;q=0', 'gzip'],
    ['gzip, br; q=0', 'gzip'],
    ['br;q=0.0, gzip;q=0', 'identity'],
    ['GZIP', 'gzip'],
    ['brotli, x-gzip', 'identity'],
  ];
  for (const [header, expected] of cases) {
    it(`answers ${expected} to Accept-Encoding: ${header ?? '(none)'}`, () => {
      assert.equal(preferredEncoding({ headers: header === undefined ? {} : { 'accept-encoding': header } }), expected);
    });
  }
});

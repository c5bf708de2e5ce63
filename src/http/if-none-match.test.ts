import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesIfNoneMatch } from './if-none-match.js';

describe('matchesIfNoneMatch', () => {
  const etag = '"abc123"';

  it('matches the same tag, weak or strong on either side', () => {
    assert.equal(matchesIfNoneMatch('"abc123"', etag), true);
    assert.equal(matchesIfNoneMatch('W/"abc123"', etag), true, 'nginx gzip weakens the tag the reader holds');
    assert.equal(matchesIfNoneMatch('"abc123"', 'W/"abc123"'), true);
  });

  it('matches any tag in a comma list, with or without spaces and empty elements', () => {
    assert.equal(matchesIfNoneMatch('"old", W/"abc123"', etag), true);
    assert.equal(matchesIfNoneMatch('"old",W/"abc123" , ,"other"', etag), true);
    assert.equal(matchesIfNoneMatch('"old", "other"', etag), false);
  });

  it('matches * whatever the tag', () => {
    assert.equal(matchesIfNoneMatch('*', etag), true);
    assert.equal(matchesIfNoneMatch(' * ', etag), true);
  });

  it('does not match an absent header, a different tag, or one that only shares a prefix', () => {
    assert.equal(matchesIfNoneMatch(undefined, etag), false);
    assert.equal(matchesIfNoneMatch('', etag), false);
    assert.equal(matchesIfNoneMatch('"abc12"', etag), false);
    assert.equal(matchesIfNoneMatch('"abc123-gzip"', etag), false);
  });

  it('matches nothing in a header that does not parse, so the full page is sent', () => {
    assert.equal(matchesIfNoneMatch('abc123', etag), false, 'the quotes are part of the tag');
    assert.equal(matchesIfNoneMatch('w/"abc123"', etag), false, 'the prefix is case-sensitive');
    assert.equal(matchesIfNoneMatch('"abc123" "abc123"', etag), false);
    assert.equal(matchesIfNoneMatch('"abc123", junk', etag), false);
    assert.equal(matchesIfNoneMatch('"abc"123"', etag), false);
  });
});

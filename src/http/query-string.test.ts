import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueryString } from './query-string.js';

describe('query strings', () => {
  const parsed = (query: string) => ({ ...parseQueryString(query) });

  it('reads names and values as browsers send them: escapes in UTF-8, + as a space, repeated names as a list', () => {
    assert.deepEqual(parsed(`q=${encodeURIComponent('溪口镇 油菜花')}&page=2`), { q: '溪口镇 油菜花', page: '2' });
    assert.deepEqual(parsed('q=a+b&tag=x&tag=y&tag=z&flag&&'), { q: 'a b', tag: ['x', 'y', 'z'], flag: '' });
    assert.deepEqual(parsed('q=%F0%9F%98%80'), { q: '😀' });
  });

  it('reads a value whose bytes are not UTF-8 as GBK, as an old page’s link sends it', () => {
    assert.deepEqual(parsed('q=%CF%AA%BF%DA%D5%F2'), { q: '溪口镇' });
    assert.deepEqual(parsed('q=%CF%AA%BF%DA+%D5%F2&from=%C4%E3'), { q: '溪口 镇', from: '你' });
  });

  it('keeps what a reader typed: a literal escape, a stray %, bytes no encoding reads', () => {
    assert.deepEqual(parsed(`q=${encodeURIComponent('%CF%AA')}`), { q: '%CF%AA' }, 'typed, not GBK');
    assert.deepEqual(parsed('q=100%&r=%ZZ'), { q: '100%', r: '%ZZ' });
    assert.deepEqual(parsed('q=%C4%E3%ZZ'), { q: '你%ZZ' });
    assert.deepEqual(parsed('q=%FF%FF'), { q: '\uFFFD\uFFFD' });
  });

  it('makes __proto__ a name like any other', () => {
    const query = parseQueryString('__proto__=x&constructor=y');
    assert.equal(Object.getPrototypeOf(query), null);
    assert.deepEqual({ ...query }, { ['__proto__']: 'x', constructor: 'y' });
  });
});

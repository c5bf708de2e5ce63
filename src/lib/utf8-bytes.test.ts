import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8Bytes } from './utf8-bytes.js';

describe('utf8Bytes', () => {
  it('makes the bytes Buffer.from makes, whatever the text holds', () => {
    const texts = [
      '',
      '<p>plain ASCII</p>',
      '青溪生活网：守好一江清水 种好一山好茶',
      'emoji beyond the BMP: 🍵🏞️, and a lone surrogate \ud800 here',
      '青'.repeat(87_381), // 262,143 bytes: the longest the scratch holds
      '青'.repeat(87_382), // one more: encoded without it
      'a'.repeat(300_000),
    ];
    for (const text of texts) assert.ok(utf8Bytes(text).equals(Buffer.from(text)), `${text.slice(0, 20)}… (${text.length})`);
  });

  it('gives each text bytes of its own, which the next text does not overwrite', () => {
    const first = utf8Bytes('第一篇');
    const second = utf8Bytes('第二篇, longer than the first');
    assert.equal(first.toString(), '第一篇');
    assert.equal(second.toString(), '第二篇, longer than the first');
    assert.equal(first.length, 9);
    assert.notEqual(first.buffer, second.buffer);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { srcsetFor } from './srcset.js';

const storage = { urlFor: (key: string) => `/media/${key}` };
const variant = (width: number, height: number) => ({ width, height, key: `a-${width}.webp`, contentType: 'image/webp' });

test('lists the WebP copies, and the original only when the copies stop short of the width a page may want', () => {
  assert.equal(srcsetFor({ storageKey: 'a.jpg', width: 700, variants: [variant(480, 240), variant(700, 350)] }, storage), '/media/a-480.webp 480w, /media/a-700.webp 700w');
  // Wider than the widest copy made for any image: the 1600 copy is the widest a page needs.
  assert.equal(srcsetFor({ storageKey: 'a.jpg', width: 3000, variants: [variant(480, 320), variant(960, 640), variant(1600, 1067)] }, storage), '/media/a-480.webp 480w, /media/a-960.webp 960w, /media/a-1600.webp 1600w');
  // A long image without its 600 px copy, which would have passed WebP's height limit.
  assert.equal(srcsetFor({ storageKey: 'a.jpg', width: 600, variants: [variant(480, 13600)] }, storage), '/media/a-480.webp 480w, /media/a.jpg 600w');
  // No copies (too long for any, or stored before copies existed): src alone.
  assert.equal(srcsetFor({ storageKey: 'a.png', width: 300, variants: [] }, storage), '');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { variantWidths, WEBP_MAX_SIDE } from './variant-widths.js';

test('copies at the standard widths narrower than the image, then its own width, capped at the widest', () => {
  const cases: Array<[width: number, height: number, widths: number[]]> = [
    [1000, 800, [480, 960, 1000]],
    [300, 200, [300]],
    [480, 320, [480]],
    [3000, 2000, [480, 960, 1600]],
    // A panorama: the copies are short, and none is wider than 1600.
    [60000, 1000, [480, 960, 1600]],
  ];
  for (const [width, height, widths] of cases) assert.deepEqual(variantWidths(width, height), widths, `${width}×${height}`);
});

test('a long image (长图) gets no copy taller than WebP allows, maybe none', () => {
  const cases: Array<[width: number, height: number, widths: number[]]> = [
    // 600 px wide it would be 17000 tall.
    [600, 17000, [480]],
    [1080, 30000, [480]],
    [1600, 40000, [480]],
    [1000, 40000, []],
    [300, 20000, []],
    [960, WEBP_MAX_SIDE, [480, 960]],
    [960, WEBP_MAX_SIDE + 1, [480]],
  ];
  for (const [width, height, widths] of cases) assert.deepEqual(variantWidths(width, height), widths, `${width}×${height}`);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, type ErrorCode } from '../lib/errors.js';
import { encodeOriginal, encodeVariants } from './encode-image.js';
import { solidPng } from './testing.js';

const failsWith = (code: ErrorCode) => (error: unknown) => error instanceof AppError && error.code === code;

test('an encoder that refuses pixels which decode fine is told as an encoding failure, never as an unsupported format', async () => {
  const long = await solidPng(600, 17000);
  // Asked for a WebP original, whose sides stop at 16383 px.
  await assert.rejects(encodeOriginal(long, { format: 'webp', width: 600, height: 17000, pages: 1 }, undefined), failsWith('media.encode_failed'));
  // Told the picture is 100 px tall, the copies are planned for that, and the encoder refuses the real 17000.
  await assert.rejects(encodeVariants(long, { width: 600, height: 100 }), failsWith('media.encode_failed'));
});

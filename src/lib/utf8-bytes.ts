/** Where a text's UTF-8 is written before its exact bytes are copied out; a UTF-16 unit takes 3 bytes at most. */
const scratch = Buffer.allocUnsafeSlow(256 * 1024);
const LONGEST_IN_SCRATCH = Math.floor(scratch.length / 3);

/**
 * `text` as UTF-8, as Buffer.from(text) makes it, in one pass over the text
 * rather than two: Buffer.from first walks a whole rendered page to measure
 * its UTF-8 length, then walks it again to write it (bench/README.md, "A page's
 * bytes in one pass"). Texts longer than the scratch can hold are encoded as
 * before.
 */
export function utf8Bytes(text: string): Buffer {
  if (text.length > LONGEST_IN_SCRATCH) return Buffer.from(text);
  const length = scratch.write(text, 0);
  const bytes = Buffer.allocUnsafeSlow(length);
  scratch.copy(bytes, 0, 0, length);
  return bytes;
}

import { type AppError, invalid } from '../lib/errors.js';
import { type ImageInfo, MAX_IMAGE_PIXELS } from './image-info.js';
import { loadSharp, queueImageWork } from './image-queue.js';
import { variantWidths } from './variant-widths.js';
import { type Watermark, watermarkOverlays } from './watermark.js';

/** WebP at 78 is visually close to the original at a third of a JPEG's bytes. */
const VARIANT_QUALITY = 78;
/** The stored original is what a reader downloads at full size, so it keeps more detail. */
const ORIGINAL_QUALITY = 85;

/**
 * Within the size limits an image encodes in a few seconds; this bounds what
 * an input the limits did not foresee can cost (libvips stops the work).
 */
export const IMAGE_TIMEOUT_SECONDS = 30;

/**
 * The same pipeline reads every format. `animated` keeps all frames of a GIF
 * or WebP, so an animation stays one (and its variants are animated WebP);
 * `failOn: 'error'` still refuses truncated or corrupt data, but lets through
 * the harmless warnings that phone and WeChat JPEGs often carry.
 */
const decode = async (data: Buffer) =>
  (await loadSharp())(data, { animated: true, limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).timeout({ seconds: IMAGE_TIMEOUT_SECONDS });

/**
 * Runs an encoding in its turn. sharp's errors carry only a message: one
 * saying time ran out is 'media.too_slow', and `failure` tells what any
 * other means. The format was read from the header before, so no failure
 * here is an unsupported format.
 */
const encodeQueued = <T>(encode: () => Promise<T>, failure: () => Promise<AppError> | AppError): Promise<T> =>
  queueImageWork(encode).catch(async (error: unknown) => {
    if (error instanceof Error && error.message.startsWith('timeout')) throw invalid('media.too_slow', { maxSeconds: IMAGE_TIMEOUT_SECONDS });
    throw await failure();
  });

/** Whether every pixel of the bytes decodes; run in a turn of its own once the failed one has ended. */
const decodesWhole = (data: Buffer): Promise<boolean> =>
  queueImageWork(async () => (await decode(data)).stats()).then(
    () => true,
    () => false,
  );

/**
 * Why an upload did not encode: its pixels do not decode (a download cut
 * short, a damaged file), or they do and bendi's encoding failed, which
 * re-saving the picture may get round.
 */
const uploadFailure = async (data: Buffer): Promise<AppError> => invalid((await decodesWhole(data)) ? 'media.encode_failed' : 'media.corrupt_image');

/**
 * The image as it will be stored: upright, marked, re-encoded in its own
 * format. Re-encoding is what strips EXIF (GPS position, camera serial), XMP
 * and IPTC: sharp writes no metadata unless told to keep it.
 * Throws Invalid 'media.corrupt_image' when the pixels do not decode,
 * 'media.encode_failed' when they do but encoding fails, 'media.too_slow'
 * past IMAGE_TIMEOUT_SECONDS.
 */
export async function encodeOriginal(data: Buffer, info: ImageInfo, mark: Watermark | undefined): Promise<Buffer> {
  let image = await decode(data);
  if (info.pages === 1) image = image.autoOrient();
  if (mark) image = image.composite(await watermarkOverlays(mark, info));
  // Quality matters only to the lossy formats; for PNG it would switch to a palette.
  const encoded = info.format === 'jpeg' || info.format === 'webp' ? image.toFormat(info.format, { quality: ORIGINAL_QUALITY }) : image.toFormat(info.format);
  return encodeQueued(() => encoded.toBuffer(), () => uploadFailure(data));
}

/**
 * Resized WebP copies, narrowest first. They are made from the stored
 * original, which is already upright, marked and clean: the mark then
 * shrinks with the picture instead of being stamped at full size. A long
 * image gets only the copies WebP can hold (variantWidths), maybe none.
 * Throws Invalid 'media.encode_failed' (the original decoded a moment ago,
 * so the encoder is what failed) or 'media.too_slow'.
 */
export async function encodeVariants(original: Buffer, frame: Pick<ImageInfo, 'width' | 'height'>): Promise<Array<{ width: number; height: number; data: Buffer }>> {
  return Promise.all(
    variantWidths(frame.width, frame.height).map(async (w) => {
      const { data, info } = await encodeQueued(
        async () => (await decode(original)).resize({ width: w }).webp({ quality: VARIANT_QUALITY }).toBuffer({ resolveWithObject: true }),
        () => invalid('media.encode_failed'),
      );
      return { width: info.width, height: info.pageHeight ?? info.height, data };
    }),
  );
}

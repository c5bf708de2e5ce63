import { invalid } from '../lib/errors.js';
import { loadSharp, queueImageWork } from './image-queue.js';

/**
 * Phone photos are 3–12 MB; 15 MB admits them untouched, while bounding what
 * one upload costs in memory (the bytes are held and decoded in RAM).
 */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/**
 * A decompression bomb is a small file that claims huge dimensions. 8192²
 * (67 megapixels) admits 50-megapixel phone photos; for an animated image it
 * counts every frame, since each one is decoded.
 */
export const MAX_IMAGE_PIXELS = 8192 * 8192;

/**
 * Every frame of an animation is decoded, stamped and encoded three times
 * over (original and WebP variants), and a GIF's palette is worked out frame
 * by frame: 3,000 small frames took 30 s and 900 MB. 200 frames is ten
 * seconds of a smooth GIF, and 4096² pixels across all frames is 200 frames
 * of 320×240 or 50 of 640×480.
 */
export const MAX_ANIMATION_FRAMES = 200;
export const MAX_ANIMATION_PIXELS = 4096 * 4096;

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export const IMAGE_FORMATS: Record<ImageFormat, { contentType: string; extension: string }> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  gif: { contentType: 'image/gif', extension: 'gif' },
};

export interface ImageInfo {
  format: ImageFormat;
  /** As displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  /** Of one frame, after the EXIF orientation is applied. */
  height: number;
  /** 1 for a still image. */
  pages: number;
}

const isImageFormat = (format: string): format is ImageFormat => Object.hasOwn(IMAGE_FORMATS, format);

/**
 * Reads what the bytes really are, never trusting a file name or declared
 * type. Only the header is parsed; nothing is decoded yet.
 * Throws Invalid: 'media.too_large', 'media.unsupported_image' (anything but
 * JPEG, PNG, WebP or GIF, SVG included), 'media.too_many_pixels',
 * 'media.too_many_frames' or 'media.animation_too_large'.
 */
export async function readImageInfo(data: Buffer): Promise<ImageInfo> {
  // sharp throws at once on an empty buffer, rather than rejecting.
  if (data.length === 0) throw invalid('media.unsupported_image');
  if (data.length > MAX_IMAGE_BYTES) throw invalid('media.too_large', { maxBytes: MAX_IMAGE_BYTES });
  // No pixel limit here, so that a bomb is told apart from a file that is not an image at all.
  const metadata = await queueImageWork(async () => (await loadSharp())(data, { animated: true, limitInputPixels: false }).metadata()).catch(() => undefined);
  if (!metadata || !isImageFormat(metadata.format) || !metadata.width || !metadata.height) {
    throw invalid('media.unsupported_image');
  }
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) {
    throw invalid('media.too_many_pixels', { maxPixels: MAX_IMAGE_PIXELS });
  }
  const pages = metadata.pages ?? 1;
  if (pages > MAX_ANIMATION_FRAMES) throw invalid('media.too_many_frames', { maxFrames: MAX_ANIMATION_FRAMES });
  // With `animated`, the height is that of all frames stacked.
  if (pages > 1 && metadata.width * metadata.height > MAX_ANIMATION_PIXELS) throw invalid('media.animation_too_large', { maxPixels: MAX_ANIMATION_PIXELS });
  if (pages > 1) return { format: metadata.format, width: metadata.width, height: metadata.pageHeight ?? metadata.height, pages };
  // Only still images are turned upright: animations carry no orientation that browsers honour.
  const { width, height } = metadata.autoOrient;
  return { format: metadata.format, width, height, pages: 1 };
}

export { IMAGE_TIMEOUT_SECONDS } from './encode-image.js';
export { MAX_ANIMATION_FRAMES, MAX_ANIMATION_PIXELS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './image-info.js';
export type { MediaItem, MediaVariant } from './media.js';
export { findMediaItems, getMediaItem, insertMedia } from './media-repo.js';
export type { WatermarkSettings } from './resolve-watermark.js';
export { srcsetFor } from './srcset.js';
export { isOwnMediaUrl, isSafeMediaKey, LocalDiskStorage, type MediaStorage } from './storage.js';
export { MAX_ALT_LENGTH, storeImageFiles, uploadImage, type UploadImageInput } from './upload-image.js';
export type { WatermarkPosition } from './watermark.js';

export type { MediaItem } from './media.js';
export { findMediaItems, insertMedia } from './media-repo.js';
export { saveImage } from './save-image.js';
export { isSafeMediaKey, LocalDiskStorage, MEDIA_URL_PREFIX, type MediaStorage } from './storage.js';

export { IMAGE_TIMEOUT_SECONDS } from './encode-image.js';
export { IMAGE_FORMATS, MAX_ANIMATION_FRAMES, MAX_ANIMATION_PIXELS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, readImageInfo } from './image-info.js';
export { loadSharp } from './image-queue.js';
export { renderSquareIcons } from './site-icons.js';
export { type MediaItem, type MediaVariant, storedKeysOf } from './media.js';
export { findMediaItems, getMediaItem, insertMedia, storedKeysOfRow, toMediaItem } from './media-repo.js';
export { deleteMedia, type DeleteMediaInput } from './delete-media.js';
export { PendingDeleteWorker } from './pending-delete-worker.js';
export { listMediaLibrary, listUploaders, type MediaLibraryItem, type MediaLibraryQuery } from './media-library.js';
export { isMediaSetting, listMediaUses, lockIntroImages, lockMediaForUse, type MediaPlace, type MediaUse, recordMediaUses, type TopicMediaPlace } from './media-uses.js';
export type { WatermarkSettings } from './resolve-watermark.js';
export { srcsetFor } from './srcset.js';
export { openStorage } from './open-storage.js';
export { isOwnMediaUrl, isSafeMediaKey, MEDIA_CACHE_CONTROL, MEDIA_URL_PREFIX, mediaSitePath } from './media-url.js';
export { contentTypeOf, LocalDiskStorage, type MediaStorage, type StoredFile } from './storage.js';
export {
  checkedAltText,
  discardImageFiles,
  type ImageFile,
  insertStoredImage,
  MAX_ALT_LENGTH,
  MAX_FILE_NAME_LENGTH,
  storeImageFiles,
  uploadImage,
  type UploadImageInput,
  writeImageFiles,
} from './upload-image.js';
export { type ChosenKeysClaim, claimChosenKeys, UPLOAD_UNDER_WAY_MS } from './uploads-in-progress.js';
export type { WatermarkPosition } from './watermark.js';
export { type FetchImage, imageFetcher } from './fetch-image.js';

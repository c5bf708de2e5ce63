/** A resized WebP copy of an image, for `<img srcset>`. */
export interface MediaVariant {
  width: number;
  height: number;
  key: string;
  contentType: string;
}

export interface MediaItem {
  id: number;
  storageKey: string;
  contentType: string;
  width: number;
  /** Of one frame, for an animated image. */
  height: number;
  byteSize: number;
  altText: string;
  /** Narrowest first; empty for images stored before variants existed. */
  variants: MediaVariant[];
}

/** Every file an item stands for in storage, the original first: what deleting it removes and a backup copies. */
export const storedKeysOf = (item: Pick<MediaItem, 'storageKey' | 'variants'>): string[] => [item.storageKey, ...item.variants.map((v) => v.key)];

import type { MediaItem } from './media.js';
import type { MediaStorage } from './storage.js';

/**
 * The item's variants as an `<img srcset>` value, e.g.
 * '/media/2026/05/ab12-480.webp 480w, /media/2026/05/ab12-960.webp 960w'.
 * Empty when the item has no variants: then use `src` alone.
 */
export function srcsetFor(item: Pick<MediaItem, 'variants'>, storage: Pick<MediaStorage, 'urlFor'>): string {
  return item.variants.map((v) => `${storage.urlFor(v.key)} ${v.width}w`).join(', ');
}

import type { MediaItem } from './media.js';
import type { MediaStorage } from './storage.js';
import { widestVariantWidth } from './variant-widths.js';

/**
 * The item's variants as an `<img srcset>` value, e.g.
 * '/media/2026/05/ab12-480.webp 480w, /media/2026/05/ab12-960.webp 960w'.
 * Empty when the item has no variants: then use `src` alone. A long image
 * whose widest copy would pass WebP's height limit has none that wide, and
 * its original ends the list at its own width ('… 480w, /media/2026/05/ab12.jpg 600w'):
 * a browser looks only at srcset, and would otherwise stretch the narrower copy on a wide screen.
 */
export function srcsetFor(item: Pick<MediaItem, 'storageKey' | 'width' | 'variants'>, storage: Pick<MediaStorage, 'urlFor'>): string {
  const candidates = item.variants.map((v) => `${storage.urlFor(v.key)} ${v.width}w`);
  const widest = item.variants.at(-1);
  if (widest && widest.width < widestVariantWidth(item.width)) candidates.push(`${storage.urlFor(item.storageKey)} ${item.width}w`);
  return candidates.join(', ');
}

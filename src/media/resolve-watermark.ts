import type { Db } from '../db/database.js';
import { findMediaItems } from './media-repo.js';
import type { MediaStorage } from './storage.js';
import type { Watermark, WatermarkPosition } from './watermark.js';

/** The site settings that say how uploads are marked (the fields of SiteSettings with these names). */
export interface WatermarkSettings {
  watermarkText: string;
  watermarkMediaId: number | null;
  watermarkPosition: WatermarkPosition;
}

/**
 * The site's mark: its watermark image when one is set and still stored,
 * otherwise its text; undefined when the site marks nothing.
 */
export async function resolveWatermark(
  deps: { db: Db; storage: MediaStorage },
  settings: WatermarkSettings,
): Promise<Watermark | undefined> {
  const position = settings.watermarkPosition;
  if (settings.watermarkMediaId !== null) {
    const item = (await findMediaItems(deps.db, [settings.watermarkMediaId])).get(settings.watermarkMediaId);
    const data = item && (await deps.storage.get(item.storageKey));
    if (data) return { kind: 'image', data, position };
  }
  const text = settings.watermarkText.trim();
  return text ? { kind: 'text', text, position } : undefined;
}

import type { SiteSettings } from '../site/index.js';

type ImageSettingKey = Extract<keyof SiteSettings, `${string}MediaId`>;

/**
 * The site settings that hold an image, by the names the settings form gives
 * them, which also say where an image in use is used. Words only, so the
 * admin's browser scripts can take them too.
 */
export const IMAGE_SETTING_NAMES = {
  logoMediaId: '网站标志（Logo）',
  wechatOfficialAccountQrMediaId: '公众号二维码',
  wechatServiceQrMediaId: '客服号二维码',
  articleQrMediaId: '文章底部二维码',
  watermarkMediaId: '水印图片',
} as const satisfies Record<ImageSettingKey, string>;

/** A setting's name, or its key for one that no longer exists (a stored key of an older version). */
export const imageSettingName = (key: string): string => (IMAGE_SETTING_NAMES as Record<string, string>)[key] ?? key;

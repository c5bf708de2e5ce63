import pngToIco from 'png-to-ico';
import type { AppDeps } from '../app-deps.js';
import { findMediaItems, renderSquareIcons } from '../media/index.js';
import type { SiteSettings } from '../site/index.js';

/** The browser bar's colour, and the web-app manifest's: the red of the default icon. */
export const THEME_COLOR = '#b3261e';

/** Sizes served at /icons/:size.png: Apple's touch icon, and the two a web-app manifest needs. */
export const PNG_ICON_SIZES = [180, 192, 512] as const;
/** What a favicon.ico holds: tabs, bookmarks, and Windows' taskbar. */
const FAVICON_SIZES = [16, 32, 48] as const;

export interface IconSet {
  png: Map<number, Buffer>;
  ico: Buffer;
}

/**
 * The site's icons, made from its logo setting the first time they are asked
 * for and kept until the logo changes (one set: a portal has one logo). A
 * logo whose file is missing or unreadable gives the default icon, never an
 * error: a favicon request must not fail over a bad upload.
 */
export class SiteIcons {
  private made: { logoId: number | null; icons: Promise<IconSet> } | undefined;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'storage'>) {}

  get(settings: Pick<SiteSettings, 'logoMediaId'>): Promise<IconSet> {
    const logoId = settings.logoMediaId;
    if (this.made?.logoId !== logoId) {
      const icons = this.make(logoId);
      this.made = { logoId, icons };
      icons.catch(() => {
        if (this.made?.icons === icons) this.made = undefined;
      });
    }
    return this.made.icons;
  }

  private async make(logoId: number | null): Promise<IconSet> {
    const logo = await this.readLogo(logoId);
    const sizes = [...PNG_ICON_SIZES, ...FAVICON_SIZES];
    const rendered = await renderSquareIcons(logo, sizes).catch(() => renderSquareIcons(undefined, sizes));
    return { png: rendered, ico: await pngToIco(FAVICON_SIZES.map((size) => rendered.get(size)!)) };
  }

  private async readLogo(logoId: number | null): Promise<Buffer | undefined> {
    if (logoId === null) return undefined;
    const item = (await findMediaItems(this.deps.db, [logoId])).get(logoId);
    return item && this.deps.storage.get(item.storageKey).catch(() => undefined);
  }
}

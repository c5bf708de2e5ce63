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
  /** The default icon standing in for a logo the store could not give: not to be cached like the real set. */
  provisional: boolean;
}

/** How long the default icon stands in for a logo the store could not give before the logo is tried again. */
export const LOGO_RETRY_MS = 30_000;

/**
 * The site's icons, made from its logo setting the first time they are asked
 * for and kept until the logo changes (one set: a portal has one logo). A
 * logo whose file is missing or unreadable gives the default icon, never an
 * error: a favicon request must not fail over a bad upload. A store that
 * cannot be reached gives the default icon too, for LOGO_RETRY_MS only: kept,
 * it would stand in until a restart; retried on every request, an outage
 * would cost a storage call per favicon.
 */
export class SiteIcons {
  private made: { logoId: number | null; icons: Promise<IconSet>; retryAt: number } | undefined;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'storage' | 'clock'>) {}

  get(settings: Pick<SiteSettings, 'logoMediaId'>): Promise<IconSet> {
    const logoId = settings.logoMediaId;
    if (this.made?.logoId === logoId && this.deps.clock().getTime() < this.made.retryAt) return this.made.icons;
    const made = { logoId, icons: this.make(logoId), retryAt: Infinity };
    this.made = made;
    made.icons.then(
      (icons) => {
        if (icons.provisional) made.retryAt = this.deps.clock().getTime() + LOGO_RETRY_MS;
      },
      () => {
        if (this.made === made) this.made = undefined;
      },
    );
    return made.icons;
  }

  private async make(logoId: number | null): Promise<IconSet> {
    const { logo, provisional } = await this.readLogo(logoId);
    const sizes = [...PNG_ICON_SIZES, ...FAVICON_SIZES];
    const rendered = await renderSquareIcons(logo, sizes).catch(() => renderSquareIcons(undefined, sizes));
    return { png: rendered, ico: await pngToIco(FAVICON_SIZES.map((size) => rendered.get(size)!)), provisional };
  }

  private async readLogo(logoId: number | null): Promise<{ logo: Buffer | undefined; provisional: boolean }> {
    const item = logoId === null ? undefined : (await findMediaItems(this.deps.db, [logoId])).get(logoId);
    if (!item) return { logo: undefined, provisional: false };
    try {
      return { logo: await this.deps.storage.get(item.storageKey), provisional: false };
    } catch {
      // get() answers undefined for a missing file: a throw is a store that could not answer (media.storage_unavailable).
      return { logo: undefined, provisional: true };
    }
  }
}

import type { AdSlotName } from '../../ads/index.js';
import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import type { ImageRef } from './page-model.js';

export interface AdView {
  id: number;
  title: string;
  body: string;
  image: ImageRef | undefined;
  /** The site's own click address (/ad/:id/click), which counts the click and sends the reader on. */
  href: string;
  weight: number;
}

export interface AdSlotModel {
  slot: AdSlotName;
  /** The ads live in the slot, heaviest first; the page shows one of them. */
  ads: AdView[];
  /** Which one the server chose: shown as it is without JavaScript, and until the script chooses again. */
  chosen: number;
}

/**
 * The slots that take part of the reading column or the sidebar beside it:
 * a reader may close them with one tap (2023 互联网广告管理办法 第十条). The
 * carousel's last frame is not closable: it is one frame among the 头条 and
 * the carousel moves on from it.
 */
const CLOSABLE: ReadonlySet<AdSlotName> = new Set(['home_banner', 'sidebar', 'in_article', 'below_article']);

/**
 * One ad slot: every ad live in it, all but one hidden, so the page's
 * script (assets/site.js) can choose among them by weight at each view
 * although the page itself is cached and shared. The box has a fixed shape
 * per slot (site.css), whichever ad is chosen, so nothing moves when the
 * script swaps one for another. Each ad says 「广告」 and links through the
 * site's own click address; no script or image comes from anywhere else.
 */
export function AdSlot({ model }: { model: AdSlotModel | undefined }) {
  if (!model || model.ads.length === 0) return null;
  const closable = CLOSABLE.has(model.slot);
  return (
    <div class={`ad-slot ad-slot--${model.slot.replaceAll('_', '-')}`} data-ad-slot={model.slot}>
      {model.ads.map((ad, i) => (
        <div key={ad.id} class="ad" data-ad-id={ad.id} data-ad-weight={ad.weight} hidden={i !== model.chosen}>
          <a class="ad__link" href={ad.href} rel="sponsored noopener" target="_blank" data-ad-link>
            {ad.image ? (
              <img
                class="ad__image"
                src={ad.image.src}
                srcset={ad.image.srcset}
                sizes={ad.image.srcset ? '(max-width: 760px) 100vw, 760px' : undefined}
                width={ad.image.width}
                height={ad.image.height}
                alt={ad.title}
                loading={model.slot === 'home_banner' && i === model.chosen ? 'eager' : 'lazy'}
                decoding="async"
              />
            ) : (
              <span class="ad__text">
                <strong>{ad.title}</strong>
                {ad.body && <span>{ad.body}</span>}
              </span>
            )}
          </a>
          <span class="ad__label">{ui.adLabel}</span>
          {/* Shown by the script, which alone can close it; without the script the ad simply stays. */}
          {closable && (
            <button type="button" class="ad__close" aria-label={ui.closeAd} data-ad-close hidden>
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

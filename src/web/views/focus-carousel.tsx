import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { AdSlot, type AdSlotModel } from './ad-slot.js';
import { Image } from './image.js';
import type { FocusFrame } from './page-model.js';

/**
 * 焦点图: a list of linked pictures, one frame wide, that a phone swipes
 * through (CSS scroll snapping, no script needed). site.js adds turning by
 * itself, 上一张/下一张, the arrow keys and a pause button; without it the
 * frames are an ordinary list of links. Every frame keeps the same 16:9 box
 * whether its picture has loaded or not, so nothing below moves; the first
 * picture loads at once (it is the page's largest), the others when near.
 * The 焦点图's 广告位, when it has an ad, is the last frame.
 */
export function FocusCarousel({ articles, ad }: { articles: FocusFrame[]; ad: AdSlotModel | undefined }) {
  const count = articles.length + (ad ? 1 : 0);
  return (
    <section class="focus" aria-roledescription="carousel" aria-labelledby="focus-heading" data-focus>
      <h2 id="focus-heading" class="visually-hidden">
        {ui.focus}
      </h2>
      <ol class="focus__frames" data-focus-frames>
        {articles.map((frame, i) => (
          <li key={frame.key} class="focus__frame" aria-roledescription="slide" aria-label={ui.focusFrame(i + 1, count)}>
            <a class="focus__link" href={frame.href}>
              {frame.image ? (
                <Image image={frame.image} eager={i === 0} className="focus__image" sizes="(min-width: 1024px) 520px, 100vw" />
              ) : (
                <span class="focus__image focus__image--none" />
              )}
              <span class="focus__caption">
                <span class="focus__title">{frame.title}</span>
              </span>
            </a>
          </li>
        ))}
        {ad && (
          <li key="ad" class="focus__frame" aria-roledescription="slide" aria-label={ui.focusFrame(count, count)}>
            <AdSlot model={ad} />
          </li>
        )}
      </ol>
      {count > 1 && (
        <div class="focus__controls" data-focus-controls>
          <button type="button" class="focus__button" data-focus-previous aria-label={ui.focusPrevious}>
            ‹
          </button>
          <span class="focus__count" data-focus-count aria-hidden="true">
            1/{count}
          </span>
          <button type="button" class="focus__button" data-focus-next aria-label={ui.focusNext}>
            ›
          </button>
          <button type="button" class="focus__button focus__button--pause" data-focus-pause data-label-pause={ui.focusPause} data-label-play={ui.focusPlay}>
            <span class="visually-hidden" data-focus-pause-label>
              {ui.focusPause}
            </span>
            <span aria-hidden="true" class="focus__pause-icon" />
          </button>
        </div>
      )}
    </section>
  );
}

import { jsx } from '../../lib/jsx.js';
import type { TransitionButton } from './editor-model.js';

/** The review buttons (送审, 通过, 退回 …) of an article's or a 专题's editor; the client asks a reason where one is needed. */
export function TransitionRow({ transitions }: { transitions: TransitionButton[] }) {
  return (
    <div class="button-row">
      {transitions.map((t) => (
        <button
          key={t.name}
          type="button"
          class={t.primary ? 'button button--primary' : t.to === 'withdrawn' ? 'button button--danger' : 'button'}
          data-transition={t.name}
          data-to={t.to}
          data-reason-title={t.reason?.title}
          data-reason-label={t.reason?.label}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

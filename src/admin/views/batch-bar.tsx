import { type ComponentChildren, jsx } from '../../lib/jsx.js';

/**
 * The bar over a list with ticks: select-all, how many are ticked, the
 * buttons that act on them, and a line for what happened. It stays in view
 * while the list scrolls; the page's script fills in the count and the line
 * (client/selection.ts).
 */
export function BatchBar({ label, selectAll, noneSelected, children }: { label: string; selectAll: string; noneSelected: string; children: ComponentChildren }) {
  return (
    <div class="batch-bar" role="group" aria-label={label}>
      <div class="field--check batch-bar__all">
        <input type="checkbox" id="select-all" data-select-all />
        <label for="select-all">{selectAll}</label>
      </div>
      <span class="batch-bar__count" data-selected-count aria-live="polite">
        {noneSelected}
      </span>
      <div class="button-row">{children}</div>
      <div class="form-status batch-bar__status" role="status" aria-live="polite" data-batch-status />
    </div>
  );
}

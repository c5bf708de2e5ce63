/**
 * The ticks of a list under a BatchBar (views/batch-bar.tsx): select-all
 * ticks or clears every row, the bar says how many are ticked. Returns a
 * function giving the ticked rows (the nearest `rowSelector` of each tick).
 */
export function trackSelection(root: HTMLElement, rowSelector: string, describe: (n: number) => string): () => HTMLElement[] {
  const selectAll = root.querySelector<HTMLInputElement>('[data-select-all]')!;
  const count = root.querySelector<HTMLElement>('[data-selected-count]')!;
  const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-select]')];
  const ticked = () => boxes.filter((b) => b.checked).map((b) => b.closest<HTMLElement>(rowSelector)!);
  const showSelection = () => {
    const n = ticked().length;
    count.textContent = describe(n);
    selectAll.checked = n > 0 && n === boxes.length;
    selectAll.indeterminate = n > 0 && n < boxes.length;
  };
  selectAll.addEventListener('change', () => {
    for (const box of boxes) box.checked = selectAll.checked;
    showSelection();
  });
  for (const box of boxes) box.addEventListener('change', showSelection);
  return ticked;
}

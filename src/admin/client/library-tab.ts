import { am } from '../views/admin-messages.js';
import { api } from './api.js';
import type { UploadedImage } from './dialogs.js';

interface LibraryPage {
  items: UploadedImage[];
  total: number;
}

const PAGE_SIZE = 24;

function pickButton(image: UploadedImage, onPick: (image: UploadedImage) => void): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  const img = document.createElement('img');
  // The smallest WebP copy is enough for a 120-pixel tile.
  img.src = image.variants?.[0]?.url ?? image.url;
  img.alt = '';
  img.loading = 'lazy';
  img.width = 120;
  img.height = 100;
  const alt = document.createElement('span');
  alt.className = 'library-pick__alt';
  alt.textContent = image.alt;
  button.append(img, alt);
  button.addEventListener('click', () => onPick(image));
  item.append(button);
  return item;
}

/**
 * The upload dialog's 从图库选择 tab: the library, newest first, searched
 * as one types, a page at a time. `onPick` gets the image chosen.
 * Returns what resets the tab to the upload side when the dialog opens.
 */
export function initLibraryTab(dialog: HTMLDialogElement, onPick: (image: UploadedImage) => void): () => void {
  const tabs = [...dialog.querySelectorAll<HTMLButtonElement>('[data-upload-tab]')];
  const list = dialog.querySelector<HTMLUListElement>('[data-library-list]')!;
  const search = dialog.querySelector<HTMLInputElement>('[data-library-search]')!;
  const more = dialog.querySelector<HTMLButtonElement>('[data-library-more]')!;
  const status = dialog.querySelector<HTMLElement>('[data-library-status]')!;
  let page = 1;
  let loaded = false;

  const load = async (reset: boolean) => {
    page = reset ? 1 : page + 1;
    status.textContent = am.library.loading;
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(search.value.trim() && { q: search.value.trim() }) });
    try {
      const result = await api<LibraryPage>('GET', `/api/admin/media?${query}`);
      if (reset) list.replaceChildren();
      list.append(...result.items.map((image) => pickButton(image, onPick)));
      more.hidden = page * PAGE_SIZE >= result.total;
      status.textContent = result.total === 0 ? am.library.empty : am.library.total(result.total);
      loaded = true;
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : am.form.serverError;
    }
  };
  const show = (name: string) => {
    for (const tab of tabs) tab.setAttribute('aria-pressed', String(tab.dataset.uploadTab === name));
    for (const panel of dialog.querySelectorAll<HTMLElement>('[data-upload-panel]')) panel.hidden = panel.dataset.uploadPanel !== name;
    if (name === 'library' && !loaded) void load(true);
  };
  for (const tab of tabs) tab.addEventListener('click', () => show(tab.dataset.uploadTab!));
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void load(true), 300);
  });
  // Enter in the search box searches now rather than submitting the upload form.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(typing);
    void load(true);
  });
  more.addEventListener('click', () => void load(false));
  return () => {
    loaded = false;
    show('upload');
  };
}

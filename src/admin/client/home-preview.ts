import { serializeForm } from './form-data.js';

/**
 * 首页预览 on the settings page: shows, in a frame below the button, the
 * public home page with the home settings as they stand in the form,
 * unsaved. The page (/preview/home, staff only, never cached) checks them
 * as saving would, so a bad value shows its message in the frame.
 */
export function initHomePreview(root: ParentNode = document): void {
  const box = root.querySelector<HTMLElement>('[data-home-preview]');
  const form = box?.closest('form');
  const frame = box?.querySelector<HTMLIFrameElement>('[data-home-preview-frame]');
  if (!box || !form || !frame) return;
  box.querySelector('[data-home-preview-button]')?.addEventListener('click', () => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(serializeForm(form))) {
      if (!key.startsWith('home')) continue;
      // An empty list (every top-level category) is sent as one empty item, as leaving it out would mean "as saved".
      const items = Array.isArray(value) ? (value.length > 0 ? value : ['']) : [value];
      for (const item of items) query.append(key, String(item));
    }
    frame.hidden = false;
    frame.src = `/preview/home?${query.toString()}`;
  });
}

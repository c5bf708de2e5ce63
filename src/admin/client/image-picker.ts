import { am } from '../views/admin-messages.js';
import { askUpload, type UploadedImage } from './dialogs.js';

/** Fired on a picker when a new image is in it, so a page can use the image's description elsewhere. */
export const IMAGE_PICKED = 'image-picked';

/** Puts an image in a picker (or empties it), as if the person had chosen it. */
export function setPickerImage(picker: HTMLElement, image: Pick<UploadedImage, 'id' | 'url' | 'alt'> | null): void {
  const input = picker.querySelector<HTMLInputElement>('input[type="hidden"]')!;
  const preview = picker.querySelector<HTMLElement>('[data-image-preview]')!;
  input.value = image ? String(image.id) : '';
  if (image) {
    const img = document.createElement('img');
    img.src = image.url;
    img.alt = image.alt;
    preview.replaceChildren(img);
  } else {
    const none = document.createElement('p');
    none.className = 'image-picker__none';
    none.textContent = am.upload.none;
    preview.replaceChildren(none);
  }
  picker.querySelector<HTMLButtonElement>('[data-pick-image]')!.textContent = image ? am.upload.replace : am.upload.choose;
  picker.querySelector<HTMLButtonElement>('[data-remove-image]')!.hidden = !image;
  // Forms listen for changes (autosave), and a hidden input never fires one by itself.
  input.dispatchEvent(new Event('change', { bubbles: true }));
  if (image) picker.dispatchEvent(new CustomEvent(IMAGE_PICKED, { detail: image, bubbles: true }));
}

/** Every image picker on the page: upload (with its description) into the picker, or clear it. */
export function initImagePickers(root: ParentNode = document): void {
  for (const picker of root.querySelectorAll<HTMLElement>('[data-image-picker]')) {
    picker.querySelector('[data-pick-image]')?.addEventListener('click', async () => {
      const image = await askUpload({ watermark: picker.dataset.watermark !== 'off' });
      if (image) setPickerImage(picker, image);
    });
    picker.querySelector('[data-remove-image]')?.addEventListener('click', () => {
      setPickerImage(picker, null);
      picker.querySelector<HTMLButtonElement>('[data-pick-image]')?.focus();
    });
  }
}

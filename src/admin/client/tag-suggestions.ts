// 推荐关键词: asks the segmenter for the article's telling words and lets the editor add them with a click.
import { foldTagName } from '../../content/tag-folding.js';
import { am } from '../views/admin-messages.js';
import { api } from './api.js';
import { splitList, TAG_SEPARATOR } from './field-types.js';

interface Sources {
  title: () => string;
  bodyHtml: () => string;
}

export function initTagSuggestions(form: HTMLFormElement, sources: Sources): void {
  const panel = form.querySelector<HTMLElement>('[data-tag-suggestions]');
  const field = form.querySelector<HTMLInputElement>('input[name="tags"]');
  if (!panel || !field) return;
  const list = panel.querySelector<HTMLElement>('[data-tag-suggestion-list]')!;
  // NBA and nba are one tag (see foldTagName): a suggestion the field holds in another case is no new tag.
  const isPresent = (tag: string) => splitList(field.value).some((present) => foldTagName(present) === foldTagName(tag));
  const add = (tag: string, button: HTMLButtonElement) => {
    const tags = splitList(field.value);
    if (!isPresent(tag)) field.value = [...tags, tag].join(TAG_SEPARATOR);
    // The draft listens for input events: an added tag is a change to save like any typing.
    field.dispatchEvent(new Event('input', { bubbles: true }));
    button.remove();
  };
  panel.querySelector<HTMLButtonElement>('[data-suggest-tags]')!.addEventListener('click', async () => {
    list.textContent = am.editor.suggestingTags;
    try {
      const { tags } = await api<{ tags: string[] }>('POST', '/api/admin/tags/suggestions', { title: sources.title(), bodyHtml: sources.bodyHtml() });
      const fresh = tags.filter((tag) => !isPresent(tag));
      if (fresh.length === 0) {
        list.textContent = am.editor.noTagSuggestions;
        return;
      }
      list.replaceChildren(
        ...fresh.map((tag) => {
          const button = Object.assign(document.createElement('button'), { type: 'button', className: 'chip', textContent: tag });
          button.setAttribute('aria-label', am.editor.addTag(tag));
          button.addEventListener('click', () => add(tag, button));
          return button;
        }),
      );
    } catch (error) {
      list.textContent = error instanceof Error ? error.message : am.form.serverError;
    }
  });
}

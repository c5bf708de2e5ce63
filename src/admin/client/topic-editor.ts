import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';
import { reasonFor } from './dialogs.js';
import { splitList } from './field-types.js';
import { clearErrors, serializeForm, setStatus, showError } from './form-data.js';
import { IMAGE_PICKED } from './image-picker.js';

interface SectionJson {
  title: string;
  articleIds: number[];
  tag: string | null;
  tagLimit: number;
}

/** A section's fields (named `_…`, see SectionFields) as the API's section, in page order. */
function readSections(form: HTMLFormElement): SectionJson[] {
  return [...form.querySelectorAll<HTMLElement>('[data-topic-section]')].map((section) => {
    const value = (name: string) => section.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value.trim() ?? '';
    return {
      title: value('_title'),
      articleIds: splitList(value('_articleIds')).map(Number),
      tag: value('_tag') || null,
      tagLimit: Number(value('_tagLimit')) || 10,
    };
  });
}

/** The form as the API's 专题: no banner is null, not an empty one. */
function topicBody(form: HTMLFormElement): Record<string, unknown> {
  const { banner, ...fields } = serializeForm(form) as { banner?: { mediaId: number | null; alt?: string } };
  return { ...fields, banner: banner?.mediaId ? { mediaId: banner.mediaId, alt: banner.alt ?? '' } : null, sections: readSections(form) };
}

function initSections(form: HTMLFormElement): void {
  const list = form.querySelector<HTMLElement>('[data-topic-sections]')!;
  const template = form.querySelector<HTMLTemplateElement>('template[data-section-template]')!;
  let added = 0;
  form.querySelector('[data-add-section]')?.addEventListener('click', () => {
    const section = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    // Ids stay unique on the page, so each label still points at its own field.
    added += 1;
    for (const el of section.querySelectorAll<HTMLElement>('[id]')) el.id = el.id.replace(/^snew-/, `sadded${added}-`);
    for (const el of section.querySelectorAll<HTMLElement>('[for]')) el.setAttribute('for', el.getAttribute('for')!.replace(/^snew-/, `sadded${added}-`));
    for (const el of section.querySelectorAll<HTMLElement>('[aria-describedby]')) {
      el.setAttribute('aria-describedby', el.getAttribute('aria-describedby')!.replace(/snew-/g, `sadded${added}-`));
    }
    list.append(section);
    section.querySelector<HTMLInputElement>('input')?.focus();
  });
  list.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button');
    const section = button?.closest<HTMLElement>('[data-topic-section]');
    if (!button || !section) return;
    if (button.hasAttribute('data-remove-section')) section.remove();
    if (button.hasAttribute('data-move-section-up') && section.previousElementSibling) list.insertBefore(section, section.previousElementSibling);
  });
}

/**
 * The 专题 editor (/admin/topics/new, /admin/topics/:id/edit): saves through
 * the API, and moves the 专题 through the review workflow, saving what is
 * on the screen first so what goes to review is what the person sees.
 */
export function initTopicEditor(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-topic-form]');
  if (!form) return;
  initSections(form);
  const alt = form.querySelector<HTMLInputElement>('[name="banner.alt"]');
  form.addEventListener(IMAGE_PICKED, (event) => {
    if (alt && !alt.value) alt.value = (event as CustomEvent<{ alt: string }>).detail.alt;
  });
  const workflow = document.querySelector<HTMLElement>('[data-topic-workflow]');
  const editable = !!form.querySelector('button[type="submit"]');

  async function save(): Promise<boolean> {
    clearErrors(form!);
    setStatus(form!, am.form.saving, 'busy');
    try {
      const id = form!.dataset.id;
      const { topic } = await api<{ topic: { id: number; version: number } }>(id ? 'PATCH' : 'POST', id ? `/api/admin/topics/${id}` : '/api/admin/topics', topicBody(form!));
      if (!id) {
        location.assign(`/admin/topics/${topic.id}/edit`);
        return true;
      }
      if (workflow) workflow.dataset.version = String(topic.version);
      setStatus(form!, am.form.saved);
      return true;
    } catch (error) {
      showError(form!, error);
      return false;
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });

  if (!workflow) return;
  const status = workflow.querySelector<HTMLElement>('[data-workflow-status]')!;
  for (const button of workflow.querySelectorAll<HTMLButtonElement>('button[data-transition]')) {
    button.addEventListener('click', async () => {
      const reason = await reasonFor(button);
      if (reason === null) return;
      button.disabled = true;
      status.textContent = '';
      try {
        if (editable && !(await save())) return;
        const version = Number(workflow.dataset.version);
        await api('POST', `/api/admin/topics/${workflow.dataset.id}/transitions`, { to: button.dataset.to, version, ...(reason ? { reason } : {}) });
        location.reload();
      } catch (error) {
        status.textContent = messageOf(error);
      } finally {
        button.disabled = false;
      }
    });
  }
}

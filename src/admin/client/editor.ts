// The article editor page: TipTap for the body, autosave, the review buttons and the revision history.
import { am } from '../views/admin-messages.js';
import { initSignOut } from './api-forms.js';
import { api } from './api.js';
import { ArticleDraft, type SavedArticle } from './article-draft.js';
import { initBeijingTimeFields } from './form-data.js';
import { mountBodyEditor } from './body-editor.js';
import { initToolbar } from './editor-toolbar.js';
import { pasteCleaned } from './paste-cleaning.js';
import { IMAGE_PICKED, initImagePickers } from './image-picker.js';
import { initRevisions } from './revisions.js';
import { initTagSuggestions } from './tag-suggestions.js';
import { chineseWordCount } from './word-count.js';
import { initWorkflow } from './workflow.js';

function initEditorPage(form: HTMLFormElement): void {
  const editable = form.dataset.editable === 'true';
  const wordCount = form.querySelector<HTMLElement>('#word-count')!;
  const editorElement = form.querySelector<HTMLElement>('[data-editor]')!;
  let draft: ArticleDraft | undefined;
  // Only an editable body has them; a read-only one takes no paste.
  const pasteReport = form.querySelector<HTMLElement>('[data-paste-report]');
  const pasteSimplified = form.querySelector<HTMLInputElement>('[data-paste-simplified]');
  const editor = mountBodyEditor({
    element: editorElement,
    html: form.querySelector<HTMLTextAreaElement>('[data-body-source]')!.value,
    editable,
    labelledBy: 'body-label',
    describedBy: 'word-count f-bodyHtml-error',
    onChange: () => {
      countWords();
      draft?.changed();
    },
    onPaste: (content) => {
      if (pasteReport) void pasteCleaned(editor, content, pasteSimplified?.checked ?? false, pasteReport);
    },
  });
  const countWords = () => (wordCount.textContent = am.editor.wordCount(chineseWordCount(editor.getText())));
  countWords();

  const warnings = form.querySelector<HTMLElement>('[data-warnings]')!;
  const preview = form.querySelector<HTMLAnchorElement>('[data-preview]')!;
  const showWarnings = (result: SavedArticle) => {
    const texts = [
      ...result.warnings.map((code) => am.editor.warnings[code as keyof typeof am.editor.warnings] ?? code),
      ...(result.lexiconHits ?? []).map((hit) => am.editor.lexiconHit(hit.matched, hit.action === 'reject')),
    ];
    warnings.replaceChildren(...texts.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  };
  const workflow = form.querySelector<HTMLElement>('[data-workflow]')!;
  draft = new ArticleDraft(form, editor, (result) => {
    showWarnings(result);
    // What this person just saved is what they now have on screen, so it is the version their review names.
    workflow.dataset.version = String(result.article.version);
    preview.href = `/a/${result.article.id}`;
    preview.hidden = false;
  });
  // The page shows the reprint warnings; the lexicon's come from the API, which screens the text.
  if (draft.id) void api<SavedArticle>('GET', `/api/admin/articles/${draft.id}`).then(showWarnings, () => undefined);

  const reprintFields = form.querySelector<HTMLElement>('[data-reprint-fields]')!;
  const showReprintFields = () => (reprintFields.hidden = form.querySelector<HTMLInputElement>('input[name="origin"]:checked')?.value !== 'reprint');
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'origin') showReprintFields();
  });

  if (editable) {
    initToolbar(form.querySelector<HTMLElement>('[role="toolbar"]')!, editor);
    initImagePickers(form);
    initBeijingTimeFields(form);
    initTagSuggestions(form, { title: () => form.querySelector<HTMLInputElement>('[name="title"]')?.value ?? '', bodyHtml: () => editor.getHTML() });
    // Typing in the body reaches the draft through the editor; everything else through these events.
    const onField = (event: Event) => {
      // The paste option is a choice about pasting, not a change to the article.
      if (!editorElement.contains(event.target as Node) && event.target !== pasteSimplified) draft?.changed();
    };
    form.addEventListener('input', onField);
    form.addEventListener('change', onField);
    form.addEventListener(IMAGE_PICKED, (event) => {
      const alt = form.querySelector<HTMLInputElement>('input[name="leadImage.alt"]');
      if (alt && !alt.value.trim()) alt.value = (event as CustomEvent<{ alt: string }>).detail.alt;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void draft?.save();
    });
    draft.offerLocalCopy(document.querySelector<HTMLElement>('[data-local-copy]')!, showReprintFields);
    window.addEventListener('beforeunload', (event) => {
      if (draft?.dirty) event.preventDefault();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && draft?.dirty && form.dataset.autosave === 'true') void draft.save(true);
    });
  }
  initWorkflow(form, workflow, draft, editable);
  initRevisions(form.querySelector<HTMLDetailsElement>('[data-revisions]')!, draft, editable);
}

initSignOut();
const form = document.querySelector<HTMLFormElement>('form[data-article-form]');
if (form) initEditorPage(form);

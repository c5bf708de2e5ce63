import { MAX_TITLE_CHARS } from '../../content/article.js';
import { Fragment, jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import type { EditorArticle } from './editor-model.js';
import { FieldError, ImagePicker, RadioGroup, TextAreaField, TextField } from './form-fields.js';

/** `longLabel`, when a button does more than its label says, is its accessible name; it begins with the label. */
const TOOLBAR: Array<Array<{ command: string; label: string; longLabel?: string; toggle?: boolean }>> = [
  [
    { command: 'h2', label: am.toolbar.heading2, toggle: true },
    { command: 'h3', label: am.toolbar.heading3, toggle: true },
  ],
  [
    { command: 'bold', label: am.toolbar.bold, toggle: true },
    { command: 'italic', label: am.toolbar.italic, toggle: true },
  ],
  [
    { command: 'bulletList', label: am.toolbar.bulletList, toggle: true },
    { command: 'orderedList', label: am.toolbar.orderedList, toggle: true },
    { command: 'blockquote', label: am.toolbar.blockquote, toggle: true },
  ],
  [
    { command: 'link', label: am.toolbar.link, toggle: true },
    { command: 'image', label: am.toolbar.image },
    { command: 'imageAlt', label: am.toolbar.imageAlt },
  ],
  [
    { command: 'insertTable', label: am.toolbar.insertTable, longLabel: am.toolbar.insertTableLong },
    { command: 'addRow', label: am.toolbar.addRow },
    { command: 'deleteRow', label: am.toolbar.deleteRow },
    { command: 'addColumn', label: am.toolbar.addColumn },
    { command: 'deleteColumn', label: am.toolbar.deleteColumn },
    { command: 'deleteTable', label: am.toolbar.deleteTable },
  ],
  [
    { command: 'undo', label: am.toolbar.undo },
    { command: 'redo', label: am.toolbar.redo },
  ],
];

function BodyField({ html, editable }: { html: string; editable: boolean }) {
  return (
    <div class="field editor__body">
      <div class="label" id="body-label">
        {am.editor.body}
      </div>
      {editable && (
        <div class="toolbar" role="toolbar" aria-label={am.editor.bodyToolbar} aria-controls="body-editor">
          {TOOLBAR.map((group, i) => (
            <div class="toolbar__group" key={i}>
              {group.map((b) => (
                <button key={b.command} type="button" class="toolbar__button" data-command={b.command} aria-label={b.longLabel} aria-pressed={b.toggle ? 'false' : undefined}>
                  {b.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
      {/* The saved body as text; the script reads it into the editor. A textarea holds markup safely, escaped. */}
      <textarea data-body-source hidden aria-hidden="true" tabIndex={-1}>
        {html}
      </textarea>
      <div class="editor__content" id="body-editor" data-editor />
      <p class="word-count" id="word-count" />
      <FieldError id="f-bodyHtml" name="bodyHtml" />
      {editable && (
        <>
          {/* No name: a choice about pasting, not a field of the article. */}
          <label class="paste-option">
            <input type="checkbox" data-paste-simplified /> {am.paste.simplified}
          </label>
          <ul class="paste-report" data-paste-report aria-live="polite" aria-label={am.paste.report} />
        </>
      )}
    </div>
  );
}

/** The article's own fields, in the order a reader meets them on the page. */
export function EditorMain({ article, editable }: { article: EditorArticle; editable: boolean }) {
  const reprint = article.origin === 'reprint';
  return (
    <fieldset class="editor__main plain-fieldset" disabled={!editable}>
      <TextField name="title" label={am.editor.title} value={article.title} required maxLength={MAX_TITLE_CHARS} className="input--title" />
      <BodyField html={article.bodyHtml} editable={editable} />
      <TextAreaField name="summary" label={am.editor.summary} hint={am.editor.summaryHint} value={article.summary} rows={2} maxLength={500} />
      <ImagePicker name="leadImage.mediaId" label={am.editor.leadImage} image={article.leadImage} disabled={!editable} />
      <TextField name="leadImage.alt" label={am.editor.leadImageAlt} hint={am.editor.leadImageAltHint} value={article.leadImageAlt} maxLength={200} />
      <TextAreaField name="editorNote" label={am.editor.editorNote} value={article.editorNote} rows={3} maxLength={2000} dataType="text-or-null" />
      <TextField name="author" label={am.editor.author} value={article.author} maxLength={100} dataType="text-or-null" />
      <TextAreaField name="credits" label={am.editor.credits} hint={am.editor.creditsHint} value={article.credits} rows={2} maxLength={500} dataType="text-or-null" />
      <RadioGroup
        name="origin"
        legend={am.editor.origin}
        value={article.origin}
        options={[
          { value: 'original', label: am.editor.original },
          { value: 'reprint', label: am.editor.reprint },
        ]}
      />
      <div class="reprint-fields" data-reprint-fields hidden={!reprint}>
        <p class="field__hint">{am.editor.reprintHint}</p>
        <TextField name="sourceName" label={am.editor.sourceName} value={article.sourceName} maxLength={100} dataType="text-or-null" />
        <TextField
          name="sourceUrl"
          label={am.editor.sourceUrl}
          hint={am.editor.sourceUrlHint}
          value={article.sourceUrl}
          type="url"
          maxLength={1000}
          dataType="text-or-null"
        />
        <TextField name="originalTitle" label={am.editor.originalTitle} value={article.originalTitle} maxLength={200} dataType="text-or-null" />
        <TextField name="originalAuthor" label={am.editor.originalAuthor} value={article.originalAuthor} maxLength={100} dataType="text-or-null" />
        <TextField name="responsibleEditor" label={am.editor.responsibleEditor} value={article.responsibleEditor} maxLength={50} dataType="text-or-null" />
      </div>
    </fieldset>
  );
}

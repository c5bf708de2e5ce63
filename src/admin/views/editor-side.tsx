import { jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import type { EditorPageProps } from './editor-model.js';
import { CheckboxField, FormStatus, SelectField, TextField } from './form-fields.js';
import { TransitionRow } from './transition-row.js';

/** Status, saving, the review buttons, placement on the site, and the revision history. */
export function EditorSide(props: EditorPageProps) {
  const { article, editable } = props;
  return (
    <aside class="editor__side" aria-label={am.editor.side}>
      <section class="panel">
        <p class="panel__status">
          {am.editor.status}：<span class={`status status--${article.status}`}>{article.statusName}</span>
        </p>
        {article.reviewProgress && <p class="field__hint">{article.reviewProgress}</p>}
        <FormStatus />
        <ul class="warnings" data-warnings aria-live="polite">
          {props.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
        {editable && !props.autosave && <p class="field__hint">{am.editor.autosaveOff}</p>}
        <div class="button-row">
          {editable && (
            <button type="submit" class="button">
              {am.editor.save}
            </button>
          )}
          <a class="button button--quiet" data-preview href={article.id ? `/a/${article.id}` : '#'} target="_blank" rel="noopener" hidden={!article.id}>
            {am.editor.preview}
            <span class="visually-hidden">{am.editor.previewHint}</span>
          </a>
        </div>
      </section>
      <section class="panel" data-workflow data-version={article.version} aria-labelledby="workflow-heading">
        <h2 id="workflow-heading" class="panel__title">
          {am.editor.workflow}
        </h2>
        {props.approvalBarred && <p class="field__hint">{props.approvalBarred}</p>}
        <TransitionRow transitions={props.transitions} />
        <p class="form-status" data-kind="error" data-workflow-status role="status" />
      </section>
      <fieldset class="panel plain-fieldset" disabled={!editable}>
        <SelectField
          name="categoryId"
          label={am.editor.category}
          value={article.categoryId}
          options={[{ value: '', label: am.editor.chooseCategory }, ...props.categories]}
          required
          dataType="int"
        />
        <TextField
          name="scheduledAt"
          label={am.editor.scheduledAt}
          hint={am.editor.scheduledHint}
          value={article.scheduledAt}
          maxLength={40}
          dataType="beijing-datetime"
        />
        <TextField name="tags" label={am.editor.tags} hint={am.editor.tagsHint} value={article.tags} dataType="list" maxLength={300} />
        <div class="tag-suggestions" data-tag-suggestions>
          <button type="button" class="button button--quiet" data-suggest-tags>
            {am.editor.suggestTags}
          </button>
          <p class="field__hint" data-tag-suggestion-list aria-live="polite" />
        </div>
        <fieldset class="field">
          <legend>{am.editor.flags}</legend>
          <CheckboxField name="flags.headline" label={am.editor.headline} checked={article.flags.headline} />
          <CheckboxField name="flags.recommended" label={am.editor.recommended} checked={article.flags.recommended} />
          <CheckboxField name="flags.pinned" label={am.editor.pinned} checked={article.flags.pinned} />
        </fieldset>
      </fieldset>
      <details class="panel revisions-panel" data-revisions>
        <summary>{am.revisions.title}</summary>
        <div data-revision-list aria-live="polite" />
      </details>
    </aside>
  );
}

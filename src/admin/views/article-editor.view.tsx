import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import { EditorMain } from './editor-main.js';
import type { EditorPageProps } from './editor-model.js';
import { EditorSide } from './editor-side.js';
import { AskDialog, ButtonPair, UploadDialog } from './form-fields.js';

export function ArticleEditorPage(props: EditorPageProps) {
  const { article, editable } = props;
  const showReason = article.statusReason && (article.status === 'rejected' || article.status === 'withdrawn');
  return (
    <AdminLayout chrome={props.chrome} wide>
      {props.notice && (
        <p class="notice notice--ok" role="status">
          {props.notice}
        </p>
      )}
      {showReason && <p class="notice notice--warn">{am.editor.statusReason(article.statusReason!)}</p>}
      {!editable && <p class="notice">{am.editor.readOnly}</p>}
      <div class="notice notice--warn" data-local-copy hidden>
        <p>{am.editor.restoreLocal}</p>
        <ButtonPair
          primary={am.editor.restoreLocalYes}
          primaryProps={{ 'data-restore-local': true }}
          quiet={am.editor.restoreLocalNo}
          quietProps={{ 'data-discard-local': true }}
        />
      </div>
      <form
        class="editor"
        data-article-form
        data-article-id={article.id ?? ''}
        data-editable={String(editable)}
        data-autosave={String(props.autosave)}
        aria-label={am.editor.main}
        novalidate
      >
        <EditorMain article={article} editable={editable} />
        <EditorSide {...props} />
      </form>
      <UploadDialog />
      <AskDialog />
      <DiffDialog />
    </AdminLayout>
  );
}

function DiffDialog() {
  return (
    <dialog id="diff-dialog" class="dialog dialog--wide" aria-labelledby="diff-dialog-title">
      <h2 id="diff-dialog-title">{am.revisions.diffTitle}</h2>
      <p class="field__hint">{am.revisions.diffLegend}</p>
      <h3>{am.revisions.diffTitleLabel}</h3>
      <div class="diff" data-diff-title />
      <h3>{am.revisions.diffBodyLabel}</h3>
      <div data-diff-body />
      <h3>{am.revisions.changesSince}</h3>
      <div data-diff-changes />
      <div class="button-row">
        <button type="button" class="button" data-dialog-cancel>
          {am.dialog.close}
        </button>
      </div>
    </dialog>
  );
}

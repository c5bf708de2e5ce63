import { jsx } from '../../lib/jsx.js';
import type { TopicSection, TopicStatus } from '../../topics/index.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, PickedImage } from './admin-model.js';
import type { TransitionButton } from './editor-model.js';
import { AskDialog, CheckboxField, FieldError, FormStatus, ImagePicker, TextAreaField, TextField, UploadDialog } from './form-fields.js';
import { TransitionRow } from './transition-row.js';

const m = am.topics;

export interface TopicRow {
  id: number;
  title: string;
  slug: string;
  status: TopicStatus;
  statusName: string;
  position: number;
  showOnHome: boolean;
}

/** /admin/topics: every 专题, in their order among 专题. */
export function TopicListPage({ chrome, topics, mayCreate }: { chrome: AdminChrome; topics: TopicRow[]; mayCreate: boolean }) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{m.intro}</p>
      {mayCreate && (
        <p>
          <a class="button button--primary" href="/admin/topics/new">
            {m.create}
          </a>
        </p>
      )}
      {topics.length === 0 ? (
        <p class="empty">{m.empty}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{m.title}</th>
              <th scope="col">{m.slug}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">{m.position}</th>
              <th scope="col">{m.onHome}</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={`/admin/topics/${t.id}/edit`}>{t.title}</a>
                </td>
                <td>/zt/{t.slug}</td>
                <td>
                  <span class={`status status--${t.status}`}>{t.statusName}</span>
                </td>
                <td>{t.position}</td>
                <td>{t.showOnHome ? '✓' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export interface TopicEditorProps {
  chrome: AdminChrome;
  /** Undefined for a new 专题. */
  topic:
    | { id: number; slug: string; title: string; introHtml: string; position: number; showOnHome: boolean; bannerAlt: string; version: number; statusName: string; statusReason: string | null; sections: TopicSection[] }
    | undefined;
  banner: PickedImage | undefined;
  editable: boolean;
  transitions: TransitionButton[];
  /** The picked articles' titles and status names, by id, shown under each section. */
  picked: Map<number, { title: string; statusName: string }>;
}

/**
 * One section's fields, named with a leading `_` so the generic form
 * serializer leaves them to the 专题 script, which sends sections as a list
 * in the order they stand on the page.
 */
function SectionFields({ section, index, picked }: { section: TopicSection | undefined; index: number | 'new'; picked: TopicEditorProps['picked'] }) {
  const id = (name: string) => `s${index}-${name}`;
  const articles = (section?.articleIds ?? []).map((articleId) => ({ id: articleId, ...picked.get(articleId) }));
  return (
    <fieldset class="panel topic-section" data-topic-section>
      <legend>{m.sections}</legend>
      <TextField id={id('title')} name="_title" label={m.sectionTitle} value={section?.title} required maxLength={30} />
      <TextField id={id('articles')} name="_articleIds" label={m.articleIds} hint={m.articleIdsHint} value={section?.articleIds.join(', ')} inputMode="numeric" />
      {articles.length > 0 && (
        <ol class="topic-section__picked" aria-label={m.articleIds}>
          {articles.map((a) => (
            <li key={a.id}>
              {a.id}：<a href={`/admin/articles/${a.id}/edit`}>{a.title}</a>（{a.statusName}）
            </li>
          ))}
        </ol>
      )}
      <TextField id={id('tag')} name="_tag" label={m.tag} hint={m.tagHint} value={section?.tag} maxLength={20} />
      <TextField id={id('limit')} name="_tagLimit" label={m.tagLimit} value={section?.tagLimit ?? 10} type="number" min={1} max={30} inputMode="numeric" />
      <div class="button-row">
        <button type="button" class="button" data-move-section-up>
          {m.moveUp}
        </button>
        <button type="button" class="button button--danger" data-remove-section>
          {m.removeSection}
        </button>
      </div>
    </fieldset>
  );
}

/** /admin/topics/new and /admin/topics/:id/edit: the 专题's fields, its sections, and the review buttons. */
export function TopicEditorPage(props: TopicEditorProps) {
  const { topic } = props;
  return (
    <AdminLayout chrome={props.chrome}>
      <form class="topic-form" data-topic-form data-id={topic?.id} novalidate>
        <fieldset class="plain-fieldset" disabled={!props.editable}>
          <TextField name="title" label={m.title} value={topic?.title} required maxLength={60} />
          {topic ? <p>/zt/{topic.slug}</p> : <TextField name="slug" label={m.slug} hint={m.slugHint} value="" required maxLength={60} autoComplete="off" />}
          <ImagePicker name="banner.mediaId" label={m.banner} hint={m.bannerHint} image={props.banner} />
          <TextField name="banner.alt" label={m.bannerAlt} value={topic?.bannerAlt} maxLength={200} />
          <TextAreaField name="introHtml" label={m.introHtml} hint={m.introHint} value={topic?.introHtml} rows={6} maxLength={20000} />
          <TextField name="position" label={m.position} hint={m.positionHint} value={topic?.position ?? 0} type="number" min={0} max={10000} inputMode="numeric" dataType="int" />
          <CheckboxField name="showOnHome" label={m.showOnHome} checked={topic?.showOnHome ?? false} />
          <h2>{m.sections}</h2>
          <div data-topic-sections>
            {(topic?.sections ?? []).map((section, i) => (
              <SectionFields key={i} section={section} index={i} picked={props.picked} />
            ))}
          </div>
          <FieldError id="f-sections" name="sections" />
          <template data-section-template>
            <SectionFields section={undefined} index="new" picked={props.picked} />
          </template>
          <p>
            <button type="button" class="button" data-add-section>
              {m.addSection}
            </button>
          </p>
        </fieldset>
        <div class="save-bar">
          {props.editable && (
            <button type="submit" class="button button--primary">
              {m.save}
            </button>
          )}
          {topic && (
            <a class="button button--quiet" href={`/zt/${topic.slug}`} target="_blank" rel="noopener">
              {m.preview}
            </a>
          )}
          <FormStatus />
        </div>
      </form>
      {topic && (
        <section class="panel" data-topic-workflow data-id={topic.id} data-version={topic.version} aria-labelledby="workflow-heading">
          <h2 id="workflow-heading" class="panel__title">
            {am.editor.workflow}：{topic.statusName}
          </h2>
          {topic.statusReason && <p class="field__hint">{topic.statusReason}</p>}
          <TransitionRow transitions={props.transitions} />
          <p class="form-status" data-kind="error" data-workflow-status role="status" />
        </section>
      )}
      <UploadDialog />
      <AskDialog />
    </AdminLayout>
  );
}

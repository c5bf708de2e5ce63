import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import type { PushEngine, PushStatus, SearchPushSettingsView } from '../../search-push/index.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { SaveBar, SecretField, TextField } from './form-fields.js';

const t = am.searchEngines;

export interface PushRow {
  id: number;
  articleTitle: string;
  url: string;
  engine: PushEngine;
  status: PushStatus;
  attempts: number;
  /** When it was sent or failed, or, while pending, when it is tried next. */
  time: ShownTime;
  resultText: string;
}

export interface SearchEnginesPageProps {
  chrome: AdminChrome;
  settings: SearchPushSettingsView;
  pushes: PushRow[];
}

/** Admins set up Baidu's and IndexNow's pushes and see how the latest ones went. */
export function SearchEnginesPage({ chrome, settings, pushes }: SearchEnginesPageProps) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{t.intro}</p>
      <form class="settings" data-api-form data-method="PATCH" data-url="/api/admin/settings/search-engines" data-after="reload" novalidate>
        <fieldset class="card">
          <legend class="card__title">{t.settingsTitle}</legend>
          <TextField id="f-push-baiduSite" name="baiduSite" label={t.baiduSite} hint={t.baiduSiteHint} value={settings.baiduSite} />
          <SecretField id="f-push-baiduToken" name="baiduToken" label={t.baiduToken} isSet={settings.baiduTokenSet} setHint={t.tokenSet} unsetHint={t.tokenUnset} />
          <TextField id="f-push-baiduEndpoint" name="baiduEndpoint" label={t.baiduEndpoint} hint={t.endpointHint} value={settings.baiduEndpoint} />
          <TextField id="f-push-indexNowKey" name="indexNowKey" label={t.indexNowKey} hint={t.indexNowKeyHint} value={settings.indexNowKey} />
          <TextField id="f-push-indexNowEndpoint" name="indexNowEndpoint" label={t.indexNowEndpoint} hint={t.endpointHint} value={settings.indexNowEndpoint} />
        </fieldset>
        <SaveBar />
      </form>
      <section class="card" aria-labelledby="pushes-title">
        <h2 class="card__title" id="pushes-title">
          {t.listTitle}
        </h2>
        {pushes.length === 0 ? <p class="empty">{t.empty}</p> : <PushTable pushes={pushes} />}
      </section>
    </AdminLayout>
  );
}

function PushTable({ pushes }: { pushes: PushRow[] }) {
  return (
    <table class="table table--stack">
      <thead>
        <tr>
          <th scope="col">{t.colArticle}</th>
          <th scope="col">{t.colEngine}</th>
          <th scope="col">{t.colStatus}</th>
          <th scope="col">{t.colResult}</th>
          <th scope="col">{t.colTime}</th>
        </tr>
      </thead>
      <tbody>
        {pushes.map((push) => (
          <tr key={push.id} data-push-status={push.status}>
            <td class="table__title">
              <a href={push.url}>{push.articleTitle}</a>
            </td>
            <td data-label={t.colEngine}>{t.engines[push.engine]}</td>
            <td data-label={t.colStatus}>
              {t.statuses[push.status]}
              {push.attempts > 1 && `（${t.attempts(push.attempts)}）`}
            </td>
            <td data-label={t.colResult}>{push.resultText}</td>
            <td data-label={t.colTime}>
              {push.status === 'pending' && `${t.nextAttempt} `}
              <time dateTime={push.time.iso}>{push.time.text}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

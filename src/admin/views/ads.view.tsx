import type { Ad, AdDay } from '../../ads/index.js';
import { AD_BODY_MAX, AD_LINK_MAX, AD_SLOTS, AD_TITLE_MAX, AD_WEIGHT_MAX } from '../../ads/index.js';
import { jsx } from '../../lib/jsx.js';
import { beijingChineseDateTime } from '../client/field-types.js';
import type { ShownTime } from '../../lib/china-time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, PickedImage, SelectOption } from './admin-model.js';
import { CheckboxField, DeleteRowButton, FieldError, ImagePicker, SaveBar, SelectField, TextAreaField, TextField, UploadDialog } from './form-fields.js';

const t = am.ads;

export type AdStatus = keyof typeof t.statuses;

export interface AdRow {
  ad: Ad;
  status: AdStatus;
  starts: ShownTime;
  ends: ShownTime | undefined;
  categoryNames: string[];
  impressions: number;
  clicks: number;
}

export interface AdsPageProps {
  chrome: AdminChrome;
  adsEnabled: boolean;
  grayMode: boolean;
  rows: AdRow[];
  categories: SelectOption[];
  /** The start a new ad's form offers: now. */
  now: Date;
}

/** Admins place ads, switch them all off, and see what each brought. */
export function AdsPage(props: AdsPageProps) {
  return (
    <AdminLayout chrome={props.chrome}>
      <p>{t.intro}</p>
      <form class="settings" data-api-form data-method="PATCH" data-url="/api/admin/settings" data-after="reload" novalidate>
        <fieldset class="card">
          <legend class="card__title">{t.switchTitle}</legend>
          <CheckboxField name="adsEnabled" label={t.adsEnabled} checked={props.adsEnabled} />
          {props.grayMode && <p class="field__hint">{t.grayNote}</p>}
        </fieldset>
        <SaveBar />
      </form>
      <section class="card" aria-labelledby="ads-title">
        <h2 class="card__title" id="ads-title">
          {t.listTitle}
        </h2>
        {props.rows.length === 0 ? <p class="empty">{t.empty}</p> : <AdTable rows={props.rows} />}
      </section>
      <AdForm title={t.newTitle} method="POST" url="/api/admin/ads" categories={props.categories} values={{ startsAt: props.now }} />
      <UploadDialog />
    </AdminLayout>
  );
}

export interface AdEditPageProps {
  chrome: AdminChrome;
  ad: Ad;
  image: PickedImage | undefined;
  categories: SelectOption[];
  days: AdDay[];
}

/** One ad: its form, and its impressions and clicks per day. */
export function AdEditPage(props: AdEditPageProps) {
  return (
    <AdminLayout chrome={props.chrome}>
      <p>
        <a href="/admin/ads">{t.back}</a>
      </p>
      <AdForm title={t.editTitle(props.ad.title)} method="PATCH" url={`/api/admin/ads/${props.ad.id}`} categories={props.categories} values={props.ad} image={props.image} />
      <section class="card" aria-labelledby="ad-days-title">
        <h2 class="card__title" id="ad-days-title">
          {t.daysTitle}
        </h2>
        {props.days.length === 0 ? <p class="empty">{t.noDays}</p> : <DayTable days={props.days} />}
      </section>
      <UploadDialog />
    </AdminLayout>
  );
}

const rate = (clicks: number, impressions: number) => (impressions === 0 ? '—' : `${((clicks / impressions) * 100).toFixed(2)}%`);

function AdTable({ rows }: { rows: AdRow[] }) {
  return (
    <table class="table table--stack">
      <thead>
        <tr>
          <th scope="col">{t.colTitle}</th>
          <th scope="col">{t.colSlot}</th>
          <th scope="col">{t.colStatus}</th>
          <th scope="col">{t.colTime}</th>
          <th scope="col">{t.colWeight}</th>
          <th scope="col">{t.colImpressions}</th>
          <th scope="col">{t.colClicks}</th>
          <th scope="col">{t.colRate}</th>
          <th scope="col">
            <span class="visually-hidden">{t.edit}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ ad, ...row }) => (
          <tr key={ad.id} data-ad-status={row.status}>
            <td class="table__title">
              <a href={`/admin/ads/${ad.id}`}>{ad.title}</a>
              <br />
              <small>
                {t.kinds[ad.kind]} · {row.categoryNames.length > 0 ? row.categoryNames.join('、') : t.allCategories}
              </small>
            </td>
            <td data-label={t.colSlot}>{t.slots[ad.slot]}</td>
            <td data-label={t.colStatus}>{t.statuses[row.status]}</td>
            <td data-label={t.colTime}>
              <time dateTime={row.starts.iso}>{row.starts.text}</time> {row.ends ? t.until(row.ends.text) : t.forever}
            </td>
            <td data-label={t.colWeight}>{ad.weight}</td>
            <td data-label={t.colImpressions}>{row.impressions}</td>
            <td data-label={t.colClicks}>{row.clicks}</td>
            <td data-label={t.colRate}>{rate(row.clicks, row.impressions)}</td>
            <td>
              <DeleteRowButton url={`/api/admin/ads/${ad.id}`} confirm={t.confirmDelete(ad.title)} label={t.deleteLabel(ad.title)} text={t.delete} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayTable({ days }: { days: AdDay[] }) {
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">{t.colDay}</th>
          <th scope="col">{t.colImpressions}</th>
          <th scope="col">{t.colClicks}</th>
          <th scope="col">{t.colRate}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day.day}>
            <td>{day.day}</td>
            <td>{day.impressions}</td>
            <td>{day.clicks}</td>
            <td>{rate(day.clicks, day.impressions)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type AdValues = Partial<Pick<Ad, 'slot' | 'title' | 'body' | 'linkUrl' | 'weight' | 'startsAt' | 'endsAt' | 'enabled' | 'categoryIds'>>;

/** The fields of an ad, sent to the API as JSON (client/api-forms.ts); errors show by the field they name. */
function AdForm(props: { title: string; method: 'POST' | 'PATCH'; url: string; categories: SelectOption[]; values: AdValues; image?: PickedImage }) {
  const v = props.values;
  const id = (name: string) => `f-ad-${name}`;
  const chosen = new Set((v.categoryIds ?? []).map(String));
  return (
    <form class="settings" data-api-form data-method={props.method} data-url={props.url} data-after="reload" novalidate>
      <fieldset class="card">
        <legend class="card__title">{props.title}</legend>
        <SelectField id={id('slot')} name="slot" label={t.slot} value={v.slot ?? 'home_banner'} options={AD_SLOTS.map((slot) => ({ value: slot, label: t.slots[slot] }))} required />
        <TextField id={id('title')} name="title" label={t.adTitle} hint={t.adTitleHint} value={v.title} maxLength={AD_TITLE_MAX} required />
        <TextAreaField id={id('body')} name="body" label={t.body} hint={t.bodyHint} value={v.body} maxLength={AD_BODY_MAX} rows={2} />
        <ImagePicker name="mediaId" label={t.image} hint={t.imageHint} image={props.image} watermark={false} />
        <TextField id={id('linkUrl')} name="linkUrl" label={t.linkUrl} hint={t.linkUrlHint} value={v.linkUrl} type="url" maxLength={AD_LINK_MAX} required />
        <TextField id={id('weight')} name="weight" label={t.weight} hint={t.weightHint} value={v.weight ?? 1} type="number" min={1} max={AD_WEIGHT_MAX} dataType="int" />
        <TextField id={id('startsAt')} name="startsAt" label={t.startsAt} hint={am.editor.beijingTimeHint} value={v.startsAt && beijingChineseDateTime(v.startsAt.toISOString())} maxLength={40} dataType="beijing-datetime" required />
        <TextField id={id('endsAt')} name="endsAt" label={t.endsAt} hint={t.endsAtHint} value={v.endsAt ? beijingChineseDateTime(v.endsAt.toISOString()) : ''} maxLength={40} dataType="beijing-datetime" />
        <div class="field">
          <label for={id('categoryIds')}>{t.categoryIds}</label>
          <p class="field__hint" id={`${id('categoryIds')}-hint`}>
            {t.categoryIdsHint}
          </p>
          <select id={id('categoryIds')} name="categoryIds" multiple size={Math.min(8, Math.max(3, props.categories.length))} data-type="int-list" aria-describedby={`${id('categoryIds')}-hint ${id('categoryIds')}-error`}>
            {props.categories.map((c) => (
              <option key={c.value} value={c.value} selected={chosen.has(c.value)}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldError id={id('categoryIds')} name="categoryIds" />
        </div>
        <CheckboxField id={id('enabled')} name="enabled" label={t.enabled} checked={v.enabled ?? true} />
      </fieldset>
      <SaveBar />
    </form>
  );
}

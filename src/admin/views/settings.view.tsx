import { jsx } from '../../lib/jsx.js';
import type { SiteSettings } from '../../site/index.js';
import type { SmsSettingsView } from '../../sms/index.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, PickedImage, SelectOption } from './admin-model.js';
import { CheckboxField, ImagePicker, SaveBar, SelectField, TextAreaField, TextField, UploadDialog } from './form-fields.js';
import { SmsSettingsForm } from './sms-settings.view.js';

type Key = keyof SiteSettings;
type Kind = 'text' | 'email' | 'tel' | 'year' | 'count' | 'whole' | 'textarea' | 'lines' | 'image' | 'select' | 'check';
interface Spec {
  key: Key;
  kind: Kind;
  options?: SelectOption[];
  required?: boolean;
}

const f = am.settings.fields;
const labels = f as Record<string, string>;
const choices = (entries: Array<[string, string]>): SelectOption[] => entries.map(([value, label]) => ({ value, label }));

/** Every setting, grouped as staff think of them; labels and hints come from the catalogue by key. */
const GROUPS: Array<{ title: string; fields: Spec[] }> = [
  {
    title: am.settings.groups.site,
    fields: [
      { key: 'siteName', kind: 'text', required: true },
      { key: 'siteDomain', kind: 'text' },
      { key: 'tagline', kind: 'text' },
      { key: 'logoMediaId', kind: 'image' },
      { key: 'copyrightHolder', kind: 'text' },
      { key: 'copyrightStartYear', kind: 'year' },
    ],
  },
  {
    title: am.settings.groups.footer,
    fields: [
      { key: 'contactEmail', kind: 'email' },
      { key: 'legalCounsel', kind: 'text' },
      { key: 'publicSecurityFilingNumber', kind: 'text' },
      { key: 'publicSecurityFilingCode', kind: 'text' },
      { key: 'icpNumber', kind: 'text' },
      { key: 'telecomLicence', kind: 'text' },
      { key: 'reportPhone', kind: 'tel' },
      { key: 'reportEmail', kind: 'email' },
    ],
  },
  {
    title: am.settings.groups.service,
    fields: [
      { key: 'servicePhone', kind: 'tel' },
      { key: 'serviceHours', kind: 'text' },
      { key: 'serviceQq', kind: 'text' },
      { key: 'wechatOfficialAccountName', kind: 'text' },
      { key: 'wechatOfficialAccountQrMediaId', kind: 'image' },
      { key: 'wechatServiceQrMediaId', kind: 'image' },
      { key: 'articleQrMediaId', kind: 'image' },
    ],
  },
  {
    title: am.settings.groups.reprint,
    fields: [
      { key: 'reprintDisclaimer', kind: 'textarea' },
      { key: 'licensedSources', kind: 'lines' },
      { key: 'reviewLevels', kind: 'select', options: choices([['1', f.reviewOne], ['2', f.reviewTwo]]) },
    ],
  },
  {
    title: am.settings.groups.comments,
    fields: [
      { key: 'commentsEnabled', kind: 'check' },
      { key: 'commentModeration', kind: 'select', options: choices([['pre', f.moderationPre], ['post', f.moderationPost]]) },
      { key: 'commentTrustAfter', kind: 'whole' },
      { key: 'commentPledge', kind: 'textarea' },
    ],
  },
  {
    title: am.settings.groups.display,
    fields: [
      { key: 'grayMode', kind: 'select', options: choices([['off', f.grayOff], ['site', f.graySite], ['home', f.grayHome]]) },
      { key: 'adsEnabled', kind: 'check' },
      { key: 'articlesPerPage', kind: 'count' },
      { key: 'feedContent', kind: 'select', options: choices([['full', f.feedFull], ['summary', f.feedSummary]]) },
    ],
  },
  {
    title: am.settings.groups.home,
    fields: [
      { key: 'homeSections', kind: 'lines' },
      { key: 'homeCarouselFrames', kind: 'whole' },
      { key: 'homeHeadlineCount', kind: 'whole' },
      { key: 'homeArticlesPerCategory', kind: 'count' },
      { key: 'homeRecommendedCount', kind: 'whole' },
      { key: 'homeRanking', kind: 'select', options: choices([['off', f.rankingOff], ['day', f.rankingDay], ['week', f.rankingWeek]]) },
      { key: 'homeRankingCount', kind: 'count' },
    ],
  },
  {
    title: am.settings.groups.watermark,
    fields: [
      { key: 'watermarkText', kind: 'text' },
      { key: 'watermarkMediaId', kind: 'image' },
      { key: 'watermarkPosition', kind: 'select', options: choices(Object.entries(am.settings.positions)) },
    ],
  },
];

export interface SettingsPageProps {
  chrome: AdminChrome;
  settings: SiteSettings;
  sms: SmsSettingsView;
  images: Partial<Record<Key, PickedImage>>;
  /** maxLength of each text setting, from the API's schema. */
  limits: Partial<Record<Key, number>>;
  /** The least and most of each number setting, from the API's schema. */
  ranges: Partial<Record<Key, { min: number; max: number }>>;
  /** The top-level categories a home section may name, as "slug（name）". */
  homeSectionChoices: string[];
}

function SettingField({ spec, props }: { spec: Spec; props: SettingsPageProps }) {
  const { key, kind } = spec;
  const value = props.settings[key];
  const hint = key === 'homeSections' ? f.homeSectionsHint.replace('{choices}', props.homeSectionChoices.join('、')) : labels[`${key}Hint`];
  const common = { name: key, label: labels[key]!, hint, required: spec.required, maxLength: props.limits[key] };
  switch (kind) {
    // Logos, QR codes and the watermark itself are never stamped with the watermark.
    case 'image':
      return <ImagePicker name={key} label={common.label} hint={common.hint} image={props.images[key]} watermark={false} />;
    case 'select':
      return <SelectField {...common} value={String(value)} options={spec.options!} dataType={typeof value === 'number' ? 'int' : undefined} />;
    case 'textarea':
      return <TextAreaField {...common} value={String(value)} rows={3} />;
    case 'lines':
      return <TextAreaField {...common} value={(value as string[]).join('\n')} rows={5} dataType="lines" />;
    case 'year':
      return <TextField {...common} value={value as number | null} type="number" min={1990} max={2100} inputMode="numeric" dataType="int-or-null" />;
    case 'count':
    case 'whole': {
      const range = props.ranges[key] ?? { min: kind === 'count' ? 1 : 0, max: 100 };
      return <TextField {...common} value={value as number} type="number" min={range.min} max={range.max} inputMode="numeric" dataType="int" />;
    }
    case 'check':
      return <CheckboxField name={key} label={common.label} hint={common.hint} checked={value === true} />;
    default:
      return <TextField {...common} value={String(value)} type={kind} />;
  }
}

/** 首页预览: the home page with the form's unsaved home settings, framed here (client/home-preview.ts fills the frame). */
function HomePreview() {
  return (
    <div class="home-preview" data-home-preview>
      <p class="field__hint">{am.settings.homePreviewHint}</p>
      <button type="button" class="button" data-home-preview-button>
        {am.settings.homePreview}
      </button>
      <iframe class="home-preview__frame" title={am.settings.homePreviewTitle} data-home-preview-frame hidden />
    </div>
  );
}

export function SettingsPage(props: SettingsPageProps) {
  return (
    <AdminLayout chrome={props.chrome}>
      <form class="settings" data-api-form data-method="PATCH" data-url="/api/admin/settings" novalidate>
        {GROUPS.map((group) => (
          <fieldset class="card" key={group.title}>
            <legend class="card__title">{group.title}</legend>
            {group.fields.map((spec) => (
              <SettingField key={spec.key} spec={spec} props={props} />
            ))}
            {group.title === am.settings.groups.home && <HomePreview />}
          </fieldset>
        ))}
        <SaveBar />
      </form>
      <SmsSettingsForm sms={props.sms} />
      <UploadDialog />
    </AdminLayout>
  );
}

import { jsx } from '../../lib/jsx.js';
import type { SmsSettingsView } from '../../sms/index.js';
import { am } from './admin-messages.js';
import { SaveBar, SecretField, SelectField, TextField } from './form-fields.js';

const t = am.settings.sms;
const text = (name: keyof SmsSettingsView, value: string, hint?: string) => <TextField id={`f-sms-${name}`} name={name} label={t[name as keyof typeof t] as string} hint={hint} value={value} />;

/**
 * The SMS provider's settings, a form of its own since they are saved to their
 * own endpoint. The secret field always starts empty: a saved secret is never
 * sent back to the browser, only whether one is set.
 */
export function SmsSettingsForm({ sms }: { sms: SmsSettingsView }) {
  return (
    <form class="settings" data-api-form data-method="PATCH" data-url="/api/admin/settings/sms" data-after="reload" novalidate>
      <fieldset class="card">
        <legend class="card__title">{t.title}</legend>
        <p class="field__hint">{t.intro}</p>
        <SelectField id="f-sms-provider" name="provider" label={t.provider} value={sms.provider} options={Object.entries(t.providers).map(([value, label]) => ({ value, label }))} />
        {text('accessKeyId', sms.accessKeyId)}
        <SecretField id="f-sms-accessKeySecret" name="accessKeySecret" label={t.accessKeySecret} isSet={sms.accessKeySecretSet} setHint={t.secretSet} unsetHint={t.secretUnset} />
        {text('signName', sms.signName, t.signNameHint)}
        {text('templateCode', sms.templateCode, t.templateCodeHint)}
        {text('sdkAppId', sms.sdkAppId)}
        {text('region', sms.region, t.regionHint)}
        {text('endpoint', sms.endpoint, t.endpointHint)}
      </fieldset>
      <SaveBar />
    </form>
  );
}

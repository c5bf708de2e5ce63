import { jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import { FormStatus, SelectField, TextField } from './form-fields.js';

const k = am.tokens;

/** An API token as a page lists it: times already in Beijing time, never the secret. */
export interface TokenRow {
  id: number;
  name: string;
  created: string;
  expires: string;
  lastUsed: string;
}

/** The tokens of one account, each with a 撤销 button that calls `revokeUrl`. */
export function TokenTable({ tokens, revokeUrl }: { tokens: TokenRow[]; revokeUrl: (id: number) => string }) {
  if (tokens.length === 0) return <p>{k.none}</p>;
  return (
    <form novalidate>
      <table class="table table--stack">
        <thead>
          <tr>
            <th scope="col">{k.name}</th>
            <th scope="col">{k.created}</th>
            <th scope="col">{k.expires}</th>
            <th scope="col">{k.lastUsed}</th>
            <th scope="col">{k.actions}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td class="table__title">{t.name}</td>
              <td data-label={k.created}>{t.created}</td>
              <td data-label={k.expires}>{t.expires}</td>
              <td data-label={k.lastUsed}>{t.lastUsed}</td>
              <td class="table__actions">
                <button type="button" class="button button--danger" data-api-call data-method="DELETE" data-url={revokeUrl(t.id)} data-confirm={k.confirmRevoke(t.name)}>
                  {k.revoke}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormStatus />
    </form>
  );
}

const LIFETIMES = [
  { value: '30', label: k.days(30) },
  { value: '90', label: k.days(90) },
  { value: '365', label: k.days(365) },
  { value: '', label: k.forever },
];

/** Creating one's own token: the script shows the secret once, here. */
export function TokenCreateForm() {
  return (
    <form data-token-create novalidate>
      <p>{k.hint}</p>
      <TextField id="token-name" name="name" label={k.name} hint={k.nameHint} value="" required maxLength={50} autoComplete="off" />
      <SelectField id="token-days" name="expiresInDays" label={k.expires} value="90" options={LIFETIMES} dataType="int-or-null" />
      <button type="submit" class="button button--primary">
        {k.create}
      </button>
      <FormStatus />
      <div class="notice" data-new-token hidden>
        <p>{k.shownOnce}</p>
        <p>
          <code data-token-secret />
        </p>
        <button type="button" class="button" data-token-done>
          {k.done}
        </button>
      </div>
    </form>
  );
}

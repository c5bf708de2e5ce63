import { type ComponentChildren, jsx } from '../../lib/jsx.js';
import type { FieldType } from '../client/field-types.js';
import { am } from './admin-messages.js';
import type { PickedImage, SelectOption } from './admin-model.js';

/**
 * Labelled fields for every admin form. Each has a hint and an error line
 * that the scripts fill with the API's message (data-error-for = the API's
 * field name), and the input points at both with aria-describedby.
 */
interface FieldProps {
  name: string;
  label: string;
  /** Unique on the page; defaults to the name. Rows of a list pass their own. */
  id?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  dataType?: FieldType;
}

const idFor = (p: FieldProps) => p.id ?? `f-${p.name.replace(/\./g, '-')}`;

function Field({ props, children }: { props: FieldProps; children: ComponentChildren }) {
  const id = idFor(props);
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && <span class="field__required">{am.required}</span>}
      </label>
      {props.hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {children}
      <FieldError id={id} name={props.name} />
    </div>
  );
}

export function FieldError({ id, name }: { id: string; name: string }) {
  return <p class="field__error" id={`${id}-error`} data-error-for={name} hidden />;
}

/** The attributes every input shares: name, id, described-by, data-type. */
function inputAttributes(props: FieldProps) {
  const id = idFor(props);
  return {
    id,
    name: props.name,
    required: props.required,
    disabled: props.disabled,
    'data-type': props.dataType,
    'aria-describedby': props.hint ? `${id}-hint ${id}-error` : `${id}-error`,
  };
}

export function TextField(
  props: FieldProps & {
    value: string | number | null | undefined;
    type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'password' | 'search' | 'date' | 'month' | 'file';
    accept?: string;
    maxLength?: number;
    min?: number;
    max?: number;
    autoComplete?: string;
    inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'url';
    pattern?: string;
    className?: string;
  },
) {
  return (
    <Field props={props}>
      <input
        {...inputAttributes(props)}
        class={props.className}
        type={props.type ?? 'text'}
        // A file input takes no value attribute: only the person picks a file.
        value={props.type === 'file' ? undefined : (props.value ?? '')}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        pattern={props.pattern}
        accept={props.accept}
      />
    </Field>
  );
}

export function TextAreaField(props: FieldProps & { value: string | null | undefined; rows?: number; maxLength?: number }) {
  return (
    <Field props={props}>
      <textarea {...inputAttributes(props)} rows={props.rows ?? 3} maxLength={props.maxLength}>
        {props.value ?? ''}
      </textarea>
    </Field>
  );
}

export function SelectField(props: FieldProps & { value: string | number | null | undefined; options: SelectOption[] }) {
  const selected = props.value === null || props.value === undefined ? '' : String(props.value);
  return (
    <Field props={props}>
      <select {...inputAttributes(props)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField(props: Omit<FieldProps, 'dataType'> & { checked: boolean }) {
  const id = idFor(props);
  return (
    <div class="field field--check">
      <input {...inputAttributes({ ...props, dataType: 'bool' })} type="checkbox" value="true" checked={props.checked} />
      <label for={id}>{props.label}</label>
      <FieldError id={id} name={props.name} />
    </div>
  );
}

export function RadioGroup(props: { name: string; legend: string; value: string; options: SelectOption[]; disabled?: boolean; hint?: string }) {
  return (
    <fieldset class="field field--radios">
      <legend>{props.legend}</legend>
      {props.hint && <p class="field__hint">{props.hint}</p>}
      <div class="radios">
        {props.options.map((o) => (
          <label key={o.value} class="radio">
            <input type="radio" name={props.name} value={o.value} checked={o.value === props.value} disabled={props.disabled} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={`f-${props.name}`} name={props.name} />
    </fieldset>
  );
}

/** A form's own message line: "已保存。" or what went wrong, read out by screen readers. */
export function FormStatus() {
  return <p class="form-status" data-form-status role="status" aria-live="polite" />;
}

/**
 * An uploaded image held in a hidden input as its media id: a preview, a
 * button that opens the page's UploadDialog, and one that clears it.
 * `watermark={false}` for logos and QR codes, which a mark would spoil.
 */
export function ImagePicker(props: { name: string; label: string; image: PickedImage | undefined; hint?: string; watermark?: boolean; disabled?: boolean }) {
  const id = `f-${props.name.replace(/\./g, '-')}`;
  return (
    <fieldset class="field image-picker" data-image-picker data-watermark={props.watermark === false ? 'off' : undefined}>
      <legend>{props.label}</legend>
      {props.hint && <p class="field__hint">{props.hint}</p>}
      <input type="hidden" id={id} name={props.name} value={props.image?.id ?? ''} data-type="int-or-null" />
      <div class="image-picker__preview" data-image-preview>
        {props.image ? <img src={props.image.url} alt={props.image.alt} /> : <p class="image-picker__none">{am.upload.none}</p>}
      </div>
      {!props.disabled && (
        <div class="button-row">
          <button type="button" class="button" data-pick-image>
            {props.image ? am.upload.replace : am.upload.choose}
          </button>
          <button type="button" class="button button--quiet" data-remove-image hidden={!props.image}>
            {am.upload.remove}
          </button>
        </div>
      )}
      <FieldError id={id} name={props.name} />
    </fieldset>
  );
}

/**
 * The page's one image dialog: upload a file with its required text
 * alternative (asked before anything is sent), or choose one from the
 * library (client/library-tab.ts).
 */
export function UploadDialog() {
  return (
    <dialog id="upload-dialog" class="dialog" aria-labelledby="upload-dialog-title">
      <form method="dialog" class="dialog__form" novalidate>
        <h2 id="upload-dialog-title">{am.upload.title}</h2>
        <div class="button-row" role="group" aria-label={am.library.pickTabs}>
          <button type="button" class="button" data-upload-tab="upload" aria-pressed="true">
            {am.library.uploadTab}
          </button>
          <button type="button" class="button" data-upload-tab="library" aria-pressed="false">
            {am.library.fromLibrary}
          </button>
        </div>
        <div data-upload-panel="upload">
          <TextField
            id="upload-file"
            name="file"
            label={am.upload.file}
            hint={am.upload.fileHint}
            value={undefined}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            required
          />
          <TextField id="upload-alt" name="alt" label={am.upload.alt} hint={am.upload.altHint} value="" required maxLength={200} />
          <FormStatus />
          <ButtonPair primary={am.upload.submit} primaryProps={{ type: 'submit', 'data-upload-submit': true }} quiet={am.dialog.cancel} />
        </div>
        <div data-upload-panel="library" hidden>
          <div class="field">
            <label for="library-pick-q">{am.library.pickSearch}</label>
            <input id="library-pick-q" type="search" maxLength={100} data-library-search autoComplete="off" />
          </div>
          <p role="status" aria-live="polite" data-library-status />
          <ul class="library-pick" data-library-list />
          <div class="button-row">
            <button type="button" class="button" data-library-more hidden>
              {am.library.more}
            </button>
            <button type="button" class="button button--quiet" data-dialog-cancel>
              {am.dialog.cancel}
            </button>
          </div>
        </div>
      </form>
    </dialog>
  );
}

/** A dialog that asks for one piece of text (a reason, a link); its title and label are set by the script. */
export function AskDialog() {
  return (
    <dialog id="ask-dialog" class="dialog" aria-labelledby="ask-dialog-title">
      <form method="dialog" class="dialog__form" novalidate>
        <h2 id="ask-dialog-title" data-ask-title />
        <div class="field">
          <label for="ask-input" data-ask-label />
          <textarea id="ask-input" rows={3} aria-describedby="ask-input-error" />
          <p class="field__error" id="ask-input-error" hidden />
        </div>
        <ButtonPair primary={am.dialog.ok} primaryProps={{ type: 'submit' }} quiet={am.dialog.cancel} />
      </form>
    </dialog>
  );
}

type ButtonProps = { type?: 'button' | 'submit' } & Record<`data-${string}`, true>;

/**
 * A main action and a quiet one beside it (confirm / cancel). The quiet
 * button closes the surrounding dialog unless other attributes are given.
 */
export function ButtonPair(props: { primary: string; quiet: string; primaryProps?: ButtonProps; quietProps?: ButtonProps }) {
  return (
    <div class="button-row">
      <button type="button" class="button button--primary" {...props.primaryProps}>
        {props.primary}
      </button>
      <button type="button" class="button button--quiet" {...(props.quietProps ?? { 'data-dialog-cancel': true })}>
        {props.quiet}
      </button>
    </div>
  );
}

/** A row's delete button: the API call is made by the page script (api-forms.ts) after the person confirms. */
export function DeleteRowButton({ url, confirm, label, text }: { url: string; confirm: string; label: string; text: string }) {
  return (
    <button type="button" class="button button--small button--danger" data-api-call data-method="DELETE" data-url={url} data-confirm={confirm} aria-label={label}>
      {text}
    </button>
  );
}

/** A filter form's buttons: apply, and export what the filters match. */
export function FilterButtons({ apply, csvHref, csvLabel }: { apply: string; csvHref: string; csvLabel: string }) {
  return (
    <div class="filters__buttons">
      <button type="submit" class="button">
        {apply}
      </button>
      <a class="button button--quiet" href={csvHref} download>
        {csvLabel}
      </a>
    </div>
  );
}

/**
 * A secret the server keeps and never sends back (an SMS key, a Baidu token):
 * the field starts empty, says whether one is set, and leaving it empty
 * keeps the one that is.
 */
export function SecretField({ id, name, label, isSet, setHint, unsetHint }: { id: string; name: string; label: string; isSet: boolean; setHint: string; unsetHint: string }) {
  return <TextField id={id} name={name} label={label} hint={isSet ? setHint : unsetHint} value="" type="password" autoComplete="new-password" dataType="optional-text" />;
}

/** A settings form's foot: save, and the line that says how it went. */
export function SaveBar() {
  return (
    <div class="save-bar">
      <button type="submit" class="button button--primary">
        {am.form.save}
      </button>
      <FormStatus />
    </div>
  );
}

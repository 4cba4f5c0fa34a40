import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import type { AppEnv } from '../http/env.ts';
import type { FormState } from '../http/forms.ts';
import { CSRF_FIELD } from '../http/middleware.ts';
import { t } from '../i18n/index.ts';

/** The hidden CSRF token every POST form carries. */
export function CsrfField() {
  const c = useRequestContext<AppEnv>();
  return <input type="hidden" name={CSRF_FIELD} value={c.get('csrfToken')} />;
}

export function PageHeader({
  title,
  lead,
  actions,
}: {
  title: string;
  lead?: Child;
  actions?: Child;
}) {
  return (
    <div class="page-header">
      <div>
        <h1>{title}</h1>
        {lead && <p class="lead">{lead}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </div>
  );
}

/** Errors listed at the top of a form, each linking to its field. */
export function ErrorSummary({ state }: { state?: FormState<any> }) {
  const errors = state?.errors ?? {};
  const entries = Object.entries(errors);
  if (!entries.length && !state?.message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{t('form.errorSummary')}</h2>
      {state?.message && <p>{state.message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, message]) => (
            <li>
              <a href={`#field-${field}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state?: FormState<any>;
  type?: string;
  help?: Child;
  optional?: boolean;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
  value?: string;
  list?: string;
  min?: string;
  max?: string;
  step?: string;
  accept?: string;
}

function fieldValue(state: FormState<any> | undefined, name: string): string {
  const value = state?.values?.[name];
  if (value == null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A labelled input with help text and its error beside it; keeps the submitted value. */
export function Field(props: FieldProps) {
  const { name, label, state, help, optional } = props;
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label} {optional && <span class="optional">{t('form.optional')}</span>}
      </label>
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'file' ? undefined : (props.value ?? fieldValue(state, name))}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode as any}
        placeholder={props.placeholder}
        list={props.list}
        min={props.min}
        max={props.max}
        step={props.step}
        accept={props.accept}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function TextAreaField(props: Omit<FieldProps, 'type'> & { rows?: number }) {
  const { name, label, state, help, optional } = props;
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label} {optional && <span class="optional">{t('form.optional')}</span>}
      </label>
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 6}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={
          [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
      >
        {props.value ?? fieldValue(state, name)}
      </textarea>
    </div>
  );
}

export function SelectField(
  props: Omit<FieldProps, 'type'> & {
    options: { value: string; label: string }[];
    multiple?: boolean;
  },
) {
  const { name, label, state, help, optional, options } = props;
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  const raw = state?.values?.[name];
  const selected = new Set((Array.isArray(raw) ? raw : [props.value ?? raw ?? '']).map(String));
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label} {optional && <span class="optional">{t('form.optional')}</span>}
      </label>
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        multiple={props.multiple}
        aria-invalid={error ? 'true' : undefined}
      >
        {options.map((option) => (
          <option value={option.value} selected={selected.has(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes sharing one name (issue areas, for example). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  state?: FormState<any>;
  help?: Child;
}) {
  const error = props.state?.errors?.[props.name];
  const raw = props.state?.values?.[props.name];
  const checked = new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(String));
  return (
    <fieldset
      class={error ? 'field has-error checkboxes' : 'field checkboxes'}
      id={`field-${props.name}`}
    >
      <legend>{props.legend}</legend>
      {props.help && <p class="help">{props.help}</p>}
      {error && <p class="field-error">{error}</p>}
      <div class="checkbox-grid">
        {props.options.map((option) => (
          <label class="checkbox">
            <input
              type="checkbox"
              name={props.name}
              value={option.value}
              checked={checked.has(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function EmptyState({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children && <div>{children}</div>}
    </div>
  );
}

export function Badge({
  children,
  tone,
}: {
  children: Child;
  tone?: 'warning' | 'danger' | 'success' | 'muted';
}) {
  return <span class={tone ? `badge badge-${tone}` : 'badge'}>{children}</span>;
}

export function SampleBadge({ isSample }: { isSample: boolean }) {
  return isSample ? <Badge tone="muted">{t('badge.sample')}</Badge> : null;
}

/** A link to the next page of a cursor-paginated list, keeping the other query parameters. */
export function NextPageLink({
  next,
  query,
}: {
  next: string | null;
  query?: Record<string, string | undefined>;
}) {
  if (!next) return null;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  params.set('cursor', next);
  return (
    <p class="pagination">
      <a class="button secondary" href={`?${params.toString()}`} rel="next">
        {t('pagination.next')}
      </a>
    </p>
  );
}

/** The plain page for a capability that is not built yet. */
export function ComingSoon({
  title,
  lead,
  meanwhile,
}: {
  title: string;
  lead: string;
  meanwhile?: { href: string; label: string }[];
}) {
  return (
    <>
      <PageHeader title={title} lead={lead} />
      <div class="notice">
        <p>
          <strong>{t('comingSoon.lead')}</strong>
        </p>
        {meanwhile && meanwhile.length > 0 && (
          <>
            <p>{t('comingSoon.meanwhile')}</p>
            <ul>
              {meanwhile.map((item) => (
                <li>
                  <a href={item.href}>{item.label}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}

/** A wide table's scrolling box: focusable and labelled, so keyboard users can scroll it too. */
export function TableWrap({ label, children }: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}

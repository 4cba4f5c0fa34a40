import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors.ts';

/** What a form view needs to re-render after a failed submit: the values kept, an error per field. */
export interface FormState<T = Record<string, unknown>> {
  values: Partial<Record<keyof T & string, unknown>> & Record<string, unknown>;
  errors: FieldErrors;
  message?: string;
}

export const emptyForm = <T>(values: Record<string, unknown> = {}): FormState<T> => ({
  values: values as FormState<T>['values'],
  errors: {},
});

/** Turns zod issues into one message per field (the first issue of each). */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * A service's refusal copied back onto the form that caused it, the values kept: an AppError
 * with fields (its field errors over the form's), or an `invalid_input` one without fields (its
 * message above the form). Anything else is thrown on, to the one error handler.
 * `showMessage` also puts the message of an error with fields above the form, for a service
 * whose message says more than its fields.
 *
 *   try { await updateGroup(...) } catch (error) { return page(withErrors(form.state, error)) }
 */
export function withErrors<T>(
  state: FormState<T>,
  error: unknown,
  options: { showMessage?: boolean } = {},
): FormState<T> {
  if (!(error instanceof AppError) || (!error.fields && error.code !== 'invalid_input')) {
    throw error;
  }
  return {
    ...state,
    errors: { ...state.errors, ...error.fields },
    message: !error.fields || options.showMessage ? error.message : state.message,
  };
}

/**
 * Reads a submitted form (urlencoded or multipart). Fields that repeat (checkboxes, `name[]`)
 * become arrays; the CSRF field is dropped.
 */
export async function readForm(c: Context): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(body)) {
    if (rawKey === '_csrf') continue;
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    values[key] = rawKey.endsWith('[]') && !Array.isArray(value) ? [value] : value;
  }
  return values;
}

/**
 * A parsed form: the data when valid; either way `state`, the submitted text values to
 * re-render the form with (and, when invalid, an error per field).
 */
export type ParsedForm<T> =
  | { ok: true; data: T; values: Record<string, unknown>; state: FormState<T> }
  | { ok: false; state: FormState<T> };

/** What a form shows again: the text values submitted (files and such are not repeated). */
export function displayValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => typeof v === 'string' || Array.isArray(v)),
  );
}

/** Validates a submitted form with the same zod schema the API uses. */
export async function parseForm<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<ParsedForm<z.infer<S>>> {
  const values = await readForm(c);
  const result = schema.safeParse(values);
  const display = displayValues(values) as FormState<z.infer<S>>['values'];
  if (result.success) {
    return { ok: true, data: result.data, values, state: { values: display, errors: {} } };
  }
  return { ok: false, state: { values: display, errors: fieldErrorsFrom(result.error) } };
}

/** A form field that may arrive as one value or several: always an array of non-empty strings. */
export function asList(value: unknown): string[] {
  if (value == null || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((item) => String(item).split(/[;\n]/))
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A field that may repeat (checkboxes): a browser sends one value as a string and several as an
 * array; JSON clients send an array. Both become an array checked by `item`.
 */
export function listField<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value == null || value === '' ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

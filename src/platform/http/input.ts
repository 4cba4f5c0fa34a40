import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { fieldErrorsFrom } from './forms.ts';

/**
 * Input from the URL, validated in one place: ids in paths and query strings. A page's query
 * string is parsed with `parseQuery(c, Schema)`; a row id with `Id` (`idParam(c, 'id')` in a
 * route). Bad input is a 4xx, never a database error: every table's ids are `integer` (int4),
 * so an id beyond its range cannot name a row.
 */

/** PostgreSQL's largest `integer` (int4). */
export const INT4_MAX = 2_147_483_647;

/**
 * A row id: a positive integer within PostgreSQL's int4 range, from a path or query string
 * ("42") or a JSON number. Every table uses `integer` ids; add a `BigId` beside this if one
 * ever uses `bigint`.
 */
export const Id = z.coerce.number().int().positive().max(INT4_MAX);

/** `invalid_input` (400) from a zod error, one message per field, the first in the message. */
export function invalidInputFrom(error: z.ZodError, where = 'input'): AppError {
  const fields = fieldErrorsFrom(error);
  const first = Object.entries(fields)[0];
  return new AppError(
    'invalid_input',
    first ? `Invalid ${where}: ${first[0]}: ${first[1]}` : `Invalid ${where}.`,
    fields,
  );
}

/**
 * The query string parsed with a zod schema. Anything the schema rejects is `invalid_input`
 * (400) with the fields; use `.catch()` in the schema for parameters that fall back quietly.
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalidInputFrom(parsed.error, 'query');
  return parsed.data;
}

/** An id from a string; anything else (not a number, out of range) is `not_found` (404). */
export function parseId(value: string | undefined, notFoundMessage = 'That page was not found.') {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', notFoundMessage);
  return parsed.data;
}

/** The route's path parameter `name` as an id; anything else is `not_found` (404). */
export function idParam(c: Context, name: string, notFoundMessage?: string): number {
  return parseId(c.req.param(name), notFoundMessage);
}

import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { invalidInputFrom } from './input.ts';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One API operation: its path, its zod schemas (the same ones used to validate), its docs. */
export interface ApiRouteSpec<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Hono-style path under /api/v1, e.g. "/groups/:slug". */
  path: string;
  summary: string;
  tag: string;
  query?: Q;
  body?: B;
  params?: P;
  /** The shape of a successful response, for the OpenAPI document. */
  response?: z.ZodType;
  /** Needs `Authorization: Bearer`. */
  auth?: boolean;
  /** Status of a successful response (201 for creations). */
  status?: 200 | 201 | 204;
}

export interface ApiInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
  actor: Actor | null;
}

const registry: ApiRouteSpec[] = [];

export function registeredApiRoutes(): readonly ApiRouteSpec[] {
  return registry;
}

/**
 * Declares an API route: it is documented in /api/v1/openapi.json and its input is validated
 * with the same schemas before the handler runs. The handler returns the JSON to send.
 */
export function apiRoute<
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(
  app: Hono<AppEnv>,
  spec: ApiRouteSpec<Q, B, P>,
  handler: (
    input: ApiInput<z.infer<Q>, z.infer<B>, z.infer<P>>,
    c: Context<AppEnv>,
  ) => Promise<unknown>,
): void {
  registry.push(spec as ApiRouteSpec);
  app.on(spec.method.toUpperCase(), `/api/v1${spec.path}`, async (c) => {
    const actor = c.get('actor');
    if (spec.auth && !actor) {
      throw new AppError(
        'unauthorized',
        'This needs an API token: send Authorization: Bearer TOKEN.',
      );
    }
    let query: unknown;
    if (spec.query) {
      const parsed = spec.query.safeParse(c.req.query());
      if (!parsed.success) throw invalidInputFrom(parsed.error, 'query');
      query = parsed.data;
    }
    let params: unknown;
    if (spec.params) {
      const parsed = spec.params.safeParse(c.req.param());
      if (!parsed.success) throw new AppError('not_found', 'No such item.');
      params = parsed.data;
    }
    let body: unknown;
    if (spec.body) {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw new AppError('invalid_input', 'The request body must be JSON.');
      }
      const parsed = spec.body.safeParse(json);
      if (!parsed.success) throw invalidInputFrom(parsed.error, 'body');
      body = parsed.data;
    }
    const result = await handler(
      { query, body, params, actor } as ApiInput<z.infer<Q>, z.infer<B>, z.infer<P>>,
      c,
    );
    // A handler may answer with a ready Response (pre-serialized, cached JSON).
    if (result instanceof Response) return result;
    if (spec.status === 204) return c.body(null, 204);
    return c.json(result as object, spec.status ?? 200);
  });
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}

const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/** The OpenAPI 3.1 document, generated from the registered routes' zod schemas. */
export function buildOpenApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of registry) {
    const openApiPath = `/api/v1${spec.path}`.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['query', spec.query],
      ['path', spec.params],
    ] as const) {
      if (!schema) continue;
      const json = toJsonSchema(schema, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    const responses: Record<string, unknown> = {
      [String(spec.status ?? 200)]: {
        description: 'Success',
        ...(spec.response
          ? { content: { 'application/json': { schema: toJsonSchema(spec.response, 'output') } } }
          : {}),
      },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: toJsonSchema(ErrorSchema, 'output') } },
      },
    };
    paths[openApiPath] ??= {};
    paths[openApiPath][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
      ...(spec.auth ? { security: [{ bearer: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Coalition Hub API',
      version: '1',
      description:
        'Read public data without a token; writes need `Authorization: Bearer TOKEN` (make one with `hub token:create`).',
    },
    servers: [{ url: publicUrl }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError('invalid_input', 'That page cursor is not valid.', {
    cursor: 'Not a cursor from this API.',
  });
}

/** A page of results as INTERFACE.md has it: {"data": [...], "next": cursor or null}. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => Record<string, unknown>,
): { data: Item[]; next: string | null } {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: page.map(toItem),
    next: hasMore ? encodeCursor(cursorOf(page[page.length - 1]!)) : null,
  };
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next: z.string().nullable() });
}

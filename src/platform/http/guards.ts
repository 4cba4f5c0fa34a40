import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * The signed-in actor, if `allowed` says yes: otherwise "please sign in" (401) for nobody and
 * "not allowed" (403) for someone without the right.
 */
export function requireActor<E extends AppEnv>(
  c: Context<E>,
  allowed: (actor: Actor) => boolean = () => true,
): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthorized', 'Please sign in to continue.');
  if (!allowed(actor)) throw new AppError('forbidden', 'Your account is not allowed to do that.');
  return actor;
}

/**
 * What a guard with a policy adds to the request: `c.var.signedIn`, the actor it let through
 * (`c.var.actor` stays `Actor | null`: a context's variables cannot be narrowed in place).
 */
export type Authorized = { Variables: { signedIn: Actor } };

/** What `load(key, ...)` adds: `c.var[key]` is the loaded value. */
export type Loaded<K extends string, T> = { Variables: { [P in K]: T } };

/**
 * Route middleware: only a signed-in actor the policy allows gets through (401 for nobody, 403
 * for someone without the right); the handlers after it read that actor as `c.var.signedIn`.
 *
 *   app.get('/admin/groups/new', authorize(canCreateGroup), (c) => ... c.var.signedIn ...)
 */
export function authorize(
  policy: (actor: Actor) => boolean = () => true,
): MiddlewareHandler<AppEnv & Authorized> {
  return async (c: Context, next) => {
    c.set('signedIn', requireActor(c, policy));
    await next();
  };
}

/**
 * Route middleware that loads what the route is about once: `loader` finds it from the route's
 * parameters (undefined or null: 404 with `notFoundMessage`), `policy`, when given, must allow
 * the signed-in actor to act on it (401 / 403 as `authorize`), and the handlers after it read it
 * as `c.var[key]`, typed.
 *
 *   const editableGroup = load('group', (c) => findGroup(c.req.param('slug')),
 *     (actor, group) => canEditGroup(actor, group.id), t('groups.error.notFound'));
 *   app.get('/groups/:slug/edit', editableGroup, (c) => ... c.var.group ... c.var.signedIn ...)
 *
 * Without a policy anyone may see it (read `c.var.actor`, which may be null).
 */
export function load<K extends string, T>(
  key: K,
  loader: (c: Context<AppEnv>) => Promise<T | null | undefined>,
  policy?: undefined,
  notFoundMessage?: string,
): MiddlewareHandler<AppEnv & Loaded<K, T>>;
export function load<K extends string, T>(
  key: K,
  loader: (c: Context<AppEnv>) => Promise<T | null | undefined>,
  policy: (actor: Actor, value: T) => boolean,
  notFoundMessage?: string,
): MiddlewareHandler<AppEnv & Loaded<K, T> & Authorized>;
export function load(
  key: string,
  loader: (c: Context<AppEnv>) => Promise<unknown>,
  policy?: (actor: Actor, value: any) => boolean,
  notFoundMessage = 'That page was not found.',
): MiddlewareHandler {
  return async (c, next) => {
    const value = await loader(c);
    if (value === undefined || value === null) throw new AppError('not_found', notFoundMessage);
    if (policy)
      c.set(
        'signedIn',
        requireActor(c, (actor) => policy(actor, value)),
      );
    c.set(key, value);
    await next();
  };
}

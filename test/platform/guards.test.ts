import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { AppError } from '../../src/platform/errors.ts';
import type { AppEnv } from '../../src/platform/http/env.ts';
import { handleError } from '../../src/platform/http/errors.tsx';
import { withErrors } from '../../src/platform/http/forms.ts';
import { authorize, load } from '../../src/platform/http/guards.ts';
import { createLogger } from '../../src/platform/logger.ts';

const organizer: Actor = {
  personId: 7,
  email: 'organizer@example.org',
  name: 'Organizer',
  roles: [],
  organizerOf: [1],
  leadOf: [],
  via: 'session',
};

const groups = new Map([
  ['salem', { id: 1, name: 'Salem' }],
  ['lowell', { id: 2, name: 'Lowell' }],
]);

/** A small app with the platform's error handler; `x-actor: organizer` signs the request in. */
function appWithGuards() {
  const app = new Hono<AppEnv>();
  app.onError(handleError(createLogger('silent')));
  app.use(async (c, next) => {
    c.set('isApi', true);
    c.set('actor', c.req.header('x-actor') === 'organizer' ? organizer : null);
    await next();
  });
  let loads = 0;
  const findGroup = async (c: { req: { param(name: string): string | undefined } }) => {
    loads++;
    return groups.get(c.req.param('slug') ?? '');
  };
  const anyGroup = load('group', findGroup, undefined, 'That group was not found.');
  const ownGroup = load(
    'group',
    findGroup,
    (actor, group) => actor.organizerOf.includes(group.id),
    'That group was not found.',
  );
  app.get('/groups/:slug', anyGroup, (c) =>
    c.json({ name: c.var.group.name, actor: c.var.actor?.email ?? null }),
  );
  app.get('/groups/:slug/edit', ownGroup, (c) =>
    c.json({ name: c.var.group.name, by: c.var.signedIn.email }),
  );
  app.get(
    '/admin',
    authorize((actor) => actor.organizerOf.length > 0),
    (c) => c.json({ by: c.var.signedIn.personId }),
  );
  return { app, loads: () => loads };
}

describe('load-and-authorize guards', () => {
  it('load: sets the loaded value for the handler, and answers 404 when there is none', async () => {
    const { app } = appWithGuards();
    const found = await app.request('/groups/lowell');
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ name: 'Lowell', actor: null });
    const missing = await app.request('/groups/nowhere');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { code: 'not_found', message: 'That group was not found.' },
    });
  });

  it('load with a policy: 404 before 401, 401 for nobody, 403 for someone else, once', async () => {
    const { app, loads } = appWithGuards();
    expect((await app.request('/groups/nowhere/edit')).status).toBe(404);
    expect((await app.request('/groups/salem/edit')).status).toBe(401);
    const other = await app.request('/groups/lowell/edit', { headers: { 'x-actor': 'organizer' } });
    expect(other.status).toBe(403);
    const before = loads();
    const own = await app.request('/groups/salem/edit', { headers: { 'x-actor': 'organizer' } });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ name: 'Salem', by: 'organizer@example.org' });
    expect(loads() - before).toBe(1);
  });

  it('authorize: only an actor the policy allows reaches the handler', async () => {
    const { app } = appWithGuards();
    expect((await app.request('/admin')).status).toBe(401);
    const allowed = await app.request('/admin', { headers: { 'x-actor': 'organizer' } });
    expect(await allowed.json()).toEqual({ by: 7 });
  });
});

describe('withErrors', () => {
  const state = { values: { name: 'Salem' }, errors: { email: 'Enter an email address.' } };

  it("puts a service's field errors over the form's and keeps the values", () => {
    const error = new AppError('conflict', 'That name is taken.', { name: 'That name is taken.' });
    expect(withErrors(state, error)).toEqual({
      values: { name: 'Salem' },
      errors: { email: 'Enter an email address.', name: 'That name is taken.' },
      message: undefined,
    });
    expect(withErrors(state, error, { showMessage: true }).message).toBe('That name is taken.');
  });

  it('shows the message of invalid input without fields, and throws anything else on', () => {
    expect(withErrors(state, new AppError('invalid_input', 'Pick an issue.')).message).toBe(
      'Pick an issue.',
    );
    const forbidden = new AppError('forbidden', 'Not yours.');
    expect(() => withErrors(state, forbidden)).toThrow(forbidden);
    const bug = new TypeError('undefined is not a function');
    expect(() => withErrors(state, bug)).toThrow(bug);
  });
});

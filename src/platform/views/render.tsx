import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.ts';
import { Layout, type LayoutProps } from './layout.tsx';

/**
 * Renders a page inside the site layout. Components below can call useRequestContext(). Generic
 * over the env so handlers after a guard (`load`, `authorize`), whose context carries more
 * variables, can call it too.
 */
export function renderPage<E extends AppEnv>(
  c: Context<E>,
  props: Omit<LayoutProps, 'children'>,
  content: Child,
  status: ContentfulStatusCode = 200,
) {
  const body = html`<!DOCTYPE html>${(
    <RequestContext.Provider value={c}>
      <Layout {...props}>{content}</Layout>
    </RequestContext.Provider>
  )}`;
  return c.html(body, status);
}

/** Renders a fragment without the layout (embeds, partial updates), with the request context. */
export function renderBare<E extends AppEnv>(
  c: Context<E>,
  content: Child,
  status: ContentfulStatusCode = 200,
) {
  const body = html`<!DOCTYPE html>${<RequestContext.Provider value={c}>{content}</RequestContext.Provider>}`;
  return c.html(body, status);
}

import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { RequestContext } from 'hono/jsx-renderer';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.ts';
import { Layout, type LayoutProps } from './layout.tsx';

/** Renders a page inside the site layout. Components below can call useRequestContext(). */
export function renderPage(
  c: Context<AppEnv>,
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
export function renderBare(c: Context<AppEnv>, content: Child, status: ContentfulStatusCode = 200) {
  const body = html`<!DOCTYPE html>${<RequestContext.Provider value={c}>{content}</RequestContext.Provider>}`;
  return c.html(body, status);
}

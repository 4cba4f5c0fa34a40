import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import { createTestContext, type TestContext } from './harness.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine needs (no network beyond loopback). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningServer {
  url: string;
  ctx: TestContext;
  stop(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port over a fresh test database (outbox mail, no sample
 * content unless env says so). PUBLIC_URL is the server's own address, so links in mail work.
 */
export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const ctxHolder: { ctx?: TestContext } = {};
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    const probe = serve(
      { fetch: () => new Response(''), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        probe.close(() => resolve(info.port));
      },
    );
  });
  const url = `http://127.0.0.1:${port}`;
  ctxHolder.ctx = await createTestContext({ env: { PUBLIC_URL: url, ...options.env } });
  const app = createApp(ctxHolder.ctx.services, ctxHolder.ctx.features);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve());
  });
  return {
    url,
    ctx: ctxHolder.ctx,
    async stop() {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      await ctxHolder.ctx?.close();
    },
  };
}

/** A phone-sized page (390x844, touch) that fails the test on any console error or page error. */
export async function phonePage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

/** Signs a browser page in as a person with these roles, through a session made directly (not the form). */
export async function signInPage(
  page: Page,
  server: RunningServer,
  roles: Parameters<TestContext['signedIn']>[0] = {},
) {
  const client = await server.ctx.signedIn(roles);
  const session = client.cookies.get('hub_session')!;
  await page.context().addCookies([{ name: 'hub_session', value: session, url: server.url }]);
  return client.actor;
}

/**
 * Runs axe-core's WCAG 2.x A and AA rules on the page and returns the violations as short
 * strings ("color-contrast: .badge (3)") so a test can expect an empty list.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const { createRequire } = await import('node:module');
  const source = (await import('node:fs')).readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  await page.evaluate(source); // through DevTools, so the site's CSP (rightly) does not block it
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')} (${v.nodes.length})`,
  );
}

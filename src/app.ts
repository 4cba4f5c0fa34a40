import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'kysely';
import { compose, type Feature } from './platform/feature.ts';
import { buildOpenApiDocument } from './platform/http/api.ts';
import { registerAssetRoutes } from './platform/http/assets.ts';
import type { AppEnv } from './platform/http/env.ts';
import { handleError, handleNotFound } from './platform/http/errors.tsx';
import {
  csrfProtection,
  identifyActor,
  requestBasics,
  securityHeaders,
  takeFlash,
} from './platform/http/middleware.ts';
import type { Services } from './platform/services.ts';
import { getSiteSettings } from './platform/site.ts';
import { setDisplayZone } from './platform/views/format.ts';
import './platform/i18n/platform-messages.ts';

const MB = 1024 * 1024;
/** Uploads (attachments, images, CSV files) may be large; everything else is small. */
export const MAX_UPLOAD_BYTES = 25 * MB;
export const MAX_BODY_BYTES = 1 * MB;

/**
 * Builds the whole HTTP application: platform middleware, then every feature's routes. The
 * entry point passes the features (src/features/index.ts); what they add to shared pages (home
 * sections, the footer, the admin dashboard) is gathered here once and handed to them.
 */
export function createApp(services: Services, enabled: readonly Feature[]): Hono<AppEnv> {
  setDisplayZone(services.config.timezone);
  const composition = compose(enabled);
  const app = new Hono<AppEnv>();
  app.onError(handleError(services.logger));
  app.notFound(handleNotFound);

  app.use(async (c, next) => {
    c.set('footer', composition.footer);
    await next();
  });
  app.use(requestBasics(services));
  app.use(securityHeaders());
  app.use(async (c, next) => {
    const multipart = (c.req.header('content-type') ?? '').includes('multipart/form-data');
    return bodyLimit({ maxSize: multipart ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES })(c, next);
  });

  registerAssetRoutes(app);
  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(services.db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  app.get('/api/v1/openapi.json', (c) => c.json(buildOpenApiDocument(services.config.publicUrl)));

  app.use(async (c, next) => {
    if (!c.get('isApi')) {
      c.set('site', await getSiteSettings(services.db));
      c.set('flash', c.req.method === 'GET' ? takeFlash(c) : undefined);
    }
    await next();
  });
  app.use(identifyActor(services));
  app.use(
    csrfProtection(
      services,
      enabled.flatMap((feature) => feature.csrfExempt ?? []),
    ),
  );

  for (const feature of enabled) feature.routes?.(app, services, composition);
  return app;
}

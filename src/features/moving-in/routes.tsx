import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { canMoveIn } from '../../platform/auth/policies.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { type FormState, parseForm, readForm } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { addRedirect, RedirectInput, removeRedirect } from './manage-redirects.ts';
import { registerRedirects } from './redirects.ts';
import type { ImportKind } from './report.ts';
import { countRedirects, findImport, listImports, listRedirects } from './repository.ts';
import { startImport, startReview } from './run-import.ts';
import { readUpload } from './upload-input.ts';
import { ImportPage } from './views/import-page.tsx';
import { MovingInPage } from './views/moving-in-page.tsx';
import { RedirectsPage } from './views/redirects-page.tsx';

const ImportId = z.coerce.number().int().positive().max(2_147_483_647);
const RedirectQuery = z.object({
  q: z.string().trim().max(200).default('').catch(''),
  after: z.string().max(1000).optional().catch(undefined),
});
const PAGE = 100;

export function movingInRoutes(app: Hono<AppEnv>, services: Services): void {
  const { flushHits } = registerRedirects(app, services);

  const overview = async (
    c: Context<AppEnv>,
    forms: Partial<Record<ImportKind, FormState>> = {},
    status: 200 | 400 = 200,
  ) =>
    renderPage(
      c,
      { title: t('movingIn.title') },
      <MovingInPage
        imports={await listImports(services.db)}
        redirectCount={await countRedirects(services.db)}
        forms={forms}
        zone={services.config.timezone}
      />,
      status,
    );

  app.get('/admin/moving-in', (c) => {
    requireActor(c, canMoveIn);
    return overview(c);
  });

  for (const [path, kind] of [
    ['/admin/moving-in/mailchimp', 'mailchimp_audience'],
    ['/admin/moving-in/wordpress', 'wordpress'],
    ['/admin/moving-in/archive', 'newsletter_archive'],
  ] as const) {
    app.post(path, async (c) => {
      const actor = requireActor(c, canMoveIn);
      const upload = await readUpload(kind, await readForm(c));
      if (!upload.ok)
        return overview(c, { [kind]: { values: upload.values, errors: upload.errors } }, 400);
      const row = await startReview(services, actor, {
        kind,
        files: upload.files,
        options: upload.options,
      });
      return c.redirect(`/admin/moving-in/imports/${row.id}`, 303);
    });
  }

  const loadImport = async (c: Context<AppEnv>) => {
    const id = ImportId.safeParse(c.req.param('id'));
    const row = id.success ? await findImport(services.db, id.data) : undefined;
    if (!row) throw notFound('That import');
    return row;
  };

  app.get('/admin/moving-in/imports/:id', async (c) => {
    requireActor(c, canMoveIn);
    const row = await loadImport(c);
    const working = row.state === 'checking' || row.state === 'importing';
    return renderPage(
      c,
      {
        title: t('movingIn.import.title', {
          kind: t(`movingIn.kind.${row.kind}`),
          file: row.file_name,
        }),
        head: working ? <meta http-equiv="refresh" content="3" /> : undefined,
      },
      <ImportPage row={row} />,
    );
  });

  app.post('/admin/moving-in/imports/:id/run', async (c) => {
    requireActor(c, canMoveIn);
    const row = await loadImport(c);
    if (row.via !== 'admin')
      throw new AppError('conflict', 'Run this import again from the command line.');
    await startImport(services, row.id);
    setFlash(c, services, t('movingIn.import.started'));
    return c.redirect(`/admin/moving-in/imports/${row.id}`, 303);
  });

  const redirectsPage = async (
    c: Context<AppEnv>,
    form?: FormState,
    status: 200 | 400 | 409 = 200,
  ) => {
    const query = RedirectQuery.parse(c.req.query());
    await flushHits();
    const rows = await listRedirects(services.db, { q: query.q, after: query.after, limit: PAGE });
    return renderPage(
      c,
      { title: t('movingIn.redirects.title') },
      <RedirectsPage
        redirects={rows.slice(0, PAGE)}
        next={rows.length > PAGE ? rows[PAGE - 1]!.from_path : undefined}
        q={query.q}
        form={form}
      />,
      status,
    );
  };

  app.get('/admin/redirects', (c) => {
    requireActor(c, canMoveIn);
    return redirectsPage(c);
  });

  app.post('/admin/redirects', async (c) => {
    const actor = requireActor(c, canMoveIn);
    const form = await parseForm(c, RedirectInput);
    if (!form.ok) return redirectsPage(c, form.state, 400);
    try {
      const from = await addRedirect(services, actor, form.data);
      setFlash(c, services, t('movingIn.redirects.added', { from, to: form.data.to }));
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        return redirectsPage(c, { values: form.values, errors: error.fields }, 409);
      }
      throw error;
    }
    return c.redirect('/admin/redirects', 303);
  });

  app.post('/admin/redirects/remove', async (c) => {
    const actor = requireActor(c, canMoveIn);
    const values = await readForm(c);
    const from = typeof values.from === 'string' ? values.from.slice(0, 1000) : '';
    await removeRedirect(services, actor, from);
    setFlash(c, services, t('movingIn.redirects.removed', { from }));
    return c.redirect('/admin/redirects', 303);
  });
}

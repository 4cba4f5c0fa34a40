import type { Context, Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  canManageAccounts,
  canManageSettings,
  canOpenAdmin,
  canViewAuditLog,
  canViewOutbox,
  isAdministrator,
} from '../../platform/auth/policies.ts';
import { notFound } from '../../platform/errors.ts';
import type { AdminLink, AttentionItem, Composition } from '../../platform/feature.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { type FormState, parseForm, withErrors } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { Id, idParam, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import {
  InternalHostsForm,
  InternalHostsInput,
  internalHostsState,
  updateInternalHosts,
} from './internal-hosts.tsx';
import {
  AccountInput,
  listAccounts,
  SiteSettingsInput,
  saveAccount,
  updateSiteSettings,
} from './service.ts';
import {
  AccountsPage,
  AuditPage,
  DashboardPage,
  JobsPage,
  OutboxMessagePage,
  OutboxPage,
  SettingsPage,
} from './views.tsx';

const PLATFORM_LINKS: AdminLink[] = [
  {
    href: '/admin/outbox',
    label: 'admin.outbox',
    description: 'admin.outbox.lead',
    allowed: canViewOutbox,
  },
  {
    href: '/admin/people',
    label: 'admin.people',
    description: 'admin.people.lead',
    allowed: canManageAccounts,
  },
  {
    href: '/admin/audit',
    label: 'admin.audit',
    description: 'admin.audit.lead',
    allowed: canViewAuditLog,
  },
  {
    href: '/admin/settings',
    label: 'admin.settings',
    description: 'admin.settings.lead',
    allowed: canManageSettings,
  },
  {
    href: '/admin/jobs',
    label: 'admin.jobs',
    description: 'admin.jobs.lead',
    allowed: isAdministrator,
  },
];

const PageQuery = z.object({ before: Id.optional() });

/** The admin area; the dashboard gathers the enabled features' links and attention items. */
export function adminRoutes(
  app: Hono<AppEnv>,
  services: Services,
  { features }: Composition,
): void {
  app.get('/admin', async (c) => {
    const actor = requireActor(c, canOpenAdmin);
    const attention: AttentionItem[] = [];
    if (isAdministrator(actor) && !services.config.orgPostalAddress) {
      attention.push({ label: t('admin.postalMissing'), href: '/admin/settings', tone: 'warning' });
    }
    if (isAdministrator(actor)) {
      const failed = await services.db
        .selectFrom('jobs')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('state', '=', 'failed')
        .where('finished_at', '>', new Date(services.now().getTime() - 7 * 86_400_000))
        .executeTakeFirstOrThrow();
      if (failed.count > 0)
        attention.push({
          label: t('admin.jobs.failed'),
          count: failed.count,
          href: '/admin/jobs',
          tone: 'danger',
        });
    }
    for (const feature of features) {
      if (feature.attention) attention.push(...(await feature.attention(services, actor)));
    }
    const links = [
      ...features.flatMap((feature) => feature.adminLinks ?? []),
      ...PLATFORM_LINKS,
    ].filter((link) => link.allowed(actor));
    return renderPage(
      c,
      { title: t('admin.title') },
      <DashboardPage attention={attention} links={links} />,
    );
  });

  app.get('/admin/outbox', async (c) => {
    requireActor(c, canViewOutbox);
    const { before } = parseQuery(c, PageQuery);
    let query = services.db
      .selectFrom('mail_messages')
      .select(['id', 'created_at', 'to_address', 'subject', 'status', 'purpose'])
      .orderBy('id', 'desc')
      .limit(51);
    if (before) query = query.where('id', '<', before);
    const rows = await query.execute();
    return renderPage(
      c,
      { title: t('admin.outbox') },
      <OutboxPage
        messages={rows.slice(0, 50)}
        nextBefore={rows.length > 50 ? rows[49]!.id : undefined}
        smtp={services.mailer.usesSmtp}
      />,
    );
  });

  app.get('/admin/outbox/:id', async (c) => {
    requireActor(c, canViewOutbox);
    const id = idParam(c, 'id', 'That message was not found.');
    const message = await services.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!message) throw notFound('That message');
    return renderPage(c, { title: message.subject }, <OutboxMessagePage message={message} />);
  });

  app.get('/admin/audit', async (c) => {
    requireActor(c, canViewAuditLog);
    const { before } = parseQuery(c, PageQuery);
    let query = services.db
      .selectFrom('audit_log')
      .leftJoin('people', 'people.id', 'audit_log.actor_person_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.details',
        'audit_log.ip',
        'people.email as actor_email',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(101);
    if (before) query = query.where('audit_log.id', '<', before);
    const rows = await query.execute();
    return renderPage(
      c,
      { title: t('admin.audit') },
      <AuditPage
        entries={rows.slice(0, 100)}
        nextBefore={rows.length > 100 ? rows[99]!.id : undefined}
      />,
    );
  });

  app.get('/admin/people', async (c) => {
    requireActor(c, canManageAccounts);
    return renderPage(
      c,
      { title: t('admin.people') },
      <AccountsPage accounts={await listAccounts(services)} />,
    );
  });

  app.post('/admin/people', async (c) => {
    const actor = requireActor(c, canManageAccounts);
    const form = await parseForm(c, AccountInput);
    const page = async (state: FormState) =>
      renderPage(
        c,
        { title: t('admin.people') },
        <AccountsPage accounts={await listAccounts(services)} state={state} />,
        400,
      );
    if (!form.ok) return page(form.state);
    try {
      const person = await saveAccount(services, actor, form.data, {
        ip: c.get('ip'),
        requestId: c.get('requestId'),
      });
      setFlash(c, services, t('admin.people.saved', { email: person.email }));
    } catch (error) {
      return page(withErrors(form.state, error, { showMessage: true }));
    }
    return c.redirect('/admin/people', 303);
  });

  const settingsPage = async (
    c: Context<AppEnv>,
    forms: { site?: FormState; hosts?: FormState } = {},
    status: 200 | 400 = 200,
  ) => {
    const site = c.get('site');
    return renderPage(
      c,
      { title: t('admin.settings') },
      <SettingsPage
        state={forms.site ?? { values: { ...site, logoUrl: site.logoUrl ?? '' }, errors: {} }}
        postalAddress={services.config.orgPostalAddress}
      >
        <InternalHostsForm state={forms.hosts ?? (await internalHostsState(services))} />
      </SettingsPage>,
      status,
    );
  };

  app.get('/admin/settings', (c) => {
    requireActor(c, canManageSettings);
    return settingsPage(c);
  });

  app.post('/admin/settings', async (c) => {
    const actor = requireActor(c, canManageSettings);
    const form = await parseForm(c, SiteSettingsInput);
    if (!form.ok) return settingsPage(c, { site: form.state }, 400);
    await updateSiteSettings(services, actor, form.data, {
      ip: c.get('ip'),
      requestId: c.get('requestId'),
    });
    setFlash(c, services, t('admin.settings.saved'));
    return c.redirect('/admin/settings', 303);
  });

  app.post('/admin/settings/internal-hosts', async (c) => {
    const actor = requireActor(c, canManageSettings);
    const form = await parseForm(c, InternalHostsInput);
    if (!form.ok) return settingsPage(c, { hosts: form.state }, 400);
    await updateInternalHosts(services, actor, form.data.internalHosts, {
      ip: c.get('ip'),
      requestId: c.get('requestId'),
    });
    setFlash(c, services, t('admin.internalHosts.saved'));
    return c.redirect('/admin/settings', 303);
  });

  app.get('/admin/jobs', async (c) => {
    requireActor(c, isAdministrator);
    const counts = await services.db
      .selectFrom('jobs')
      .select(['state', sql<number>`count(*)::int`.as('count')])
      .groupBy('state')
      .execute();
    const recent = await services.db
      .selectFrom('jobs')
      .select([
        'id',
        'name',
        'state',
        'attempts',
        'max_attempts',
        'run_at',
        'last_error',
        'finished_at',
      ])
      .where('state', 'in', ['failed', 'queued', 'running'])
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    return renderPage(c, { title: t('admin.jobs') }, <JobsPage counts={counts} jobs={recent} />);
  });
}

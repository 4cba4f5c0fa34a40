import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { canManageNewsletter, isAdministrator } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { type FormState, parseForm, readForm, withErrors } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { Id, idParam, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import {
  IssueEditorPage,
  OverviewPage,
  SettingsPage,
  SubscribersPage,
  TextPreviewPage,
} from './admin-views.tsx';
import { lineChartSvg } from './chart.ts';
import { CsvError, csvRows, parseSubscriberCsv } from './csv.ts';
import {
  AddBlockInput,
  addBlock,
  BlockInput,
  cancelSchedule,
  createDraft,
  defaultScheduleValue,
  IssueMetaInput,
  moveBlock,
  previewIssue,
  refreshEvents,
  removeBlock,
  requireIssue,
  ScheduleInput,
  saveBlock,
  saveIssueMeta,
  scheduleIssue,
  sendTest,
} from './issues.ts';
import {
  countConsentsAt,
  countDeliveriesByIssue,
  countSubscriptionsByState,
  countSuppressions,
  countUnsubscribedFrom,
  listBlocks,
  listIssues,
  listSubscribers,
  listSuppressions,
  recentFailures,
  subscriberPage,
} from './repository.ts';
import { sendProgress, startSending } from './sending.ts';
import {
  readSendingSettings,
  SendingSettings,
  saveSendingSettings,
  webhookSecret,
} from './settings.ts';
import { type ImportSummary, importSubscribers } from './subscribers.ts';
import { SUBSCRIPTION_STATES } from './tables.ts';

const DistrictParam = z.object({
  district: z
    .union([z.literal(''), z.coerce.number().int().min(1).max(9)])
    .optional()
    .catch(''),
  format: z.enum(['html', 'text']).optional().catch('html'),
});

const issueId = (c: Context) => idParam(c, 'id', 'That issue was not found.');

function districtsFrom(value: unknown): number[] {
  const parsed = z.coerce.number().int().min(1).max(9).safeParse(value);
  return parsed.success ? [parsed.data] : [];
}

export async function subscriberChart(services: Services): Promise<string> {
  const now = services.now();
  const instants = Array.from(
    { length: 13 },
    (_, i) => new Date(now.getTime() - (12 - i) * 7 * 86_400_000),
  );
  const counts = await countConsentsAt(services.db, instants);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: services.config.timezone,
    month: 'short',
    day: 'numeric',
  });
  return lineChartSvg(
    instants.map((at, i) => ({ label: format.format(at), value: counts[i] ?? 0 })),
    { title: t('newsletter.admin.chartTitle') },
  );
}

/** The editors' side: issues, blocks, preview, test, schedule, send, subscribers, settings. */
export function newsletterAdminRoutes(app: Hono<AppEnv>, services: Services): void {
  const zone = services.config.timezone;

  app.get('/admin/newsletter', async (c) => {
    requireActor(c, canManageNewsletter);
    const issues = await listIssues(services.db, { limit: 52 });
    return renderPage(
      c,
      { title: t('newsletter.admin.title') },
      <OverviewPage
        counts={await countSubscriptionsByState(services.db)}
        suppressed={await countSuppressions(services.db)}
        chartSvg={await subscriberChart(services)}
        issues={issues}
        stats={
          await countDeliveriesByIssue(
            services.db,
            issues.map((issue) => issue.id),
          )
        }
        smtp={services.mailer.usesSmtp}
        postal={Boolean(services.config.orgPostalAddress)}
        zone={zone}
      />,
    );
  });

  app.post('/admin/newsletter/drafts', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const values = await readForm(c);
    const date = typeof values.date === 'string' && values.date ? values.date : undefined;
    const { issue, created } = await createDraft(services, { date, actor });
    setFlash(c, services, created ? t('newsletter.draft.created') : t('newsletter.draft.exists'));
    return c.redirect(`/admin/newsletter/issues/${issue.id}`, 303);
  });

  const editorPage = async (
    c: Context<AppEnv>,
    issueId: number,
    extra: Partial<Parameters<typeof IssueEditorPage>[0]> = {},
    status: 200 | 400 = 200,
  ) => {
    const issue = await requireIssue(services.db, issueId);
    const started = issue.state === 'sending' || issue.state === 'sent';
    if (issue.state === 'sending') c.header('Refresh', '5');
    return renderPage(
      c,
      { title: issue.subject },
      <IssueEditorPage
        issue={issue}
        blocks={await listBlocks(services.db, issue.id)}
        progress={started ? await sendProgress(services, issue.id) : undefined}
        unsubscribed={started ? await countUnsubscribedFrom(services.db, issue.id) : 0}
        failures={started ? await recentFailures(services.db, issue.id) : []}
        defaultSchedule={defaultScheduleValue(issue, zone)}
        zone={zone}
        smtp={services.mailer.usesSmtp}
        {...extra}
      />,
      status,
    );
  };

  app.get('/admin/newsletter/issues/:id', async (c) => {
    requireActor(c, canManageNewsletter);
    return editorPage(c, issueId(c));
  });

  app.post('/admin/newsletter/issues/:id/meta', async (c) => {
    requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const form = await parseForm(c, IssueMetaInput);
    if (!form.ok) return editorPage(c, id, { metaState: form.state }, 400);
    await saveIssueMeta(services, id, form.data);
    setFlash(c, services, t('newsletter.saved'));
    return c.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  app.post('/admin/newsletter/issues/:id/blocks', async (c) => {
    requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const form = await parseForm(c, AddBlockInput);
    if (!form.ok) throw new AppError('invalid_input', t('newsletter.blocks.add.invalid'));
    const block = await addBlock(services, id, form.data.kind);
    setFlash(c, services, t('newsletter.blocks.added'));
    return c.redirect(`/admin/newsletter/issues/${id}#block-${block.id}`, 303);
  });

  app.post('/admin/newsletter/issues/:id/blocks/:blockId', async (c) => {
    requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const blockId = idParam(c, 'blockId', 'That block was not found.');
    const values = await readForm(c);
    const op = String(values.op ?? 'save');
    const back = (anchor = `#block-${blockId}`) =>
      c.redirect(`/admin/newsletter/issues/${id}${anchor}`, 303);
    if (op === 'remove') {
      await removeBlock(services, id, blockId);
      setFlash(c, services, t('newsletter.blocks.removed'));
      return back('#blocks-heading');
    }
    if (op === 'refresh') {
      await refreshEvents(services, id, blockId);
      setFlash(c, services, t('newsletter.blocks.refreshed'));
      return back();
    }
    // Save what was typed first, so moving a block never loses an edit.
    const parsed = BlockInput.safeParse(values);
    if (!parsed.success) {
      const state: FormState = {
        values,
        errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      };
      return editorPage(c, id, { blockState: { blockId, state } }, 400);
    }
    await saveBlock(services, id, blockId, parsed.data);
    if (op === 'up' || op === 'down') await moveBlock(services, id, blockId, op);
    setFlash(c, services, t('newsletter.saved'));
    return back();
  });

  app.get('/admin/newsletter/issues/:id/preview', async (c) => {
    requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const query = parseQuery(c, DistrictParam);
    const { issue, rendered } = await previewIssue(services, id, districtsFrom(query.district));
    if (query.format === 'text') {
      return renderPage(
        c,
        { title: issue.subject },
        <TextPreviewPage issue={issue} text={rendered.text} />,
      );
    }
    return c.html(rendered.html);
  });

  app.post('/admin/newsletter/issues/:id/test', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const values = await readForm(c);
    await sendTest(services, id, actor, districtsFrom(values.testDistrict));
    setFlash(c, services, t('newsletter.test.sent', { email: actor.email }));
    return c.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  app.post('/admin/newsletter/issues/:id/schedule', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const form = await parseForm(c, ScheduleInput);
    if (!form.ok) return editorPage(c, id, { scheduleState: form.state }, 400);
    try {
      await scheduleIssue(services, id, form.data.at, actor);
    } catch (error) {
      return editorPage(c, id, { scheduleState: withErrors(form.state, error) }, 400);
    }
    setFlash(c, services, t('newsletter.schedule.done'));
    return c.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  app.post('/admin/newsletter/issues/:id/unschedule', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const id = issueId(c);
    await cancelSchedule(services, id, actor);
    setFlash(c, services, t('newsletter.schedule.cancelled'));
    return c.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  app.post('/admin/newsletter/issues/:id/send', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const id = issueId(c);
    const { audience, started } = await startSending(services, id, { actor, via: 'admin' });
    setFlash(
      c,
      services,
      started ? t('newsletter.send.started', { count: audience }) : t('newsletter.send.already'),
    );
    return c.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  // Subscribers -------------------------------------------------------------------------------

  const SubscriberQuery = z.object({
    q: z.string().trim().max(200).default(''),
    state: z.enum(SUBSCRIPTION_STATES).or(z.literal('')).default('').catch(''),
    after: Id.optional().catch(undefined),
  });

  const subscribersPage = async (
    c: Context<AppEnv>,
    extra: { importState?: FormState; importSummary?: ImportSummary } = {},
    status: 200 | 400 = 200,
  ) => {
    const query = parseQuery(c, SubscriberQuery);
    const limit = 100;
    const rows = await listSubscribers(services.db, {
      q: query.q || undefined,
      state: query.state || undefined,
      afterId: query.after,
      limit,
    });
    return renderPage(
      c,
      { title: t('newsletter.subscribers.title') },
      <SubscribersPage
        rows={rows.slice(0, limit)}
        next={rows.length > limit ? rows[limit - 1]!.id : undefined}
        q={query.q}
        state={query.state}
        suppressions={await listSuppressions(services.db, 50)}
        zone={zone}
        {...extra}
      />,
      status,
    );
  };

  app.get('/admin/newsletter/subscribers', async (c) => {
    requireActor(c, canManageNewsletter);
    return subscribersPage(c);
  });

  app.post('/admin/newsletter/subscribers/import', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const values = await readForm(c);
    const file = values.file;
    const fail = (message: string) =>
      subscribersPage(c, { importState: { values: {}, errors: { file: message } } }, 400);
    if (!(file instanceof File) || file.size === 0) return fail(t('newsletter.import.noFile'));
    let rows: ReturnType<typeof parseSubscriberCsv>;
    try {
      rows = parseSubscriberCsv(await file.text());
    } catch (error) {
      if (error instanceof CsvError) return fail(error.message);
      throw error;
    }
    const summary = await importSubscribers(services, rows, {
      confirmed: values.confirmed === 'yes',
      source: `upload:${file.name}`.slice(0, 100),
      actor,
    });
    return subscribersPage(c, { importSummary: summary });
  });

  app.get('/admin/newsletter/subscribers.csv', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    await recordAudit(services.db, {
      actor,
      action: 'newsletter.subscribers_exported',
      subjectType: 'newsletter',
      ip: c.get('ip'),
      requestId: c.get('requestId'),
    });
    const chunks: string[] = [
      csvRows([['email', 'name', 'zip', 'town', 'state', 'districts', 'confirmed_at']]),
    ];
    let after = 0;
    for (;;) {
      const page = await subscriberPage(services.db, after, 1000);
      if (!page.length) break;
      chunks.push(
        csvRows(
          page.map((row) => [
            row.email,
            row.name ?? '',
            row.zip ?? '',
            row.town ?? '',
            row.state,
            row.districts.join(';'),
            row.confirmed_at ? row.confirmed_at.toISOString() : '',
          ]),
        ),
      );
      after = page[page.length - 1]!.id;
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="newsletter-subscribers.csv"');
    return c.body(chunks.join(''));
  });

  // Settings ----------------------------------------------------------------------------------

  const settingsPage = async (c: Context<AppEnv>, state?: FormState, status: 200 | 400 = 200) => {
    const actor = requireActor(c, canManageNewsletter);
    const secret = await webhookSecret(services.db);
    return renderPage(
      c,
      { title: t('newsletter.settings.title') },
      <SettingsPage
        settings={await readSendingSettings(services.db)}
        state={state}
        webhookUrl={`${services.config.publicUrl}/newsletter/webhooks/bounces?secret=${secret}`}
        canSeeSecret={isAdministrator(actor)}
      />,
      status,
    );
  };

  app.get('/admin/newsletter/settings', async (c) => settingsPage(c));

  app.post('/admin/newsletter/settings', async (c) => {
    const actor = requireActor(c, canManageNewsletter);
    const form = await parseForm(c, SendingSettings);
    if (!form.ok) return settingsPage(c, form.state, 400);
    await saveSendingSettings(services.db, form.data);
    await recordAudit(services.db, {
      actor,
      action: 'newsletter.settings_saved',
      subjectType: 'newsletter',
      details: { ...form.data },
      ip: c.get('ip'),
      requestId: c.get('requestId'),
    });
    setFlash(c, services, t('newsletter.saved'));
    return c.redirect('/admin/newsletter/settings', 303);
  });
}

import type { Hono } from 'hono';
import { z } from 'zod';
import { canSubmitToNewsletter } from '../../platform/auth/policies.ts';
import { safeEqual } from '../../platform/auth/tokens.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { parseForm, readForm, withErrors } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { Id, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { getSiteSettings } from '../../platform/site.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { applyBounceEvents, parseBounceWebhook } from './bounces.ts';
import { buildIssuesFeed } from './feed.ts';
import {
  findIssueBySlug,
  findSubscriptionByToken,
  listBlocks,
  listIssues,
  listSubmissionsBy,
} from './repository.ts';
import { webhookSecret } from './settings.ts';
import { organizerGroups, SubmissionInput, submitItem, upcomingIssueDates } from './submissions.ts';
import {
  confirmSubscription,
  PreferencesInput,
  SubscribeInput,
  setPaused,
  subscribe,
  unsubscribe,
  updatePlace,
} from './subscribers.ts';
import {
  ConfirmPage,
  IssuePage,
  MessagePage,
  NewsletterPage,
  PreferencesPage,
  SubmissionForm,
  UnsubscribePage,
} from './views.tsx';

const IssueQuery = z.object({
  issue: Id.optional().catch(undefined),
});
const DistrictQuery = z.object({
  district: z.coerce.number().int().min(1).max(9).optional().catch(undefined),
});

/** The visitor-facing newsletter: sign-up, confirmation, preferences, unsubscribe, archive. */
export function newsletterRoutes(app: Hono<AppEnv>, services: Services): void {
  const archive = () => listIssues(services.db, { published: true, limit: 100 });

  app.get('/newsletter', async (c) =>
    renderPage(c, { title: t('newsletter.title') }, <NewsletterPage issues={await archive()} />),
  );

  app.post('/newsletter/subscribe', async (c) => {
    const form = await parseForm(c, SubscribeInput);
    if (!form.ok) {
      return renderPage(
        c,
        { title: t('newsletter.title') },
        <NewsletterPage issues={await archive()} state={form.state} />,
        400,
      );
    }
    const accepted = await subscribe(services, form.data, { ip: c.get('ip') });
    if (!accepted) throw new AppError('rate_limited', t('newsletter.signup.rateLimited'));
    return c.redirect('/newsletter/check-your-email', 303);
  });

  app.get('/newsletter/check-your-email', (c) =>
    renderPage(
      c,
      { title: t('newsletter.checkEmail.title'), narrow: true },
      <MessagePage title={t('newsletter.checkEmail.title')}>
        <p>{t('newsletter.checkEmail.body')}</p>
        <p>{t('newsletter.checkEmail.spam')}</p>
      </MessagePage>,
    ),
  );

  app.get('/newsletter.rss', async (c) => {
    const site = await getSiteSettings(services.db);
    const issues = await listIssues(services.db, { published: true, limit: 20 });
    const withBlocks = await Promise.all(
      issues.map(async (issue) => ({ issue, blocks: await listBlocks(services.db, issue.id) })),
    );
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(
      buildIssuesFeed(withBlocks, { siteName: site.name, publicUrl: services.config.publicUrl }),
    );
  });

  app.get('/newsletter/confirm/:token', async (c) => {
    const subscription = await findSubscriptionByToken(services.db, c.req.param('token'));
    if (!subscription) throw new AppError('not_found', t('newsletter.link.invalid'));
    // A button, not an automatic confirmation: mail scanners open links too.
    return renderPage(
      c,
      { title: t('newsletter.confirm.title'), narrow: true },
      <ConfirmPage token={subscription.token} />,
    );
  });

  app.post('/newsletter/confirm/:token', async (c) => {
    const result = await confirmSubscription(services, c.req.param('token'), { ip: c.get('ip') });
    if (!result) throw new AppError('not_found', t('newsletter.link.invalid'));
    if (result.outcome === 'suppressed') {
      return renderPage(
        c,
        { title: t('newsletter.suppressed.title'), narrow: true },
        <MessagePage title={t('newsletter.suppressed.title')}>
          <p>{t('newsletter.suppressed.body')}</p>
        </MessagePage>,
      );
    }
    return renderPage(
      c,
      { title: t('newsletter.confirmed.title'), narrow: true },
      <MessagePage title={t('newsletter.confirmed.title')}>
        <p>{t('newsletter.confirmed.body')}</p>
        <p>
          <a href={`/newsletter/preferences/${result.subscription.token}`}>
            {t('newsletter.confirmed.preferences')}
          </a>
        </p>
      </MessagePage>,
    );
  });

  app.get('/newsletter/preferences/:token', async (c) => {
    const subscription = await findSubscriptionByToken(services.db, c.req.param('token'));
    if (!subscription) throw new AppError('not_found', t('newsletter.link.invalid'));
    c.header('Referrer-Policy', 'no-referrer');
    return renderPage(
      c,
      { title: t('newsletter.preferences.title'), narrow: true },
      <PreferencesPage subscription={subscription} />,
    );
  });

  app.post('/newsletter/preferences/:token', async (c) => {
    const token = c.req.param('token');
    const subscription = await findSubscriptionByToken(services.db, token);
    if (!subscription) throw new AppError('not_found', t('newsletter.link.invalid'));
    const values = await readForm(c);
    const action = String(values.action ?? '');
    const back = () => c.redirect(`/newsletter/preferences/${token}`, 303);
    switch (action) {
      case 'place': {
        const parsed = PreferencesInput.safeParse(values);
        if (!parsed.success) {
          return renderPage(
            c,
            { title: t('newsletter.preferences.title'), narrow: true },
            <PreferencesPage
              subscription={subscription}
              state={{
                values: { place: String(values.place ?? '') },
                errors: { place: parsed.error.issues[0]!.message },
              }}
            />,
            400,
          );
        }
        await updatePlace(services, token, parsed.data.place);
        setFlash(c, services, t('newsletter.preferences.saved'));
        return back();
      }
      case 'pause':
      case 'resume':
        await setPaused(services, token, action === 'pause');
        setFlash(c, services, t(`newsletter.preferences.${action}d`));
        return back();
      case 'unsubscribe':
        await unsubscribe(services, token, { ip: c.get('ip'), via: 'preferences' });
        setFlash(c, services, t('newsletter.unsubscribed.title'));
        return back();
      case 'resubscribe':
        await confirmSubscription(services, token, { ip: c.get('ip') });
        setFlash(c, services, t('newsletter.confirmed.title'));
        return back();
      default:
        throw new AppError('invalid_input', t('newsletter.preferences.unknownAction'));
    }
  });

  app.get('/newsletter/unsubscribe/:token', async (c) => {
    const subscription = await findSubscriptionByToken(services.db, c.req.param('token'));
    if (!subscription) throw new AppError('not_found', t('newsletter.link.invalid'));
    const { issue } = parseQuery(c, IssueQuery);
    return renderPage(
      c,
      { title: t('newsletter.unsubscribe.title'), narrow: true },
      <UnsubscribePage token={subscription.token} issueId={issue} />,
    );
  });

  // RFC 8058 one-click: a POST (body "List-Unsubscribe=One-Click", no cookie, no CSRF token)
  // unsubscribes at once and answers 200 without a redirect. The visible link's button posts here too.
  app.post('/newsletter/unsubscribe/:token', async (c) => {
    const { issue } = parseQuery(c, IssueQuery);
    const done = await unsubscribe(services, c.req.param('token'), {
      issueId: issue,
      ip: c.get('ip'),
      via: 'one-click',
    });
    if (!done) throw new AppError('not_found', t('newsletter.link.invalid'));
    return renderPage(
      c,
      { title: t('newsletter.unsubscribed.title'), narrow: true },
      <MessagePage title={t('newsletter.unsubscribed.title')}>
        <p>{t('newsletter.unsubscribed.body')}</p>
        <p>
          <a href={`/newsletter/preferences/${c.req.param('token')}`}>
            {t('newsletter.unsubscribed.undo')}
          </a>
        </p>
      </MessagePage>,
    );
  });

  app.post('/newsletter/webhooks/bounces', async (c) => {
    const secret = await webhookSecret(services.db);
    const given = c.req.query('secret') ?? c.req.header('x-webhook-secret') ?? '';
    if (!given || !safeEqual(given, secret)) {
      throw new AppError('forbidden', 'This webhook needs the secret shown in the admin.');
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new AppError('invalid_input', 'The body must be JSON.');
    }
    const parsed = parseBounceWebhook(body);
    if (parsed.subscribeUrl) {
      services.logger.warn(
        { subscribeUrl: parsed.subscribeUrl },
        'SNS asks to confirm the bounce webhook subscription: open this URL once',
      );
    }
    const applied = await applyBounceEvents(services, parsed.events);
    return c.json({ provider: parsed.provider, events: parsed.events.length, ...applied });
  });

  app.get('/newsletter/submit', async (c) => {
    const actor = requireActor(c, canSubmitToNewsletter);
    const zone = services.config.timezone;
    return renderPage(
      c,
      { title: t('newsletter.submit.title'), narrow: true },
      <SubmissionForm
        groups={await organizerGroups(services, actor)}
        issueDates={upcomingIssueDates(services.now(), zone)}
        recent={await listSubmissionsBy(services.db, actor.personId)}
        zone={zone}
      />,
    );
  });

  app.post('/newsletter/submit', async (c) => {
    const actor = requireActor(c, canSubmitToNewsletter);
    const zone = services.config.timezone;
    const form = await parseForm(c, SubmissionInput);
    const rerender = async (state: any, status: 400 | 403) =>
      renderPage(
        c,
        { title: t('newsletter.submit.title'), narrow: true },
        <SubmissionForm
          state={state}
          groups={await organizerGroups(services, actor)}
          issueDates={upcomingIssueDates(services.now(), zone)}
          recent={await listSubmissionsBy(services.db, actor.personId)}
          zone={zone}
        />,
        status,
      );
    if (!form.ok) return rerender(form.state, 400);
    try {
      await submitItem(services, actor, form.data);
    } catch (error) {
      const state = withErrors(form.state, error);
      return rerender(state, (error as AppError).code === 'forbidden' ? 403 : 400);
    }
    setFlash(c, services, t('newsletter.submit.thanks'));
    return c.redirect('/newsletter/submit', 303);
  });

  app.get('/newsletter/:slug', async (c) => {
    const issue = await findIssueBySlug(services.db, c.req.param('slug'));
    if (!issue?.published_at) throw notFound('That issue');
    const { district } = parseQuery(c, DistrictQuery);
    return renderPage(
      c,
      { title: issue.subject, description: issue.preheader || undefined, narrow: true },
      <IssuePage
        issue={issue}
        blocks={await listBlocks(services.db, issue.id)}
        district={district}
        zone={services.config.timezone}
        now={services.now()}
      />,
    );
  });
}

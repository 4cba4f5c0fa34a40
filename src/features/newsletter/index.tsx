import { z } from 'zod';
import { canManageNewsletter } from '../../platform/auth/policies.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Feature } from '../../platform/feature.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import './messages.ts';
import { newsletterAdminRoutes } from './admin-routes.tsx';
import { newsletterCommands } from './commands.ts';
import { issueDateFor, START_JOB } from './issues.ts';
import { findIssue, findIssueByDate, listIssues } from './repository.ts';
import { newsletterRoutes } from './routes.tsx';
import { clearSampleIssues, createSampleIssue } from './sample.ts';
import { resumeStalledSends, runSendSlice, SEND_JOB, SLICE_MS, startSending } from './sending.ts';
import { FooterSignUp, HomeSection } from './views.tsx';

const RESUME_JOB = 'newsletter.resume';

export const newsletterFeature: Feature = {
  name: 'newsletter',
  routes(app, services) {
    newsletterAdminRoutes(app, services);
    newsletterRoutes(app, services);
  },
  homeSections: [
    {
      order: 40,
      name: 'newsletter',
      async render(services: Services) {
        const [latest] = await listIssues(services.db, { published: true, limit: 1 });
        return <HomeSection latest={latest} />;
      },
    },
  ],
  footer: FooterSignUp,
  // RFC 8058 one-click unsubscribe comes from mail providers without cookies; webhooks from
  // bounce providers. Both carry their own secret (the subscriber's token, the webhook secret).
  csrfExempt: [/^\/newsletter\/unsubscribe\/[^/]+$/, /^\/newsletter\/webhooks\/bounces$/],
  jobs(services) {
    return [
      {
        name: SEND_JOB,
        payload: z.object({ issueId: z.number().int() }),
        maxAttempts: 50,
        async handle({ issueId }, job) {
          await runSendSlice(services, issueId, { workerId: `job-${job.id}`, maxMs: SLICE_MS });
        },
      },
      {
        name: START_JOB,
        payload: z.object({ issueId: z.number().int(), at: z.string() }),
        maxAttempts: 10,
        async handle({ issueId, at }) {
          const issue = await findIssue(services.db, issueId);
          // Cancelled or moved since: this job is stale.
          if (issue?.state !== 'scheduled' || issue.scheduled_at?.toISOString() !== at) return;
          await startSending(services, issueId, { actor: null, via: 'schedule' });
        },
      },
      {
        name: RESUME_JOB,
        payload: z.object({}).passthrough(),
        maxAttempts: 1,
        async handle() {
          await resumeStalledSends(services);
        },
      },
    ];
  },
  recurring: [{ name: RESUME_JOB, everySeconds: 60 }],
  commands: newsletterCommands,
  adminLinks: [
    {
      href: '/admin/newsletter',
      label: 'newsletter.admin.title',
      description: 'newsletter.admin.lead',
      allowed: canManageNewsletter,
    },
  ],
  async attention(services, actor) {
    if (!canManageNewsletter(actor)) return [];
    const coming = issueDateFor(services.now(), services.config.timezone);
    const issue = await findIssueByDate(services.db, coming);
    if (!issue) {
      return [
        { label: t('newsletter.attention.noDraft'), href: '/admin/newsletter', tone: 'info' },
      ];
    }
    if (issue.state === 'draft') {
      return [
        {
          label: t('newsletter.attention.draft'),
          href: `/admin/newsletter/issues/${issue.id}`,
          tone: 'warning',
        },
      ];
    }
    return [];
  },
  sample: {
    async load(tx: Tx, services: Services) {
      return { newsletter_issues: await createSampleIssue(tx, services) };
    },
    async clear(tx: Tx) {
      return { newsletter_issues: await clearSampleIssues(tx) };
    },
  },
};

import { canMoveIn } from '../../platform/auth/policies.ts';
import type { Feature } from '../../platform/feature.ts';
import { movingInCommands } from './commands.ts';
import './messages.ts';
import { movingInRoutes } from './routes.tsx';
import { IMPORT_JOB, ImportJobPayload, runImportJob } from './run-import.ts';

/**
 * Moving in (docs/moving-in.md): a WordPress site, a Mailchimp audience and past campaigns
 * brought over, and the old site's links kept working. Its routes are registered before the
 * home page's, so WordPress's `/?p=123` links are caught there.
 */
export const movingInFeature: Feature = {
  name: 'moving-in',
  routes: movingInRoutes,
  jobs(services) {
    return [
      {
        name: IMPORT_JOB,
        payload: ImportJobPayload,
        maxAttempts: 1,
        async handle({ importId, dryRun }) {
          await runImportJob(services, importId, dryRun);
        },
      },
    ];
  },
  commands: movingInCommands,
  adminLinks: [
    {
      href: '/admin/moving-in',
      label: 'movingIn.title',
      description: 'movingIn.admin.description',
      allowed: canMoveIn,
    },
  ],
};

import { z } from 'zod';
import { canEditResources } from '../../platform/auth/policies.ts';
import type { Feature } from '../../platform/feature.ts';
import { t } from '../../platform/i18n/index.ts';
import './messages.ts';
import { resourceApiRoutes } from './api.ts';
import { countStaleResources, listResources } from './repository.ts';
import { resourceRoutes } from './routes.tsx';
import { clearSampleResources, loadSampleResources } from './sample.ts';
import { reindexResources, removeAbandonedUploads } from './service.ts';
import { HomeToolkits } from './views/home-toolkits.tsx';

/** The library of trainings, guides, recordings, documents and toolkits (docs/resources.md). */
export const resourcesFeature: Feature = {
  name: 'resources',
  routes(app, services) {
    resourceApiRoutes(app, services);
    resourceRoutes(app, services);
  },
  homeSections: [
    {
      order: 50,
      name: 'toolkits',
      async render(services) {
        const toolkits = await listResources(services.db, {
          kind: 'toolkit',
          featuredFirst: true,
          limit: 2,
        });
        return <HomeToolkits toolkits={toolkits} />;
      },
    },
  ],
  jobs(services) {
    return [
      {
        name: 'resources.remove-abandoned-uploads',
        payload: z.object({}).passthrough(),
        async handle() {
          await removeAbandonedUploads(services);
        },
      },
    ];
  },
  recurring: [{ name: 'resources.remove-abandoned-uploads', everySeconds: 3600 }],
  adminLinks: [
    {
      href: '/admin/resources',
      label: 'resources.admin.title',
      description: 'resources.admin.lead',
      allowed: canEditResources,
    },
  ],
  async attention(services, actor) {
    if (!canEditResources(actor)) return [];
    const yearAgo = new Date(services.now().getTime() - 365 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const count = await countStaleResources(services.db, yearAgo);
    return count > 0
      ? [{ label: t('resources.attention.stale'), count, href: '/admin/resources', tone: 'info' }]
      : [];
  },
  commands: [
    {
      name: 'resources:reindex',
      summary: 'Rebuild the search index entries of every resource and toolkit.',
      usage: 'hub resources:reindex',
      positionals: { min: 0, max: 0 },
      async run({ services, progress }) {
        let started = false;
        const count = await reindexResources(services, (done, total) => {
          if (!started) {
            progress.start(total, 'Reindexing resources');
            started = true;
          }
          progress.tick(done);
        });
        if (started) progress.stop();
        return { ok: true, resources: count };
      },
    },
  ],
  sample: {
    load: (tx, services) => loadSampleResources(tx, services),
    clear: (tx, services) => clearSampleResources(tx, services),
  },
};

import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

/** Placeholder until this feature is built: the page says so plainly. */
export const resourcesFeature: Feature = {
  name: 'resources',
  routes(app) {
    app.get('/resources', (c) =>
      renderPage(
        c,
        { title: 'Toolkits and training' },
        <ComingSoon
          title="Toolkits and training"
          lead="Step-by-step toolkits and trainings for local groups."
          meanwhile={[{ href: '/', label: 'Back to the home page' }]}
        />,
      ),
    );
  },
};

import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

/** Placeholder until this feature is built: the page says so plainly. */
export const eventsFeature: Feature = {
  name: 'events',
  routes(app) {
    app.get('/events', (c) =>
      renderPage(
        c,
        { title: 'Events' },
        <ComingSoon
          title="Events"
          lead="Actions, meetings and town halls across the state."
          meanwhile={[{ href: '/', label: 'Back to the home page' }]}
        />,
      ),
    );
  },
};

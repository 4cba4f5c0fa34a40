import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

/** Placeholder until this feature is built: the page says so plainly. */
export const searchFeature: Feature = {
  name: 'search',
  routes(app) {
    app.get('/search', (c) =>
      renderPage(
        c,
        { title: 'Search' },
        <ComingSoon
          title="Search"
          lead="Search groups, events, toolkits and newsletter issues."
          meanwhile={[{ href: '/', label: 'Back to the home page' }]}
        />,
      ),
    );
  },
};

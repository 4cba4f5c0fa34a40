import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

/** Placeholder until this feature is built: the page says so plainly. */
export const groupsFeature: Feature = {
  name: 'groups',
  routes(app) {
    app.get('/groups', (c) =>
      renderPage(
        c,
        { title: 'Find a group' },
        <ComingSoon
          title="Find a group"
          lead="Member groups and allies across Massachusetts."
          meanwhile={[{ href: '/', label: 'Back to the home page' }]}
        />,
      ),
    );
  },
};

import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

export const actionsFeature: Feature = {
  name: 'actions',
  routes(app) {
    app.get('/actions', (c) =>
      renderPage(
        c,
        { title: 'Take action' },
        <ComingSoon
          title="Take action"
          lead="Calls to action tied to bills in the Massachusetts General Court and Congress, targeted by district: your representative, your script."
          meanwhile={[
            { href: '/events', label: 'Find an event to join' },
            { href: '/groups', label: 'Find a group near you' },
          ]}
        />,
      ),
    );
  },
};

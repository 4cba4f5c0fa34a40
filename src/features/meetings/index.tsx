import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

export const meetingsFeature: Feature = {
  name: 'meetings',
  routes(app) {
    app.get('/meetings', (c) =>
      renderPage(
        c,
        { title: 'Statewide town halls' },
        <ComingSoon
          title="Statewide meetings and town halls"
          lead="Statewide virtual meetings and town halls on Zoom: scheduled, registered for, reminded, with recordings and notes kept."
          meanwhile={[{ href: '/events?type=town_hall', label: 'Town halls on the calendar' }]}
        />,
      ),
    );
  },
};

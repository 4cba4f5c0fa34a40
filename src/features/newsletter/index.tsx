import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

/** Placeholder until this feature is built: the page says so plainly. */
export const newsletterFeature: Feature = {
  name: 'newsletter',
  routes(app) {
    app.get('/newsletter', (c) =>
      renderPage(
        c,
        { title: 'Newsletter' },
        <ComingSoon
          title="Newsletter"
          lead="The coalition's weekly newsletter."
          meanwhile={[{ href: '/', label: 'Back to the home page' }]}
        />,
      ),
    );
  },
};

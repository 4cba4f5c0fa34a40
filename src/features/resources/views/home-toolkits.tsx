import { t } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/views/components.tsx';
import type { ResourceRow } from '../repository.ts';
import { ResourceCard } from './shared.tsx';

export function HomeToolkits({ toolkits }: { toolkits: ResourceRow[] }) {
  return (
    <section class="home-toolkits" aria-labelledby="home-toolkits-title">
      <h2 id="home-toolkits-title">{t('resources.home.title')}</h2>
      {toolkits.length === 0 ? (
        <EmptyState title={t('resources.home.empty')}>
          <p>
            <a href="/resources">{t('resources.home.all')}</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul class="card-grid resource-grid">
            {toolkits.map((toolkit) => (
              <ResourceCard resource={toolkit} />
            ))}
          </ul>
          <p>
            <a href="/resources">{t('resources.home.all')}</a>
          </p>
        </>
      )}
    </section>
  );
}

import { t } from '../../../platform/i18n/index.ts';
import { PageHeader } from '../../../platform/views/components.tsx';
import { RESOURCE_KINDS } from '../tables.ts';
import { kindLabel } from './shared.tsx';

export function NewResourceChooser() {
  return (
    <>
      <PageHeader title={t('resources.new.title')} lead={t('resources.new.lead')} />
      <ul class="card-grid">
        {RESOURCE_KINDS.map((kind) => (
          <li class="card">
            <h2>
              <a href={`/resources/new?kind=${kind}`}>{kindLabel(kind)}</a>
            </h2>
            <p>{t(`resources.new.${kind}Help`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

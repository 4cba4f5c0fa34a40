import { t, tn } from '../../../platform/i18n/index.ts';
import { ISSUE_AREAS } from '../../../platform/issue-areas.ts';
import { PageHeader } from '../../../platform/views/components.tsx';

export function IssueAreasPage({ counts }: { counts: Map<string, number> }) {
  return (
    <>
      <PageHeader title={t('groups.issueAreas.title')} lead={t('groups.issueAreas.lead')} />
      <ul class="card-grid issue-area-grid">
        {ISSUE_AREAS.map((area) => (
          <li class="card">
            <h3>
              <a href={`/issue-areas/${area.slug}`}>{area.name}</a>
            </h3>
            <p class="muted">{tn('groups.issueArea.count', counts.get(area.slug) ?? 0)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

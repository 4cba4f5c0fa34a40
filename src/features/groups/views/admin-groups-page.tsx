import { t } from '../../../platform/i18n/index.ts';
import { EmptyState, PageHeader, SampleBadge } from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { GroupSummary } from '../directory.ts';
import { KindBadge, TownsLine } from './parts.tsx';

export function AdminGroupsPage({ groups, isAdmin }: { groups: GroupSummary[]; isAdmin: boolean }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('nav.admin')}</a> ›
      </p>
      <PageHeader
        title={isAdmin ? t('groups.admin.title') : t('groups.admin.yours')}
        lead={isAdmin ? t('groups.admin.lead') : undefined}
        actions={
          isAdmin && (
            <>
              <a class="button" href="/admin/groups/new">
                {t('groups.admin.add')}
              </a>
              <a class="button secondary" href="/admin/groups/import">
                {t('groups.admin.import')}
              </a>
              <a class="button secondary" href="/groups.csv">
                {t('groups.export')}
              </a>
            </>
          )
        }
      />
      {groups.length ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('groups.admin.name')}</th>
                <th scope="col">{t('groups.admin.towns')}</th>
                <th scope="col">{t('groups.admin.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr>
                  <td>
                    <a href={`/groups/${group.slug}`}>{group.name}</a>{' '}
                    <KindBadge kind={group.kind} /> <SampleBadge isSample={group.isSample} />
                    <br />
                    <a href={`/groups/${group.slug}/edit`}>{t('groups.manage.edit')}</a> ·{' '}
                    <a href={`/groups/${group.slug}/organizers`}>{t('groups.manage.organizers')}</a>{' '}
                    · <a href={`/groups/${group.slug}/messages`}>{t('groups.manage.messages')}</a>
                  </td>
                  <td>
                    <TownsLine towns={group.towns} max={3} />
                  </td>
                  <td>{formatTimestamp(group.updatedAt, coalitionZone())}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={t('groups.admin.none')}>
          <p>{t('groups.admin.noneBody')}</p>
        </EmptyState>
      )}
    </>
  );
}

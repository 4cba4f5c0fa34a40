import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
} from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { GroupSummary } from '../directory.ts';

export interface OrganizerRow {
  personId: number;
  email: string;
  name: string | null;
  since: Date;
}

export function OrganizersPage({
  group,
  organizers,
  state,
  currentPersonId,
}: {
  group: GroupSummary;
  organizers: OrganizerRow[];
  state: FormState<any>;
  currentPersonId: number;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <PageHeader
        title={t('groups.organizers.title', { group: group.name })}
        lead={t('groups.organizers.lead')}
      />
      {organizers.length ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('groups.organizers.person')}</th>
                <th scope="col">{t('groups.organizers.since')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('groups.organizers.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organizers.map((organizer) => (
                <tr>
                  <td>
                    {organizer.name ?? organizer.email}{' '}
                    {organizer.personId === currentPersonId && (
                      <span class="muted">{t('groups.organizers.you')}</span>
                    )}
                    <br />
                    <span class="muted">{organizer.email}</span>
                  </td>
                  <td>{formatTimestamp(organizer.since, coalitionZone())}</td>
                  <td>
                    <form
                      method="post"
                      action={`/groups/${group.slug}/organizers/${organizer.personId}/remove`}
                      class="inline-form"
                      data-confirm={t('groups.organizers.removeConfirm')}
                    >
                      <CsrfField />
                      <button type="submit" class="link-button">
                        {t('groups.organizers.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={t('groups.organizers.none')}>
          <p>{t('groups.organizers.noneBody')}</p>
        </EmptyState>
      )}
      <h2>{t('groups.organizers.invite')}</h2>
      <p>{t('groups.organizers.inviteHelp')}</p>
      <form
        method="post"
        action={`/groups/${group.slug}/organizers`}
        class="narrow-form"
        novalidate
      >
        <ErrorSummary state={state} />
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t('groups.organizers.email')}
          state={state}
          required
        />
        <Field name="name" label={t('groups.organizers.name')} state={state} optional />
        <button type="submit">{t('groups.organizers.send')}</button>
      </form>
    </>
  );
}

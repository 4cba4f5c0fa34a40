import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { Badge, CsrfField, SampleBadge } from '../../../platform/views/components.tsx';
import type { Representative } from '../../places/lookup.ts';
import type { GroupSummary } from '../directory.ts';
import { SOCIAL_LINKS } from '../tables.ts';
import { ContactForm } from './contact-form.tsx';
import { districtName, KindBadge, Paragraphs, TownsLine, townHref } from './parts.tsx';

export interface ProfileEvent {
  title: string;
  when: string;
  url: string;
  status: 'scheduled' | 'cancelled' | 'postponed';
  where: string | null;
}

export interface ProfilePageProps {
  group: GroupSummary;
  canEdit: boolean;
  canDelete: boolean;
  contactState: FormState<any>;
  stamp: string;
  related: { group: GroupSummary; shared: string[] }[];
  /** Undefined when the calendar is not available. */
  events?: ProfileEvent[];
  representatives: Map<number, Representative | undefined>;
}

export function ProfilePage(props: ProfilePageProps) {
  const { group } = props;
  const links = SOCIAL_LINKS.filter((key) => group.links[key]);
  return (
    <>
      <p class="breadcrumbs">
        <a href="/groups">{t('groups.title')}</a> ›
      </p>
      <div class="page-header group-header">
        <div>
          <h1>
            {group.name} <KindBadge kind={group.kind} /> <SampleBadge isSample={group.isSample} />
          </h1>
          <p class="lead">
            <TownsLine towns={group.towns} max={6} />
          </p>
        </div>
        {group.hasContact && (
          <div class="page-actions">
            <a class="button" href="#contact">
              {t('groups.card.contact')}
            </a>
          </div>
        )}
      </div>
      {props.canEdit && (
        <nav class="manage-bar notice" aria-label={t('groups.manage.title')}>
          <strong>{t('groups.manage.title')}</strong>
          <a href={`/groups/${group.slug}/edit`}>{t('groups.manage.edit')}</a>
          <a href={`/groups/${group.slug}/organizers`}>{t('groups.manage.organizers')}</a>
          <a href={`/groups/${group.slug}/messages`}>{t('groups.manage.messages')}</a>
        </nav>
      )}
      <div class="group-profile">
        <section aria-labelledby="about-title" class="group-about">
          <h2 id="about-title">{t('groups.profile.about')}</h2>
          {group.description ? (
            <Paragraphs text={group.description} />
          ) : (
            <p class="muted">{t('groups.profile.noDescription')}</p>
          )}
        </section>
        <aside class="group-facts">
          <dl class="meta-list group-meta">
            <dt>{t('groups.profile.towns')}</dt>
            <dd>
              {group.towns.length ? (
                <ul class="inline-list">
                  {group.towns.map((town) => (
                    <li>
                      <a href={townHref(town)}>{town.name}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                t('groups.statewide')
              )}
            </dd>
            {group.districts.length > 0 && (
              <>
                <dt>{t('groups.profile.districts')}</dt>
                <dd>
                  <ul class="plain-list">
                    {group.districts.map((district) => {
                      const member = props.representatives.get(district);
                      return (
                        <li>
                          <a href={`/groups?district=${district}`}>{districtName(district)}</a>
                          {member && <span class="muted"> · {member.name}</span>}
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
            {group.issueAreas.length > 0 && (
              <>
                <dt>{t('groups.profile.issueAreas')}</dt>
                <dd>
                  <ul class="inline-list">
                    {group.issueAreas.map((area) => (
                      <li>
                        <a href={`/issue-areas/${area}`}>{issueAreaName(area)}</a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {group.website && (
              <>
                <dt>{t('groups.profile.website')}</dt>
                <dd>
                  <a href={group.website} rel="noopener">
                    {group.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </>
            )}
            {group.email && (
              <>
                <dt>{t('groups.profile.email')}</dt>
                <dd>
                  <a href={`mailto:${group.email}`}>{group.email}</a>
                </dd>
              </>
            )}
            {links.length > 0 && (
              <>
                <dt>{t('groups.profile.links')}</dt>
                <dd>
                  <ul class="inline-list">
                    {links.map((key) => (
                      <li>
                        <a href={group.links[key]} rel="noopener me">
                          {t(`groups.link.${key}`)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </aside>
        {props.events && (
          <section aria-labelledby="events-title" class="group-upcoming">
            <h2 id="events-title">{t('groups.profile.events')}</h2>
            {props.events.length ? (
              <ul class="group-events">
                {props.events.map((event) => (
                  <li>
                    <a href={event.url}>{event.title}</a>{' '}
                    {event.status !== 'scheduled' && (
                      <Badge tone="danger">{t(`groups.profile.${event.status}`)}</Badge>
                    )}
                    <br />
                    <span class="muted">
                      {event.when}
                      {event.where ? ` · ${event.where}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('groups.profile.noEvents')}</p>
            )}
            <p>
              <a href={`/events?group=${group.slug}`}>{t('groups.profile.allEvents')}</a>
            </p>
          </section>
        )}
        <section id="contact" aria-labelledby="contact-title" class="group-contact">
          <h2 id="contact-title">{t('groups.contact.title', { group: group.name })}</h2>
          {group.hasContact ? (
            <ContactForm slug={group.slug} state={props.contactState} stamp={props.stamp} />
          ) : (
            <p class="muted">{t('groups.contact.none')}</p>
          )}
        </section>
      </div>
      {props.related.length > 0 && (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{t('groups.profile.related')}</h2>
          <ul class="card-grid group-grid">
            {props.related.map((entry) => (
              <li class="card group-card">
                <h3>
                  <a href={`/groups/${entry.group.slug}`}>{entry.group.name}</a>{' '}
                  <KindBadge kind={entry.group.kind} />{' '}
                  <SampleBadge isSample={entry.group.isSample} />
                </h3>
                <p class="group-card-where">
                  <TownsLine towns={entry.group.towns} max={3} />
                </p>
                <p class="muted">
                  {t('groups.profile.relatedShared', {
                    areas: entry.shared.map(issueAreaName).join(', '),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.canDelete && (
        <form
          method="post"
          action={`/groups/${group.slug}/delete`}
          class="danger-zone"
          data-confirm={t('groups.manage.deleteConfirm')}
        >
          <CsrfField />
          <button type="submit" class="danger">
            {t('groups.manage.delete')}
          </button>
        </form>
      )}
    </>
  );
}

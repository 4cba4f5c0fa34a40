import { canOpenAdmin, isAdministrator, isOrganizer } from '../../platform/auth/policies.ts';
import type { AttentionItem, Feature, HomeSection } from '../../platform/feature.ts';
import { t, tn } from '../../platform/i18n/index.ts';
import { groupApiRoutes } from './api.ts';
import { groupCommands } from './commands.ts';
import { loadDirectory } from './directory.ts';
import './messages.ts';
import { countGroupsWithoutOrganizers, countMessagesSince } from './repository.ts';
import { groupRoutes } from './routes.tsx';
import { clearSampleGroups, loadSampleGroups } from './sample.ts';
import { districtName } from './views/parts.tsx';

const groupsHomeSection: HomeSection = {
  order: 10,
  name: 'groups',
  async render(services) {
    const { groups } = await loadDirectory(services.db);
    const allies = groups.filter((group) => group.kind === 'ally').length;
    return (
      <section class="home-groups" aria-labelledby="home-groups-title">
        <h2 id="home-groups-title">{t('groups.home.title')}</h2>
        <p>
          {t('groups.home.lead', {
            groups: tn('groups.home.groups', groups.length - allies),
            allies: tn('groups.home.allies', allies),
          })}
        </p>
        <ul class="district-links">
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((district) => (
            <li>
              <a href={`/groups?district=${district}`}>{districtName(district)}</a>
            </li>
          ))}
        </ul>
        <p>
          <a class="button secondary" href="/groups">
            {t('groups.home.browse')}
          </a>
        </p>
      </section>
    );
  },
};

/** The group directory: finder, profiles, contact form, organizers, import/export, API. */
export const groupsFeature: Feature = {
  name: 'groups',
  routes(app, services) {
    groupApiRoutes(app, services);
    groupRoutes(app, services);
  },
  homeSections: [groupsHomeSection],
  commands: groupCommands,
  adminLinks: [
    {
      href: '/admin/groups',
      label: 'groups.admin.title',
      description: 'groups.admin.link.description',
      allowed: isAdministrator,
    },
    {
      href: '/admin/groups',
      label: 'groups.admin.yours',
      description: 'groups.admin.link.organizer',
      allowed: (actor) => !isAdministrator(actor) && isOrganizer(actor),
    },
  ],
  async attention(services, actor) {
    const items: AttentionItem[] = [];
    if (!canOpenAdmin(actor)) return items;
    if (actor.organizerOf.length) {
      const since = new Date(services.now().getTime() - 7 * 86_400_000);
      const count = await countMessagesSince(services.db, actor.organizerOf, since);
      if (count > 0) {
        const { groups } = await loadDirectory(services.db);
        const first = groups.find((group) => actor.organizerOf.includes(group.id));
        items.push({
          label: t('groups.attention.messages'),
          count,
          href: first ? `/groups/${first.slug}/messages` : '/admin/groups',
          tone: 'info',
        });
      }
    }
    if (isAdministrator(actor)) {
      const count = await countGroupsWithoutOrganizers(services.db);
      if (count > 0)
        items.push({
          label: t('groups.attention.noOrganizers'),
          count,
          href: '/admin/groups',
          tone: 'info',
        });
    }
    return items;
  },
  sample: { load: loadSampleGroups, clear: clearSampleGroups },
};

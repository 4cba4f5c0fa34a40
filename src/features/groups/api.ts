import type { Hono } from 'hono';
import { canEditGroup } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { apiRoute, listResponse } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { loadDirectory, pageAfter } from './directory.ts';
import { matchesFilter, townFromQuery } from './finder.ts';
import { GroupInput, GroupItem, GroupPatch, GroupSlugParam, GroupsApiQuery } from './schemas.ts';
import { createGroup, toGroupItem, updateGroup } from './service.ts';

/** The groups API (INTERFACE.md): read freely; administrators create, organizers edit theirs. */
export function groupApiRoutes(app: Hono<AppEnv>, services: Services): void {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/groups',
      tag: 'Groups',
      summary:
        'Groups and allies by name, filtered by district (1-9), town (groups that serve it) and issue area (slug or name).',
      query: GroupsApiQuery,
      response: listResponse(GroupItem),
    },
    async ({ query }) => {
      let townId: number | undefined;
      if (query.town) {
        const town = townFromQuery(query.town);
        if (!town)
          throw new AppError(
            'not_found',
            t('groups.error.unknownTownFilter', { town: query.town }),
          );
        townId = town.id;
      }
      const directory = await loadDirectory(services.db);
      const groups = directory.groups.filter((group) =>
        matchesFilter(group, {
          district: query.district,
          issueArea: query.issue_area,
          kind: query.kind,
          townId,
        }),
      );
      const { page, next } = pageAfter(groups, query.cursor, query.limit);
      return { data: page.map((group) => toGroupItem(group, services.config.publicUrl)), next };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/groups/:slug',
      tag: 'Groups',
      summary: 'One group or ally.',
      params: GroupSlugParam,
      response: GroupItem,
    },
    async ({ params }) => {
      const group = (await loadDirectory(services.db)).bySlug.get(params.slug);
      if (!group) throw new AppError('not_found', t('groups.error.notFound'));
      return toGroupItem(group, services.config.publicUrl);
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/groups',
      tag: 'Groups',
      summary:
        'Add a group (administrators). `organizers` (emails) are invited: each gets an account and a sign-in link.',
      body: GroupInput,
      response: GroupItem,
      auth: true,
      status: 201,
    },
    async ({ body, actor }, c) => {
      const { slug } = await createGroup(services, actor!, body, {
        ip: c.get('ip'),
        requestId: c.get('requestId'),
      });
      const group = (await loadDirectory(services.db)).bySlug.get(slug)!;
      c.header('Location', `/api/v1/groups/${slug}`);
      return toGroupItem(group, services.config.publicUrl);
    },
  );

  apiRoute(
    app,
    {
      method: 'patch',
      path: '/groups/:slug',
      tag: 'Groups',
      summary: 'Change a group (its organizers and administrators); only the fields sent change.',
      params: GroupSlugParam,
      body: GroupPatch,
      response: GroupItem,
      auth: true,
    },
    async ({ params, body, actor }, c) => {
      const existing = (await loadDirectory(services.db)).bySlug.get(params.slug);
      if (!existing) throw new AppError('not_found', t('groups.error.notFound'));
      if (!canEditGroup(actor, existing.id))
        throw new AppError('forbidden', t('groups.error.cannotEdit'));
      if (!Object.values(body).some((value) => value !== undefined))
        throw new AppError('invalid_input', t('groups.error.emptyPatch'));
      await updateGroup(services, actor!, existing.id, body, {
        ip: c.get('ip'),
        requestId: c.get('requestId'),
      });
      const group = (await loadDirectory(services.db)).bySlug.get(params.slug)!;
      return toGroupItem(group, services.config.publicUrl);
    },
  );
}

import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  canCreateGroup,
  canEditGroup,
  canOpenAdmin,
  isAdministrator,
} from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { type FormState, parseForm, readForm, withErrors } from '../../platform/http/forms.ts';
import { type Authorized, authorize, type Loaded, load } from '../../platform/http/guards.ts';
import { Id, idParam, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import { isIssueArea, issueAreaName } from '../../platform/issue-areas.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { getDistrict, type PlaceLookup, type Town } from '../places/lookup.ts';
import { groupsToCsv, parseGroupsCsv } from './csv.ts';
import {
  byName,
  type Directory,
  type GroupSummary,
  loadDirectory,
  pageAfter,
} from './directory.ts';
import { upcomingForGroup, upcomingForGroups } from './events-bridge.ts';
import {
  findGroupsForPlace,
  isCandidateDistrict,
  matchesFilter,
  relatedGroups,
  resolvePlace,
} from './finder.ts';
import { applyImport, planImport } from './import.ts';
import { cachedMapSvg, dotsFor } from './map.tsx';
import { listGroupMessages, listOrganizers } from './repository.ts';
import { ContactInput, FinderQuery, GroupForm, NewGroupForm, OrganizerInvite } from './schemas.ts';
import {
  contactFormStamp,
  createGroup,
  deleteGroup,
  formValuesOf,
  inviteOrganizer,
  removeGroupOrganizer,
  sendContactMessage,
  updateGroup,
} from './service.ts';
import { AdminGroupsPage } from './views/admin-groups-page.tsx';
import { ContactSent } from './views/contact-sent-page.tsx';
import { type DirectoryItem, DirectoryPage } from './views/directory-page.tsx';
import { EditGroupPage } from './views/edit-page.tsx';
import { ImportPage } from './views/import-page.tsx';
import { IssueAreaPage } from './views/issue-area-page.tsx';
import { IssueAreasPage } from './views/issue-areas-page.tsx';
import { MessagesPage } from './views/messages-page.tsx';
import { NewGroupPage } from './views/new-group-page.tsx';
import { OrganizersPage } from './views/organizers-page.tsx';
import { districtName } from './views/parts.tsx';
import { ProfilePage } from './views/profile-page.tsx';

export const DIRECTORY_PAGE_SIZE = 24;

const OffsetCursor = z.object({ offset: z.number().int().min(0) });
/** Older messages than this id; anything else shows the newest. */
const BeforeQuery = z.object({ before: Id.optional().catch(undefined) });

function meta<E extends AppEnv>(c: Context<E>) {
  return { ip: c.get('ip'), requestId: c.get('requestId') };
}

function joinOr(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The Organization markup search engines read (schema.org JSON-LD). */
function jsonLd(services: Services, group: GroupSummary, siteName: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: group.name,
    url: `${services.config.publicUrl}/groups/${group.slug}`,
    ...(group.description ? { description: group.description } : {}),
    ...(group.email ? { email: group.email } : {}),
    ...(group.website || Object.keys(group.links).length
      ? { sameAs: [group.website, ...Object.values(group.links)].filter(Boolean) }
      : {}),
    areaServed: group.towns.length
      ? group.towns.map((town) => ({ '@type': 'City', name: `${town.name}, Massachusetts` }))
      : { '@type': 'State', name: 'Massachusetts' },
    ...(group.issueAreas.length ? { knowsAbout: group.issueAreas.map(issueAreaName) } : {}),
    memberOf: { '@type': 'Organization', name: siteName, url: services.config.publicUrl },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * What /groups shows for a query string, shared by the page and its map image: the place typed
 * (or why it was not understood), the district chosen, the filters, and the groups listed.
 */
export function directoryView(directory: Directory, raw: Record<string, string>) {
  const parsed = FinderQuery.safeParse(raw);
  const state: FormState = {
    values: {
      q: raw.q ?? '',
      district: raw.district ?? '',
      issue_area: raw.issue_area ?? '',
      kind: raw.kind ?? '',
    },
    errors: {},
  };
  let status: 200 | 400 | 404 = 200;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) state.errors[String(issue.path[0])] ??= issue.message;
    status = 400;
  }
  const query = parsed.success ? parsed.data : undefined;
  const filter = { issueArea: query?.issue_area, kind: query?.kind };
  let district = query?.district;
  const answer = resolvePlace(query?.q);
  let place: PlaceLookup | undefined;
  let suggestions: Town[] | undefined;
  switch (answer.kind) {
    case 'malformed_zip':
      state.errors.q = t('groups.finder.error.malformedZip');
      status = 400;
      break;
    case 'unknown_zip':
      state.errors.q = t('groups.finder.error.unknownZip', { zip: answer.query });
      status = 404;
      break;
    case 'unknown_town':
      state.errors.q = t('groups.finder.error.unknownTown', { town: answer.query });
      suggestions = answer.suggestions;
      status = 404;
      break;
    case 'found':
      place = answer.place;
      if (district !== undefined && !isCandidateDistrict(place, district)) {
        state.errors.district = t('groups.finder.notCandidate', {
          district,
          place: place.town?.name ?? place.zip ?? place.query,
        });
        district = undefined;
        status = 400;
      }
      break;
  }
  const matches = place
    ? findGroupsForPlace(directory.groups, place, { ...filter, district })
    : undefined;
  const listed = matches
    ? matches.map((match) => match.group)
    : directory.groups.filter((group) => matchesFilter(group, { ...filter, district }));
  const highlight = district
    ? [district]
    : place
      ? place.districts.map((candidate) => candidate.district)
      : [];
  const mapParams = new URLSearchParams();
  if (place) mapParams.set('q', place.query.trim());
  if (district) mapParams.set('district', String(district));
  if (filter.issueArea) mapParams.set('issue_area', filter.issueArea);
  if (filter.kind) mapParams.set('kind', filter.kind);
  return {
    state,
    status,
    place,
    suggestions,
    district,
    filter,
    matches,
    listed,
    highlight,
    cursor: query?.cursor,
    /** The normalized query of the map image, also its cache key. */
    mapQuery: mapParams.toString(),
  };
}

export function groupRoutes(app: Hono<AppEnv>, services: Services): void {
  // The group a /groups/:slug route is about, loaded and authorized once (c.var.group) ---------
  const findGroup = async (c: Context<AppEnv>) =>
    (await loadDirectory(services.db)).bySlug.get(c.req.param('slug') ?? '');
  const notFound = t('groups.error.notFound');
  /** Anyone may see it. */
  const publicGroup = load('group', findGroup, undefined, notFound);
  /** Its organizers and administrators manage it (c.var.signedIn). */
  const editableGroup = load('group', findGroup, (a, g) => canEditGroup(a, g.id), notFound);
  /** Only administrators delete a group. */
  const deletableGroup = load('group', findGroup, (a) => isAdministrator(a), notFound);

  // The directory and finder ------------------------------------------------------------------
  app.get('/groups', async (c) => {
    const directory = await loadDirectory(services.db);
    const view = directoryView(directory, c.req.query());
    const { place, district, filter } = view;
    let items: DirectoryItem[];
    let next: string | null = null;
    if (view.matches) {
      const offset = decodeCursor(view.cursor, OffsetCursor)?.offset ?? 0;
      items = view.matches
        .slice(offset, offset + DIRECTORY_PAGE_SIZE)
        .map((match) => ({ group: match.group, match }));
      if (view.matches.length > offset + DIRECTORY_PAGE_SIZE)
        next = encodeCursor({ offset: offset + DIRECTORY_PAGE_SIZE });
    } else {
      const paged = pageAfter(view.listed, view.cursor, DIRECTORY_PAGE_SIZE);
      items = paged.page.map((group) => ({ group }));
      next = paged.next;
    }
    const heading = place
      ? place.town
        ? t('groups.results.near', { place: place.town.name })
        : t('groups.results.inDistricts', { districts: joinOr(view.highlight.map(districtName)) })
      : district
        ? t('groups.results.inDistricts', { districts: districtName(district) })
        : t('groups.results.all');
    const forCounts = directory.groups.filter((group) => matchesFilter(group, filter));
    const districtCounts = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
      district: n,
      count: forCounts.filter((group) => group.districts.includes(n)).length,
    }));
    const nextEvents = await upcomingForGroups(
      services,
      items.map((item) => item.group),
    );
    return renderPage(
      c,
      { title: place ? heading : t('groups.title'), description: t('groups.lead') },
      <DirectoryPage
        state={view.state}
        suggestions={view.suggestions}
        place={place}
        chosenDistrict={district}
        heading={heading}
        items={items}
        total={view.listed.length}
        next={next}
        mapSrc={`/groups/map.svg?${view.mapQuery}`}
        nextEvents={nextEvents}
        districtCounts={districtCounts}
      />,
      view.status,
    );
  });

  app.get('/groups/map.svg', async (c) => {
    const directory = await loadDirectory(services.db);
    const view = directoryView(directory, c.req.query());
    const accent = c.get('site').accentColor;
    const svg = cachedMapSvg(directory, `${view.mapQuery}|${accent}`, () => ({
      dots: dotsFor(view.listed),
      highlight: view.highlight,
      home: view.place?.town,
      accent,
      title: t('groups.map.alt', { count: view.listed.length }),
    }));
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=60',
    });
  });

  app.get('/groups.csv', async (c) => {
    const directory = await loadDirectory(services.db);
    const csv = groupsToCsv([...directory.groups].sort(byName), services.config.publicUrl);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="groups.csv"',
    });
  });

  // The profile and its contact form ----------------------------------------------------------
  async function renderProfile<E extends AppEnv>(
    c: Context<E>,
    group: GroupSummary,
    contactState: FormState,
    status: 200 | 400 = 200,
  ) {
    const actor = c.get('actor');
    const directory = await loadDirectory(services.db);
    const representatives = new Map(
      group.districts.map((d) => [d, getDistrict(d)?.representative]),
    );
    const events = await upcomingForGroup(services, group);
    return renderPage(
      c,
      {
        title: group.name,
        description: group.description.slice(0, 160) || t('groups.lead'),
        head: (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: jsonLd(services, group, c.get('site').name) }}
          />
        ),
      },
      <ProfilePage
        group={group}
        canEdit={canEditGroup(actor, group.id)}
        canDelete={isAdministrator(actor)}
        contactState={contactState}
        stamp={contactFormStamp(services, group.slug)}
        related={relatedGroups(directory.groups, group)}
        events={events}
        representatives={representatives}
      />,
      status,
    );
  }

  app.get('/groups/:slug', publicGroup, async (c) => {
    const { group, actor } = c.var;
    return renderProfile(c, group, {
      values: { name: actor?.name ?? '', email: actor?.email ?? '' },
      errors: {},
    });
  });

  app.post('/groups/:slug/contact', publicGroup, async (c) => {
    const { group } = c.var;
    if (!group.hasContact) throw new AppError('not_found', t('groups.contact.noRecipient'));
    const form = await parseForm(c, ContactInput);
    if (!form.ok) return renderProfile(c, group, form.state, 400);
    const outcome = await sendContactMessage(services, group, form.data, { ip: c.get('ip') });
    if (outcome === 'rate_limited')
      throw new AppError('rate_limited', t('groups.contact.rateLimited'));
    if (outcome === 'too_fast' || outcome === 'expired') {
      return renderProfile(
        c,
        group,
        {
          values: { name: form.data.name, email: form.data.email, message: form.data.message },
          errors: {},
          message: t(outcome === 'too_fast' ? 'groups.contact.tooFast' : 'groups.contact.expired'),
        },
        400,
      );
    }
    // A discarded (honeypot) message gets the same answer, so a script learns nothing.
    return renderPage(
      c,
      { title: t('groups.contact.sent.title'), narrow: true },
      <ContactSent group={group} email={form.data.email} />,
    );
  });

  // Organizers manage their group -------------------------------------------------------------
  app.get('/groups/:slug/edit', editableGroup, async (c) => {
    const { group } = c.var;
    return renderPage(
      c,
      { title: t('groups.edit.title', { group: group.name }), narrow: true },
      <EditGroupPage group={group} state={{ values: formValuesOf(group), errors: {} }} />,
    );
  });

  app.post('/groups/:slug/edit', editableGroup, async (c) => {
    const { group, signedIn: actor } = c.var;
    const form = await parseForm(c, GroupForm);
    const page = (state: FormState) =>
      renderPage(
        c,
        { title: t('groups.edit.title', { group: group.name }), narrow: true },
        <EditGroupPage group={group} state={state} />,
        400,
      );
    if (!form.ok) return page(form.state);
    try {
      await updateGroup(services, actor, group.id, form.data, meta(c));
    } catch (error) {
      return page(withErrors(form.state, error));
    }
    setFlash(c, services, t('groups.edit.saved', { group: form.data.name }));
    return c.redirect(`/groups/${group.slug}`, 303);
  });

  async function renderOrganizers<E extends AppEnv & Loaded<'group', GroupSummary> & Authorized>(
    c: Context<E>,
    state: FormState,
    status: 200 | 400 = 200,
  ) {
    const { group, signedIn: actor } = c.var;
    const organizers = await listOrganizers(services.db, group.id);
    return renderPage(
      c,
      { title: t('groups.organizers.title', { group: group.name }) },
      <OrganizersPage
        group={group}
        organizers={organizers}
        state={state}
        currentPersonId={actor.personId}
      />,
      status,
    );
  }

  app.get('/groups/:slug/organizers', editableGroup, (c) =>
    renderOrganizers(c, { values: {}, errors: {} }),
  );

  app.post('/groups/:slug/organizers', editableGroup, async (c) => {
    const { group, signedIn: actor } = c.var;
    const form = await parseForm(c, OrganizerInvite);
    if (!form.ok) return renderOrganizers(c, form.state, 400);
    const outcome = await inviteOrganizer(services, actor, group.id, form.data, meta(c));
    setFlash(
      c,
      services,
      t(outcome === 'invited' ? 'groups.organizers.invited' : 'groups.organizers.already', {
        email: form.data.email,
      }),
    );
    return c.redirect(`/groups/${group.slug}/organizers`, 303);
  });

  app.post('/groups/:slug/organizers/:personId/remove', editableGroup, async (c) => {
    const { group, signedIn: actor } = c.var;
    const personId = idParam(c, 'personId', t('groups.organizers.notOrganizer'));
    await removeGroupOrganizer(services, actor, group.id, personId, meta(c));
    setFlash(c, services, t('groups.organizers.removed'));
    return c.redirect(
      personId === actor.personId && !isAdministrator(actor)
        ? `/groups/${group.slug}`
        : `/groups/${group.slug}/organizers`,
      303,
    );
  });

  app.get('/groups/:slug/messages', editableGroup, async (c) => {
    const { group } = c.var;
    const { before } = parseQuery(c, BeforeQuery);
    const rows = await listGroupMessages(services.db, group.id, {
      before,
      limit: 51,
    });
    return renderPage(
      c,
      { title: t('groups.messages.title', { group: group.name }) },
      <MessagesPage
        group={group}
        messages={rows.slice(0, 50)}
        olderThan={rows.length > 50 ? rows[49]!.id : undefined}
      />,
    );
  });

  app.post('/groups/:slug/delete', deletableGroup, async (c) => {
    const { group, signedIn: actor } = c.var;
    await deleteGroup(services, actor, group.id, meta(c));
    setFlash(c, services, t('groups.manage.deleted', { name: group.name }));
    return c.redirect('/admin/groups', 303);
  });

  // Administration ----------------------------------------------------------------------------
  app.get('/admin/groups', authorize(canOpenAdmin), async (c) => {
    const actor = c.var.signedIn;
    const isAdmin = isAdministrator(actor);
    const directory = await loadDirectory(services.db);
    const groups = directory.groups
      .filter((group) => isAdmin || actor.organizerOf.includes(group.id))
      .sort(byName);
    if (!isAdmin && !groups.length) throw new AppError('forbidden', t('groups.error.cannotEdit'));
    return renderPage(
      c,
      { title: t('groups.admin.title') },
      <AdminGroupsPage groups={groups} isAdmin={isAdmin} />,
    );
  });

  app.get('/admin/groups/new', authorize(canCreateGroup), (c) => {
    return renderPage(
      c,
      { title: t('groups.new.title'), narrow: true },
      <NewGroupPage state={{ values: { kind: 'group' }, errors: {} }} />,
    );
  });

  app.post('/admin/groups/new', authorize(canCreateGroup), async (c) => {
    const actor = c.var.signedIn;
    const form = await parseForm(c, NewGroupForm);
    const page = (state: FormState) =>
      renderPage(
        c,
        { title: t('groups.new.title'), narrow: true },
        <NewGroupPage state={state} />,
        400,
      );
    if (!form.ok) return page(form.state);
    let slug: string;
    try {
      ({ slug } = await createGroup(services, actor, form.data, meta(c)));
    } catch (error) {
      return page(withErrors(form.state, error));
    }
    setFlash(c, services, t('groups.new.created', { group: form.data.name }));
    return c.redirect(`/groups/${slug}`, 303);
  });

  app.get('/admin/groups/import', authorize(canCreateGroup), (c) =>
    renderPage(c, { title: t('groups.import.title') }, <ImportPage />),
  );

  /** Reads the uploaded file (or, on confirm, the text carried over from the preview). */
  async function uploadedCsv(c: Context): Promise<string | undefined> {
    const values = await readForm(c);
    const file = values.file;
    if (file instanceof File && file.size > 0) return file.text();
    if (typeof values.csv === 'string' && values.csv.trim()) return values.csv;
    return undefined;
  }

  app.post('/admin/groups/import', authorize(canCreateGroup), async (c) => {
    const text = await uploadedCsv(c);
    if (text === undefined) {
      return renderPage(
        c,
        { title: t('groups.import.title') },
        <ImportPage state={{ values: {}, errors: { file: t('groups.import.noFile') } }} />,
        400,
      );
    }
    const parsed = parseGroupsCsv(text);
    if (parsed.errors.length) {
      return renderPage(
        c,
        { title: t('groups.import.title') },
        <ImportPage errors={parsed.errors} />,
        400,
      );
    }
    const plan = await planImport(services.db, parsed.rows);
    return renderPage(
      c,
      { title: t('groups.import.title') },
      <ImportPage plan={plan} csv={text} />,
    );
  });

  app.post('/admin/groups/import/confirm', authorize(canCreateGroup), async (c) => {
    const actor = c.var.signedIn;
    const text = await uploadedCsv(c);
    const parsed = text === undefined ? undefined : parseGroupsCsv(text);
    if (!parsed || parsed.errors.length) {
      return renderPage(
        c,
        { title: t('groups.import.title') },
        <ImportPage
          errors={parsed?.errors}
          state={parsed ? undefined : { values: {}, errors: { file: t('groups.import.noFile') } }}
        />,
        400,
      );
    }
    const summary = await applyImport(services, actor, parsed.rows, {
      meta: meta(c),
      source: 'admin upload',
    });
    setFlash(c, services, t('groups.import.done', { ...summary }));
    return c.redirect('/admin/groups', 303);
  });

  // Issue areas: the groups that know about each ----------------------------------------------
  app.get('/issue-areas', async (c) => {
    const directory = await loadDirectory(services.db);
    const counts = new Map<string, number>();
    for (const group of directory.groups)
      for (const area of group.issueAreas) counts.set(area, (counts.get(area) ?? 0) + 1);
    return renderPage(
      c,
      { title: t('groups.issueAreas.title') },
      <IssueAreasPage counts={counts} />,
    );
  });

  app.get('/issue-areas/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (!isIssueArea(slug)) throw new AppError('not_found', t('groups.error.notFound'));
    const directory = await loadDirectory(services.db);
    const groups = directory.groups.filter((group) => group.issueAreas.includes(slug)).sort(byName);
    return renderPage(
      c,
      { title: issueAreaName(slug) },
      <IssueAreaPage
        slug={slug}
        groups={groups}
        mapSrc={`/groups/map.svg?issue_area=${slug}`}
        nextEvents={await upcomingForGroups(services, groups)}
      />,
    );
  });
}

import type { Feature } from '../../platform/feature.ts';
import { EmptyState, PageHeader } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';

export const STANDING_TEAMS = [
  {
    slug: 'book-club',
    name: 'Book Club',
    purpose: 'Reads and discusses books on democracy, organizing and justice.',
  },
  {
    slug: 'communications',
    name: 'Communications',
    purpose: 'Runs the website, the calendar and the weekly newsletter.',
  },
  {
    slug: 'racial-justice-and-equity',
    name: 'Racial Justice and Equity',
    purpose: 'Centers racial justice and equity in the coalition’s work.',
  },
  {
    slug: 'recruitment-engagement-training',
    name: 'Recruitment, Engagement & Training',
    purpose: 'Brings new activists in and trains leaders.',
  },
  {
    slug: 'technology',
    name: 'Technology',
    purpose: 'Runs the coalition’s tools, this site among them.',
  },
] as const;

/** Teams: the five standing teams are reference data; action teams are not built yet. */
export const teamsFeature: Feature = {
  name: 'teams',
  async seed(services) {
    for (const team of STANDING_TEAMS) {
      await services.db
        .insertInto('teams')
        .values({
          ...team,
          kind: 'standing',
          state: 'active',
          slack_channel: null,
          started_on: null,
          dissolved_on: null,
          outcome: null,
        })
        .onConflict((conflict) => conflict.column('slug').doNothing())
        .execute();
    }
  },
  routes(app, services) {
    app.get('/teams', async (c) => {
      const teams = await services.db
        .selectFrom('teams')
        .selectAll()
        .where('state', '!=', 'dissolved')
        .orderBy('kind', 'desc')
        .orderBy('name')
        .execute();
      const standing = teams.filter((team) => team.kind === 'standing');
      const action = teams.filter((team) => team.kind === 'action');
      return renderPage(
        c,
        { title: 'Teams' },
        <>
          <PageHeader
            title="Teams"
            lead="Standing Teams do the coalition's ongoing work. Action Teams form around one issue for a time, then dissolve with an outcome."
          />
          <h2>Standing teams</h2>
          <ul class="card-grid">
            {standing.map((team) => (
              <li class="card">
                <h3>{team.name}</h3>
                <p>{team.purpose}</p>
              </li>
            ))}
          </ul>
          <h2>Action teams</h2>
          {action.length === 0 ? (
            <EmptyState title="No action teams yet.">
              <p>
                Proposing an action team on the site is coming soon. Meanwhile, ask the Coordinating
                Board on Slack.
              </p>
            </EmptyState>
          ) : (
            <ul class="card-grid">
              {action.map((team) => (
                <li class="card">
                  <h3>{team.name}</h3>
                  <p>{team.purpose}</p>
                </li>
              ))}
            </ul>
          )}
        </>,
      );
    });
  },
};

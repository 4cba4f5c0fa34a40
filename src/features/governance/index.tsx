import { sql } from 'kysely';
import type { Feature } from '../../platform/feature.ts';
import { ComingSoon } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.tsx';
import { governanceCommands } from './commands.ts';

/**
 * The Coordinating Board: nine district seats. Elections are not built yet; the seats are listed,
 * and `hub elections:tally` recounts a ballot file.
 */
export const governanceFeature: Feature = {
  name: 'governance',
  commands: governanceCommands,
  routes(app, services) {
    app.get('/board', async (c) => {
      const districts = await services.db
        .selectFrom('districts')
        .leftJoin('representatives', (join) =>
          join
            .onRef('representatives.district', '=', 'districts.number')
            .on('representatives.chamber', '=', 'house'),
        )
        .select(['districts.number', 'districts.name', 'representatives.name as representative'])
        .orderBy('districts.number')
        .execute();
      void sql;
      return renderPage(
        c,
        { title: 'Coordinating Board' },
        <>
          <ComingSoon
            title="Coordinating Board"
            lead="Nine members, one for each congressional district, each elected for two years by the Indivisible members of that district."
            meanwhile={[{ href: '/about', label: 'How the coalition is run' }]}
          />
          <h2>The nine seats</h2>
          <p>Who holds each seat, and its elections, will be listed here.</p>
          <ul class="card-grid">
            {districts.map((district) => (
              <li class="card">
                <h3>{district.name}</h3>
                <p class="muted">U.S. Representative: {district.representative ?? 'unknown'}</p>
                <p>
                  <a href={`/groups?district=${district.number}`}>Groups in this district</a>
                </p>
              </li>
            ))}
          </ul>
        </>,
      );
    });
  },
};

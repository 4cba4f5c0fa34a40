import { t } from '../../platform/i18n/index.ts';
import { EmptyState } from '../../platform/views/components.tsx';
import outline from '../places/data/districts-outline.json' with { type: 'json' };
import type { OccurrenceListRow } from './occurrence-query.ts';
import { whenText } from './views/occurrence-list.tsx';

// Massachusetts' bounding box, projected with longitude scaled by cos(42.2°) so shapes look right.
const WEST = -73.52;
const EAST = -69.84;
const NORTH = 42.9;
const SOUTH = 41.18;
const SCALE = 280;
const COS = Math.cos((42.2 * Math.PI) / 180);
const WIDTH = Math.round((EAST - WEST) * COS * SCALE);
const HEIGHT = Math.round((NORTH - SOUTH) * SCALE);

const x = (lon: number) => ((lon - WEST) * COS * SCALE).toFixed(1);
const y = (lat: number) => ((NORTH - lat) * SCALE).toFixed(1);

type Ring = number[][];
let districtPaths: { district: number; d: string }[] | undefined;

function paths() {
  districtPaths ??= (
    outline as {
      features: {
        properties: { district: number };
        geometry: { type: string; coordinates: unknown };
      }[];
    }
  ).features.map((feature) => {
    const polygons = (
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates
    ) as Ring[][];
    const d = polygons
      .flatMap((polygon) =>
        polygon.map((ring) => `M${ring.map(([lon, lat]) => `${x(lon!)},${y(lat!)}`).join('L')}Z`),
      )
      .join('');
    return { district: feature.properties.district, d };
  });
  return districtPaths;
}

/**
 * A map of in-person events drawn on the server as SVG (district outlines, one dot per town with
 * events), so it works without JavaScript and loads nothing from elsewhere. The list below the
 * map says the same in words.
 */
export function EventsMap({ rows, now }: { rows: OccurrenceListRow[]; now: Date }) {
  const located = rows.filter((row) => row.latitude !== null && row.longitude !== null);
  if (!located.length) {
    return (
      <EmptyState title={t('events.map.empty')}>
        <p>
          <a href="/events">{t('events.map.list')}</a>
        </p>
      </EmptyState>
    );
  }
  const byTown = new Map<string, OccurrenceListRow[]>();
  for (const row of located)
    byTown.set(row.town_name!, [...(byTown.get(row.town_name!) ?? []), row]);
  const towns = [...byTown.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <section class="events-map" aria-labelledby="map-heading">
      <h2 id="map-heading" class="visually-hidden">
        {t('events.view.map')}
      </h2>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('events.map.label', { count: located.length })}
      >
        {paths().map((p) => (
          <path d={p.d} class="map-district" />
        ))}
        {towns.map(([town, list]) => {
          const first = list[0]!;
          // Dots are not links: an image with links inside fails WCAG (nested-interactive), and
          // dots are too small to tap. The list below links every town's events.
          return (
            <circle
              cx={x(first.longitude!)}
              cy={y(first.latitude!)}
              r={String(Math.min(4 + list.length, 12))}
              class="map-dot"
            >
              <title>{`${town}: ${list.length}`}</title>
            </circle>
          );
        })}
      </svg>
      <ul class="map-legend">
        {towns.map(([town, list]) => (
          <li>
            <strong>{town}</strong>:{' '}
            {list.slice(0, 3).map((row, i) => (
              <>
                {i > 0 ? '; ' : ''}
                <a href={`/events/${row.event_id}?occurrence=${row.occurrence_id}`}>{row.title}</a>{' '}
                ({whenText(row, now)})
              </>
            ))}
            {list.length > 3 ? ` ${t('events.map.more', { count: list.length - 3 })}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

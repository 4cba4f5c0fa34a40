import { raw } from 'hono/html';
import { t, tn } from '../../platform/i18n/index.ts';
import outline from '../places/data/districts-outline.json' with { type: 'json' };
import type { GeoPoint, Town } from '../places/lookup.ts';

/**
 * A small server-rendered SVG map of Massachusetts's nine congressional districts, with a dot
 * for each town that groups serve. No tiles, no script: it works offline and without
 * JavaScript, and every dot and district is a link (docs/decisions/0011-server-rendered-map.md).
 */

type Ring = number[][];
interface OutlineFeature {
  properties: { district: number };
  geometry:
    | { type: 'Polygon'; coordinates: Ring[] }
    | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export const MAP_WIDTH = 640;
const PADDING = 8;
/** Points closer than this (in map pixels) to the last kept one are dropped. */
const SIMPLIFY_PX = 1.6;

const features = (outline as unknown as { features: OutlineFeature[] }).features;
const polygonsOf = (f: OutlineFeature): Ring[][] =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;

const allPoints = features.flatMap((f) => polygonsOf(f).flat(2) as unknown as number[][]);
const lons = allPoints.map((p) => p[0]!);
const lats = allPoints.map((p) => p[1]!);
const bounds = {
  west: Math.min(...lons),
  east: Math.max(...lons),
  south: Math.min(...lats),
  north: Math.max(...lats),
};
const COS_LAT = Math.cos((((bounds.north + bounds.south) / 2) * Math.PI) / 180);
const SCALE = (MAP_WIDTH - 2 * PADDING) / ((bounds.east - bounds.west) * COS_LAT);
export const MAP_HEIGHT = Math.ceil((bounds.north - bounds.south) * SCALE + 2 * PADDING);

/** Map pixels of a point (equirectangular at Massachusetts's latitude: good enough here). */
export function project(point: GeoPoint): [number, number] {
  return [
    PADDING + (point.lon - bounds.west) * COS_LAT * SCALE,
    PADDING + (bounds.north - point.lat) * SCALE,
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;

function ringPath(ring: Ring): { d: string; area: number; cx: number; cy: number } | undefined {
  const kept: [number, number][] = [];
  for (const [lon, lat] of ring) {
    const p = project({ lon: lon!, lat: lat! });
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= SIMPLIFY_PX) kept.push(p);
  }
  if (kept.length < 3) return undefined;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < kept.length; i++) {
    const [x0, y0] = kept[i]!;
    const [x1, y1] = kept[(i + 1) % kept.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (Math.abs(area) < 1) return undefined;
  return {
    d: `M${kept.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`,
    area: Math.abs(area),
    cx: cx / (6 * area),
    cy: cy / (6 * area),
  };
}

/** Where a district's number sits when its shape's centre reads badly (pixel nudges). */
const LABEL_NUDGE: Record<number, [number, number]> = {};

interface DistrictShape {
  district: number;
  d: string;
  label: [number, number];
}

const DISTRICT_SHAPES: DistrictShape[] = features
  .map((feature) => {
    const rings = polygonsOf(feature)
      .flatMap((polygon) => polygon.map(ringPath))
      .filter((ring): ring is NonNullable<typeof ring> => Boolean(ring));
    const largest = rings.reduce((a, b) => (b.area > a.area ? b : a));
    const nudge = LABEL_NUDGE[feature.properties.district] ?? [0, 0];
    return {
      district: feature.properties.district,
      d: rings.map((ring) => ring.d).join(''),
      label: [round(largest.cx + nudge[0]), round(largest.cy + nudge[1])] as [number, number],
    };
  })
  .sort((a, b) => a.district - b.district);

export interface MapDot {
  town: Town;
  count: number;
  href: string;
}

export function DistrictMap(props: {
  dots: MapDot[];
  /** Districts to highlight (the person's, or the filter's). */
  highlight?: readonly number[];
  /** The person's town, marked with a ring. */
  home?: Town;
  /** Where a district links to; default the directory filtered by it. */
  districtHref?: (district: number) => string;
  caption: string;
}) {
  const highlight = new Set(props.highlight ?? []);
  const href = props.districtHref ?? ((district: number) => `/groups?district=${district}`);
  const dots = [...props.dots].sort((a, b) => b.count - a.count);
  return (
    <figure class="group-map">
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        width={MAP_WIDTH}
        height={MAP_HEIGHT}
        aria-label={props.caption}
        xmlns="http://www.w3.org/2000/svg"
      >
        <g class="map-districts">
          {DISTRICT_SHAPES.map((shape) => (
            <a
              href={href(shape.district)}
              aria-label={t('groups.map.district', { district: shape.district })}
            >
              <path
                class={highlight.has(shape.district) ? 'map-district is-selected' : 'map-district'}
                d={shape.d}
              >
                <title>{t('groups.map.district', { district: shape.district })}</title>
              </path>
            </a>
          ))}
        </g>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG text is not focusable; the districts are named by their links */}
        <g class="map-labels" aria-hidden="true">
          {DISTRICT_SHAPES.map((shape) => (
            <text x={shape.label[0]} y={shape.label[1]} class="map-label">
              {shape.district}
            </text>
          ))}
        </g>
        <g class="map-dots">
          {dots.map((dot) => {
            const [x, y] = project(dot.town);
            const label = tn('groups.map.dot', dot.count, { town: dot.town.name });
            return (
              <a href={dot.href}>
                <title>{label}</title>
                <circle
                  class="map-dot"
                  cx={Math.round(x)}
                  cy={Math.round(y)}
                  r={round(3 + Math.sqrt(dot.count) * 2)}
                />
              </a>
            );
          })}
        </g>
        {props.home && (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a decorative ring, not focusable
          <g class="map-home" aria-hidden="true">
            <circle
              cx={round(project(props.home)[0])}
              cy={round(project(props.home)[1])}
              r="9"
              class="map-home-ring"
            />
          </g>
        )}
      </svg>
      <figcaption class="muted">{props.caption}</figcaption>
    </figure>
  );
}

/** One dot per town served by these groups, sized by how many serve it. */
export function dotsFor(
  groups: readonly { towns: readonly Town[] }[],
  hrefFor: (town: Town) => string,
): MapDot[] {
  const counts = new Map<number, { town: Town; count: number }>();
  for (const group of groups) {
    for (const town of group.towns) {
      const entry = counts.get(town.id) ?? { town, count: 0 };
      entry.count++;
      counts.set(town.id, entry);
    }
  }
  return [...counts.values()].map((entry) => ({ ...entry, href: hrefFor(entry.town) }));
}

const rendered = new WeakMap<object, Map<string, string>>();

/**
 * The map rendered once per directory snapshot and view (filter, place): drawing hundreds of
 * dots is the costliest part of /groups, and the directory changes rarely.
 */
export function CachedDistrictMap(
  props: Omit<Parameters<typeof DistrictMap>[0], 'dots'> & {
    /** Computed only when this view is not drawn yet. */
    dots: () => MapDot[];
    snapshot: object;
    cacheKey: string;
  },
) {
  let byKey = rendered.get(props.snapshot);
  if (!byKey) {
    byKey = new Map();
    rendered.set(props.snapshot, byKey);
  }
  let html = byKey.get(props.cacheKey);
  if (html === undefined) {
    html = String(DistrictMap({ ...props, dots: props.dots() }));
    if (byKey.size > 500) byKey.clear();
    byKey.set(props.cacheKey, html);
  }
  return raw(html);
}

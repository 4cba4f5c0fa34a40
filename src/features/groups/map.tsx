import outline from '../places/data/districts-outline.json' with { type: 'json' };
import './messages.ts';
import type { GeoPoint, Town } from '../places/lookup.ts';

/**
 * A small server-rendered SVG map of Massachusetts's nine congressional districts, with a dot
 * for each town that groups serve. No tiles, no script: it works offline and without
 * JavaScript (docs/decisions/0011-server-rendered-district-map.md).
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

/** "M12 34l3-1 2 0..." in whole pixels: about a third the size of absolute decimals. */
function relativePath(points: [number, number][]): string {
  let [lastX, lastY] = [Math.round(points[0]![0]), Math.round(points[0]![1])];
  const steps: string[] = [];
  for (const [x, y] of points.slice(1)) {
    const [rx, ry] = [Math.round(x), Math.round(y)];
    if (rx === lastX && ry === lastY) continue;
    steps.push(`${rx - lastX} ${ry - lastY}`.replace(/ -/g, '-'));
    [lastX, lastY] = [rx, ry];
  }
  return `M${Math.round(points[0]![0])} ${Math.round(points[0]![1])}l${steps.join(' ').replace(/ -/g, '-')}z`;
}

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
    d: relativePath(kept),
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
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The map as a standalone SVG document (served at /groups/map.svg and shown with <img>, so a
 * browser caches it and the page stays small). Districts are grey, the highlighted ones tinted,
 * each town that groups serve a dot sized by how many serve it, the person's town ringed.
 */
export function renderMapSvg(props: {
  dots: readonly MapDot[];
  highlight?: readonly number[];
  home?: Town;
  /** The site's accent color (#rrggbb), for the dots. */
  accent: string;
  title: string;
}): string {
  const highlight = new Set(props.highlight ?? []);
  const accent = /^#[0-9a-f]{6}$/i.test(props.accent) ? props.accent : '#1d4ed8';
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" role="img">`,
    `<title>${escapeXml(props.title)}</title>`,
    `<style>.d{fill:#e5e7eb;stroke:#fff;stroke-width:1.5}.s{fill:#c7d2fe}.l{font:700 15px system-ui,sans-serif;fill:#374151;text-anchor:middle;dominant-baseline:middle}.p{fill:${accent};fill-opacity:.8;stroke:#fff;stroke-width:1.2}.h{fill:none;stroke:#b91c1c;stroke-width:3}</style>`,
  ];
  for (const shape of DISTRICT_SHAPES)
    parts.push(`<path class="${highlight.has(shape.district) ? 'd s' : 'd'}" d="${shape.d}"/>`);
  for (const shape of DISTRICT_SHAPES)
    parts.push(
      `<text class="l" x="${shape.label[0]}" y="${shape.label[1]}">${shape.district}</text>`,
    );
  for (const dot of [...props.dots].sort((a, b) => b.count - a.count)) {
    const [x, y] = project(dot.town);
    parts.push(
      `<circle class="p" cx="${Math.round(x)}" cy="${Math.round(y)}" r="${round(3 + Math.sqrt(dot.count) * 2)}"/>`,
    );
  }
  if (props.home) {
    const [x, y] = project(props.home);
    parts.push(`<circle class="h" cx="${Math.round(x)}" cy="${Math.round(y)}" r="9"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** One dot per town served by these groups, sized by how many serve it. */
export function dotsFor(groups: readonly { towns: readonly Town[] }[]): MapDot[] {
  const counts = new Map<number, MapDot>();
  for (const group of groups) {
    for (const town of group.towns) {
      const entry = counts.get(town.id) ?? { town, count: 0 };
      entry.count++;
      counts.set(town.id, entry);
    }
  }
  return [...counts.values()];
}

const rendered = new WeakMap<object, Map<string, string>>();

/**
 * The map drawn once per directory snapshot and view (filter, place, accent color): drawing
 * hundreds of dots is the costliest part of the directory, which changes rarely (decision 0010).
 */
export function cachedMapSvg(
  snapshot: object,
  key: string,
  draw: () => Parameters<typeof renderMapSvg>[0],
): string {
  let byKey = rendered.get(snapshot);
  if (!byKey) {
    byKey = new Map();
    rendered.set(snapshot, byKey);
  }
  let svg = byKey.get(key);
  if (svg === undefined) {
    svg = renderMapSvg(draw());
    if (byKey.size > 500) byKey.clear();
    byKey.set(key, svg);
  }
  return svg;
}

/** The map on a page: the image, a caption, and (beside it, in the page) a text alternative. */
export function MapFigure({ src, alt, caption }: { src: string; alt: string; caption: string }) {
  return (
    <figure class="group-map">
      <img
        src={src}
        alt={alt}
        width={MAP_WIDTH}
        height={MAP_HEIGHT}
        loading="lazy"
        decoding="async"
      />
      <figcaption class="muted">{caption}</figcaption>
    </figure>
  );
}

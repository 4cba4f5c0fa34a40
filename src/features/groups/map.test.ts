import { describe, expect, it } from 'vitest';
import { findTown, listTowns } from '../places/lookup.ts';
import { dotsFor, MAP_HEIGHT, MAP_WIDTH, project, renderMapSvg } from './map.tsx';

describe('the district map', () => {
  it('places every town inside the drawing, west to east and north to south', () => {
    for (const town of listTowns()) {
      const [x, y] = project(town);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    const [pittsfieldX] = project(findTown('Pittsfield')!);
    const [bostonX, bostonY] = project(findTown('Boston')!);
    const [, nantucketY] = project(findTown('Nantucket')!);
    expect(pittsfieldX).toBeLessThan(bostonX);
    expect(bostonY).toBeLessThan(nantucketY);
  });

  it('draws nine districts and one dot per town served, sized by the number of groups', () => {
    const worcester = findTown('Worcester')!;
    const salem = findTown('Salem')!;
    const dots = dotsFor([{ towns: [worcester, salem] }, { towns: [worcester] }, { towns: [] }]);
    expect(dots.map((dot) => [dot.town.name, dot.count]).sort()).toEqual([
      ['Salem', 1],
      ['Worcester', 2],
    ]);
    const svg = renderMapSvg({
      dots,
      highlight: [2],
      home: worcester,
      accent: '#aa0000',
      title: 'Groups <near> you',
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Groups &lt;near&gt; you</title>');
    expect(svg.match(/<path class="d/g)).toHaveLength(9);
    expect(svg.match(/<path class="d s"/g)).toHaveLength(1);
    expect(svg.match(/<circle class="p"/g)).toHaveLength(2);
    // The bigger dot (two groups) is drawn first, so the smaller one stays visible on top.
    const radii = [...svg.matchAll(/<circle class="p"[^>]* r="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(radii[0]).toBeGreaterThan(radii[1]!);
    expect(svg).toContain('<circle class="h"');
    expect(svg).toContain('fill:#aa0000');
    // A bad accent color never reaches the style sheet.
    expect(renderMapSvg({ dots, accent: 'red;}</style><script>', title: 'x' })).not.toContain(
      'script',
    );
    // Small enough to load on a phone: the nine outlines stay under 12 KB.
    expect(renderMapSvg({ dots: [], accent: '#000000', title: 'x' }).length).toBeLessThan(12_000);
  });
});

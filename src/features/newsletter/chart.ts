import { escapeHtml as esc } from '../../platform/text.ts';
/** A small server-rendered line chart (SVG) of subscribers over time, readable without color. */
export interface ChartPoint {
  label: string;
  value: number;
}

export function lineChartSvg(
  points: ChartPoint[],
  options: { title: string; width?: number; height?: number },
): string {
  const width = options.width ?? 600;
  const height = options.height ?? 200;
  const pad = { top: 16, right: 16, bottom: 28, left: 44 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  const niceMax =
    max <= 5
      ? 5
      : Math.ceil(max / 10 ** Math.floor(Math.log10(max))) * 10 ** Math.floor(Math.log10(max));
  const x = (i: number) =>
    pad.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (v / niceMax) * innerH;
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const ticks = [0, niceMax / 2, niceMax];
  const first = points[0];
  const last = points[points.length - 1];
  const description =
    first && last ? `${first.label}: ${first.value}; ${last.label}: ${last.value}` : 'No data yet';
  return `<svg class="newsletter-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">${esc(options.title)}</title><desc id="chart-desc">${esc(description)}</desc>
${ticks
  .map(
    (tick) =>
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d1d5db" stroke-width="1"/><text x="${pad.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#4b5563">${Math.round(tick)}</text>`,
  )
  .join('\n')}
<polyline points="${line}" fill="none" stroke="currentColor" stroke-width="2.5"/>
${points.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="currentColor"><title>${esc(`${p.label}: ${p.value}`)}</title></circle>`).join('')}
${first ? `<text x="${x(0).toFixed(1)}" y="${height - 8}" font-size="12" fill="#4b5563" text-anchor="start">${esc(first.label)}</text>` : ''}
${last && points.length > 1 ? `<text x="${x(points.length - 1).toFixed(1)}" y="${height - 8}" font-size="12" fill="#4b5563" text-anchor="end">${esc(last.label)}</text>` : ''}
</svg>`;
}

import { t, tn } from '../../../platform/i18n/index.ts';
import { Badge } from '../../../platform/views/components.tsx';
import type { Town } from '../../places/lookup.ts';

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10];
  return `${n}${suffix ?? 'th'}`;
}

export const districtName = (n: number) => t('groups.district.one', { ordinal: ordinal(n) });

export const townHref = (town: Town) => `/groups?q=${encodeURIComponent(town.name)}`;

export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
    </>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return kind === 'ally' ? <Badge tone="success">{t('groups.kind.ally')}</Badge> : null;
}

/** "Worcester, Shrewsbury, Boylston and 4 more towns" */
export function TownsLine({ towns, max = 4 }: { towns: readonly Town[]; max?: number }) {
  if (!towns.length) return <>{t('groups.statewide')}</>;
  const shown = towns.slice(0, max).map((town) => town.name);
  const rest = towns.length - shown.length;
  return (
    <>
      {shown.join(', ')}
      {rest > 0 && ` ${tn('groups.card.more', rest)}`}
    </>
  );
}

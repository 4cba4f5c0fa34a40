import type { Db } from './db/database.ts';
import { readSetting, writeSetting } from './services.ts';

/** What an administrator can change about the site's look and words. */
export interface SiteSettings {
  name: string;
  tagline: string;
  /** Welcome text on the home page (plain text, paragraphs separated by blank lines). */
  welcome: string;
  /** The one accent color (#rrggbb), checked for contrast on white when saved. */
  accentColor: string;
  logoUrl: string | null;
}

export const DEFAULT_SITE: SiteSettings = {
  name: 'Coalition Hub',
  tagline: 'Indivisible groups and allies across Massachusetts',
  welcome:
    'We are a statewide coalition of local Indivisible groups and allied organizations. Find a group near you, see what is happening this week, and take action together.',
  accentColor: '#1d4ed8',
  logoUrl: null,
};

let cached: { value: SiteSettings; at: number } | undefined;

/** Site settings, cached for a few seconds (they change rarely; every process re-reads soon). */
export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  if (cached && Date.now() - cached.at < 5000) return cached.value;
  const stored = (await readSetting<Partial<SiteSettings>>(db, 'site')) ?? {};
  const value = { ...DEFAULT_SITE, ...stored };
  cached = { value, at: Date.now() };
  return value;
}

export async function saveSiteSettings(db: Db, settings: SiteSettings): Promise<void> {
  await writeSetting(db, 'site', settings);
  cached = undefined;
}

/** WCAG relative-luminance contrast ratio between two #rrggbb colors. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, bl] = channels.map((v) =>
      v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

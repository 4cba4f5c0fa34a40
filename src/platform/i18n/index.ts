/**
 * The message catalog. Every user-facing string is looked up here by key, so another language
 * is a new catalog, not a change to views. Features add their strings with registerMessages.
 */
export type Locale = 'en';
type Catalog = Record<string, string>;

const catalogs: Record<Locale, Catalog> = { en: {} };

export function registerMessages(locale: Locale, messages: Catalog): void {
  for (const [key, value] of Object.entries(messages)) {
    if (key in catalogs[locale] && catalogs[locale][key] !== value) {
      throw new Error(`message key registered twice with different text: ${key}`);
    }
    catalogs[locale][key] = value;
  }
}

/** Looks up a message and fills {name} placeholders; an unknown key shows itself, to be noticed. */
export function t(
  key: string,
  vars: Record<string, string | number> = {},
  locale: Locale = 'en',
): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

/** Picks the singular or plural message: keys `${key}.one` and `${key}.other`. */
export function tn(key: string, count: number, vars: Record<string, string | number> = {}): string {
  return t(count === 1 ? `${key}.one` : `${key}.other`, { count, ...vars });
}

export function hasMessage(key: string, locale: Locale = 'en'): boolean {
  return key in catalogs[locale];
}

/**
 * The shared vocabulary of issue areas, used by groups, events, resources, teams and actions.
 * Seeded into the issue_areas table at start; slugs are stable identifiers in URLs and the API.
 */
export const ISSUE_AREAS = [
  { slug: 'democracy', name: 'Democracy and participation' },
  { slug: 'voting-rights', name: 'Voting rights' },
  { slug: 'climate', name: 'Climate and environment' },
  { slug: 'immigrant-rights', name: 'Immigrant rights' },
  { slug: 'racial-justice', name: 'Racial justice' },
  { slug: 'healthcare', name: 'Healthcare' },
  { slug: 'criminal-justice-reform', name: 'Criminal justice reform' },
  { slug: 'womens-rights', name: "Women's rights and reproductive freedom" },
  { slug: 'lgbtq-rights', name: 'LGBTQ+ rights' },
  { slug: 'economic-justice', name: 'Economic justice' },
  { slug: 'education', name: 'Education' },
  { slug: 'gun-safety', name: 'Gun violence prevention' },
  { slug: 'housing', name: 'Housing' },
  { slug: 'labor', name: 'Labor and workers' },
  { slug: 'disability-rights', name: 'Disability rights' },
  { slug: 'foreign-policy', name: 'Peace and foreign policy' },
] as const;

export type IssueAreaSlug = (typeof ISSUE_AREAS)[number]['slug'];

const bySlug = new Map<string, string>(ISSUE_AREAS.map((area) => [area.slug, area.name]));

export function issueAreaName(slug: string): string {
  return bySlug.get(slug) ?? slug;
}

export function isIssueArea(slug: string): boolean {
  return bySlug.has(slug);
}

/** Accepts a slug or a name ("Voting rights", "voting rights") and returns the slug. */
export function toIssueAreaSlug(input: string): string | undefined {
  const wanted = input.trim().toLowerCase();
  for (const area of ISSUE_AREAS) {
    if (area.slug === wanted || area.name.toLowerCase() === wanted) return area.slug;
  }
  const slugged = wanted.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return bySlug.has(slugged) ? slugged : undefined;
}

export const issueAreaOptions = () =>
  ISSUE_AREAS.map((area) => ({ value: area.slug, label: area.name }));

import type { Child } from 'hono/jsx';
import type { Services } from '../../platform/services.ts';

/**
 * The home page is made of sections that features contribute (this week's events, the latest
 * newsletter issue, open calls to action), so the home feature depends on none of them.
 */
export interface HomeSection {
  /** Lower comes first. Find-a-group is 10, events 20, calls to action 30, newsletter 40. */
  order: number;
  name: string;
  render(services: Services): Promise<Child>;
}

const sections: HomeSection[] = [];

export function registerHomeSection(section: HomeSection): void {
  const existing = sections.findIndex((s) => s.name === section.name);
  if (existing >= 0) sections.splice(existing, 1);
  sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

export function homeSections(): readonly HomeSection[] {
  return sections;
}

import type { Services } from '../../platform/services.ts';
import type { GroupSummary } from './directory.ts';
import type { NextEvent, ProfileEvent } from './views.tsx';

/**
 * The directory's view of the calendar: each card's next event and the profile's upcoming
 * events. Until the calendar offers its digest query this shows nothing (the sections are left
 * out, not shown empty).
 */
export async function upcomingForGroups(
  _services: Services,
  _groups: readonly GroupSummary[],
): Promise<Map<number, NextEvent>> {
  return new Map();
}

export async function upcomingForGroup(
  _services: Services,
  _group: GroupSummary,
): Promise<ProfileEvent[] | undefined> {
  return undefined;
}

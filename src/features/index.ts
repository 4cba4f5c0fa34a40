import type { Feature } from '../platform/feature.ts';
import { accountsFeature } from './accounts/index.ts';
import { actionsFeature } from './actions/index.tsx';
import { adminFeature } from './admin/index.ts';
import { eventsFeature } from './events/index.tsx';
import { governanceFeature } from './governance/index.tsx';
import { groupsFeature } from './groups/index.tsx';
import { homeFeature } from './home/index.ts';
import { meetingsFeature } from './meetings/index.tsx';
import { movingInFeature } from './moving-in/index.ts';
import { newsletterFeature } from './newsletter/index.tsx';
import { placesFeature } from './places/index.ts';
import { resourcesFeature } from './resources/index.tsx';
import { searchFeature } from './search/index.tsx';
import { teamsFeature } from './teams/index.tsx';

/**
 * Every feature slice, in the order their routes and seeds run. Places first: others use towns.
 * Moving in before home: its redirects answer WordPress's `/?p=123` links on the home page.
 */
export const features: readonly Feature[] = [
  placesFeature,
  movingInFeature,
  homeFeature,
  accountsFeature,
  adminFeature,
  groupsFeature,
  eventsFeature,
  newsletterFeature,
  resourcesFeature,
  searchFeature,
  actionsFeature,
  teamsFeature,
  governanceFeature,
  meetingsFeature,
];

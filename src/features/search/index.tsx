import type { Feature } from '../../platform/feature.ts';
import './messages.ts';
import { searchRoutes } from './routes.tsx';

/** Site-wide search over the index every feature feeds (platform/search-index.ts). */
export const searchFeature: Feature = {
  name: 'search',
  routes: searchRoutes,
};

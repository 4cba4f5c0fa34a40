import type { Feature } from '../../platform/feature.ts';
import './messages.ts';
import { homeRoutes } from './routes.tsx';

export const homeFeature: Feature = {
  name: 'home',
  routes: homeRoutes,
};

import type { Feature } from '../../platform/feature.ts';
import './messages.ts';
import { accountRoutes } from './routes.tsx';

export const accountsFeature: Feature = {
  name: 'accounts',
  routes: accountRoutes,
};

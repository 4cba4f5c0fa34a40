import type { Feature } from '../../platform/feature.ts';
import './messages.ts';
import { adminRoutes } from './routes.tsx';

export const adminFeature: Feature = {
  name: 'admin',
  routes: adminRoutes,
};

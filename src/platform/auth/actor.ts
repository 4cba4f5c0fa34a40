import type { GlobalRole } from '../db/schema.ts';

/** Who is making a request: a signed-in person with their roles, or nobody. */
export interface Actor {
  personId: number;
  email: string;
  name: string | null;
  roles: readonly GlobalRole[];
  /** Groups this person organizes (group ids). */
  organizerOf: readonly number[];
  /** Teams this person leads (team ids). */
  leadOf: readonly number[];
  /** How the actor was identified. */
  via: 'session' | 'token';
}

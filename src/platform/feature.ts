import type { Hono } from 'hono';
import type { CliCommand } from '../cli/command.ts';
import type { Actor } from './auth/actor.ts';
import type { Tx } from './db/database.ts';
import type { AppEnv } from './http/env.ts';
import type { JobDefinition, RecurringJob } from './jobs/queue.ts';
import type { Services } from './services.ts';

/** Something on the admin dashboard that needs a person's attention. */
export interface AttentionItem {
  label: string;
  count?: number;
  href: string;
  tone?: 'warning' | 'danger' | 'info';
}

export interface AdminLink {
  href: string;
  label: string;
  description: string;
  allowed(actor: Actor): boolean;
}

/**
 * A feature slice plugs into the application through this one shape: its routes, its background
 * jobs, what it shows on the admin dashboard, and its sample content.
 */
export interface Feature {
  name: string;
  routes?(app: Hono<AppEnv>, services: Services): void;
  jobs?(services: Services): JobDefinition[];
  recurring?: RecurringJob[];
  /** POST paths that take no CSRF token (one-click unsubscribe, webhooks). */
  csrfExempt?: RegExp[];
  /** Reference data loaded at every start; must be idempotent and quick when nothing changed. */
  seed?(services: Services): Promise<void>;
  /** `hub` commands this feature adds (INTERFACE.md, Command line). */
  commands?: CliCommand[];
  adminLinks?: AdminLink[];
  attention?(services: Services, actor: Actor): Promise<AttentionItem[]>;
  sample?: {
    /** Loads this feature's sample rows (marked is_sample) and returns counts by kind. */
    load(tx: Tx, services: Services): Promise<Record<string, number>>;
    /** Removes this feature's sample rows and returns counts by kind. */
    clear(tx: Tx, services: Services): Promise<Record<string, number>>;
  };
}

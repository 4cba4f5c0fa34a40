import type { Hono } from 'hono';
import type { Child, FC } from 'hono/jsx';
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
 * A section of the home page (this week's events, the latest newsletter issue, ...). The home
 * feature shows every enabled feature's sections, so it depends on none of them.
 */
export interface HomeSection {
  /** Lower comes first. Find-a-group is 10, events 20, calls to action 30, newsletter 40. */
  order: number;
  name: string;
  render(services: Services): Promise<Child>;
}

/**
 * What the composition root (src/app.ts) gathers from the enabled features and hands to every
 * feature's routes: the admin dashboard reads the features' links and attention items, the home
 * page their sections. Nothing is registered at import time.
 */
export interface Composition {
  /** Every enabled feature, in order. */
  features: readonly Feature[];
  /** Every enabled feature's home sections, by `order`. */
  homeSections: readonly HomeSection[];
  /** The one feature component in the first column of every page's footer, if a feature has one. */
  footer: FC | undefined;
}

/**
 * A feature slice plugs into the application through this one shape: its routes, its background
 * jobs, what it shows on the home page, the footer and the admin dashboard, and its sample content.
 * src/features/index.ts lists them; the entry points (src/main.ts, bin/hub.js, the test harness,
 * the bench) pass that list to `boot()` and `createApp()`.
 */
export interface Feature {
  name: string;
  routes?(app: Hono<AppEnv>, services: Services, composition: Composition): void;
  jobs?(services: Services): JobDefinition[];
  recurring?: RecurringJob[];
  /** POST paths that take no CSRF token (one-click unsubscribe, webhooks). */
  csrfExempt?: RegExp[];
  /** Reference data loaded at every start; must be idempotent and quick when nothing changed. */
  seed?(services: Services): Promise<void>;
  /** `hub` commands this feature adds (INTERFACE.md, Command line). */
  commands?: CliCommand[];
  adminLinks?: AdminLink[];
  /** Sections this feature adds to the home page. */
  homeSections?: HomeSection[];
  /** Shown in the first column of every page's footer (the newsletter sign-up); one feature at most. */
  footer?: FC;
  attention?(services: Services, actor: Actor): Promise<AttentionItem[]>;
  sample?: {
    /** Loads this feature's sample rows (marked is_sample) and returns counts by kind. */
    load(tx: Tx, services: Services): Promise<Record<string, number>>;
    /** Removes this feature's sample rows and returns counts by kind. */
    clear(tx: Tx, services: Services): Promise<Record<string, number>>;
  };
}

/** Gathers what the features contribute to shared pages; the composition root calls it once. */
export function compose(features: readonly Feature[]): Composition {
  const footers = features.filter((feature) => feature.footer);
  if (footers.length > 1) {
    throw new Error(
      `only one feature may fill the footer: ${footers.map((feature) => feature.name).join(', ')}`,
    );
  }
  return {
    features,
    homeSections: features
      .flatMap((feature) => feature.homeSections ?? [])
      .sort((a, b) => a.order - b.order),
    footer: footers[0]?.footer,
  };
}

import type { Config } from './config.ts';
import { type DatabaseHandle, type OpenOptions, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Feature } from './feature.ts';
import type { JobDefinition, RecurringJob } from './jobs/queue.ts';
import { createLogger, type Logger } from './logger.ts';
import { deliverMailJob, Mailer } from './mail/mailer.ts';
import { loadInstallationSecret, type Services } from './services.ts';

export interface Booted {
  services: Services;
  /** The features this process was booted with (what the entry point passed in). */
  features: readonly Feature[];
  handle: DatabaseHandle;
  migrations: string[];
  jobDefinitions: JobDefinition[];
  recurringJobs: RecurringJob[];
  close(): Promise<void>;
}

export interface BootOptions extends OpenOptions {
  logger?: Logger;
  /** Apply pending migrations and load reference data (the server and most commands do). */
  migrate?: boolean;
  now?: () => Date;
}

/**
 * Opens the database, brings it up to date, seeds the features' reference data and builds the
 * services every part uses. The entry point passes the features (src/features/index.ts).
 */
export async function boot(
  config: Config,
  features: readonly Feature[],
  options: BootOptions = {},
): Promise<Booted> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const handle = await openDatabase(config, options);
  try {
    const migrations = options.migrate === false ? [] : (await migrateToLatest(handle.db)).applied;
    const secret = await loadInstallationSecret(handle.db);
    const now = options.now ?? (() => new Date());
    const mailer = new Mailer(config, logger, now);
    const services: Services = {
      config,
      db: handle.db,
      logger,
      mailer,
      now,
      secret,
    };
    if (options.migrate !== false) {
      for (const feature of features) await feature.seed?.(services);
    }
    const jobDefinitions = [
      deliverMailJob(handle.db, mailer),
      ...features.flatMap((feature) => feature.jobs?.(services) ?? []),
    ];
    const recurringJobs = features.flatMap((feature) => feature.recurring ?? []);
    return {
      services,
      features,
      handle,
      migrations,
      jobDefinitions,
      recurringJobs,
      async close() {
        mailer.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

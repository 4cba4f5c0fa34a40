import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createSetupLink } from './features/accounts/sign-in.ts';
import { features } from './features/index.ts';
import { boot } from './platform/boot.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { startWorker } from './platform/jobs/worker.ts';
import { redactedError, redactUrlValue } from './platform/redact.ts';
import { loadSampleContentOnFirstStart } from './platform/sample.ts';
import { writeSetting } from './platform/services.ts';

/**
 * `npm start`: the web server, with the background worker unless JOBS=off. This is the server's
 * composition root: the only place (with bin/hub.js, the test harness and the bench) that names
 * the feature list and hands it to the platform.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  let booted: Awaited<ReturnType<typeof boot>>;
  try {
    booted = await boot(config, features, { share: true });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        `Cannot start: the database in ${config.dataDir} is in use by another Coalition Hub process (pid ${error.holder.pid}). Stop it first, or use "npx hub" commands, which work alongside it.`,
      );
      process.exit(1);
    }
    // A failed connection: say so without the stack, and without the URL's password.
    const database = config.databaseUrl ? ` (database ${redactUrlValue(config.databaseUrl)})` : '';
    console.error(`Cannot start: ${redactedError(error)}${database}`);
    process.exit(1);
  }
  const { services } = booted;
  const logger = services.logger;
  if (booted.migrations.length) logger.info({ migrations: booted.migrations }, 'database migrated');
  const sample = await loadSampleContentOnFirstStart(services, features);
  if (sample)
    logger.info({ sample }, 'sample content loaded (remove it with: npx hub sample:clear)');

  const worker = config.jobs
    ? startWorker({
        db: services.db,
        logger,
        definitions: booted.jobDefinitions,
        recurring: booted.recurringJobs,
      })
    : undefined;

  // `hub` commands make links with the server's address even when run without its settings.
  await writeSetting(services.db, 'server.publicUrl', config.publicUrl);

  const app = createApp(services, features);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        url: config.publicUrl,
        port: info.port,
        database: booted.handle.kind,
        jobs: config.jobs,
        startupMs: Math.round(performance.now() - startedAt),
      },
      `Coalition Hub is running at http://${config.host}:${info.port}`,
    );
    void createSetupLink(services).then((link) => {
      if (link) {
        console.log(
          `\nNo administrator yet. Open this one-time link to become the first administrator:\n\n  ${link}\n`,
        );
      }
    });
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      console.error(
        `Cannot start: ${config.host}:${config.port} is already in use. Set PORT to another port.`,
      );
    } else {
      console.error(`Cannot start: ${redactedError(error)}`);
    }
    void booted.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker?.stop();
    await booted.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main().catch((error: unknown) => {
  console.error(redactedError(error, true));
  process.exit(1);
});

import type { BenchScenario } from '../context.ts';

/**
 * The foundation's targets (issue 2): home page p97.5 < 20 ms at 20 connections on the
 * embedded database; start-up to a healthy /healthz < 3 s on an existing data directory; idle
 * memory < 250 MB.
 */
const scenario: BenchScenario = {
  name: 'platform',
  async run(bench) {
    const server = await bench.startServer({ env: { SAMPLE_CONTENT: 'on' } });
    const firstStartMs = server.startupMs;
    const restartMs = await server.restart();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRssMb = server.rssMb();
    await bench.load(`${server.url}/`, { connections: 20, durationSeconds: 2 }); // warm-up
    const home = await bench.load(`${server.url}/`, { connections: 20, durationSeconds: 10 });
    const healthz = await bench.load(`${server.url}/healthz`, {
      connections: 20,
      durationSeconds: 10,
    });
    const loadedRssMb = server.rssMb();
    await server.stop();
    return {
      startup: { firstStartMs, existingDataDirMs: restartMs, targetMs: 3000 },
      memory: { idleRssMb, afterLoadRssMb: loadedRssMb, targetIdleMb: 250 },
      home: { ...home, target: 'p97.5 < 20 ms at 20 connections' },
      healthz,
    };
  },
};
export default scenario;

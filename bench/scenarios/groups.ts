import { insertGroupWithRelations } from '../../src/features/groups/service.ts';
import { listTowns } from '../../src/features/places/lookup.ts';
import { ISSUE_AREAS } from '../../src/platform/issue-areas.ts';
import type { Services } from '../../src/platform/services.ts';
import type { BenchScenario } from '../context.ts';

/**
 * The group directory's target (issue 3): /groups and /groups/:slug answer in under 50 ms at
 * the 95th percentile under 20 concurrent connections, on the embedded database, with 200
 * groups. Also measured: the finder for a town (/groups?q=Worcester), its map image and the
 * JSON API list.
 */
const GROUPS = 200;

/** A deterministic pseudo-random sequence, so every run seeds the same directory. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function seedGroups(services: Services): Promise<void> {
  const random = sequence(42);
  const towns = listTowns();
  await services.db.transaction().execute(async (tx) => {
    for (let i = 0; i < GROUPS; i++) {
      const served = new Set<number>();
      const count = 1 + Math.floor(random() * 5);
      while (served.size < count) served.add(towns[Math.floor(random() * towns.length)]!.id);
      const areas = new Set<string>();
      while (areas.size < 1 + Math.floor(random() * 3))
        areas.add(ISSUE_AREAS[Math.floor(random() * ISSUE_AREAS.length)]!.slug);
      await insertGroupWithRelations(tx, {
        name: `Bench Group ${String(i + 1).padStart(3, '0')}`,
        kind: i % 10 === 0 ? 'ally' : 'group',
        description: 'A group made for the benchmark. '.repeat(8).trim(),
        towns: [...served],
        issueAreas: [...areas],
        website: `https://group${i + 1}.example.org/`,
        email: `hello@group${i + 1}.example.org`,
        links: { facebook: `https://facebook.com/group${i + 1}` },
      });
    }
  });
}

const scenario: BenchScenario = {
  name: 'groups',
  async run(bench) {
    const server = await bench.startServer({ seed: seedGroups });
    const profiles = Array.from({ length: 25 }, (_, i) => ({
      path: `/groups/bench-group-${String(i * 8 + 1).padStart(3, '0')}`,
    }));
    const options = { connections: 20, durationSeconds: 10 };
    // Warm-up: every measured path, so the first measurement is not also the JIT's.
    await bench.load(server.url, {
      connections: 20,
      durationSeconds: 4,
      requests: ['/groups', profiles[0]!.path, '/groups?q=Worcester', '/api/v1/groups'].map(
        (path) => ({ path }),
      ),
    });
    const directory = await bench.load(`${server.url}/groups`, options);
    const profile = await bench.load(server.url, { ...options, requests: profiles });
    const finder = await bench.load(`${server.url}/groups?q=Worcester`, options);
    const api = await bench.load(`${server.url}/api/v1/groups`, options);
    const map = await bench.load(`${server.url}/groups/map.svg?q=Worcester`, options);
    const rssMb = server.rssMb();
    await server.stop();
    const target = 'p95 < 50 ms at 20 connections, 200 groups, embedded database';
    return {
      groups: GROUPS,
      directory: { path: '/groups', ...directory, target },
      profile: { path: '/groups/:slug (25 different groups)', ...profile, target },
      finder: { path: '/groups?q=Worcester', ...finder },
      api: { path: '/api/v1/groups', ...api },
      map: { path: '/groups/map.svg?q=Worcester', ...map },
      rssMb,
      meetsTarget: directory.latency.p95 < 50 && profile.latency.p95 < 50,
    };
  },
};
export default scenario;

import type { Feature } from './feature.ts';
import { readSetting, type Services, writeSetting } from './services.ts';

export type SampleCounts = Record<string, number>;

/** Loads every feature's sample content in one transaction; every row is marked as sample. */
export async function loadSampleContent(
  services: Services,
  features: readonly Feature[],
): Promise<SampleCounts> {
  const counts: SampleCounts = {};
  await services.db.transaction().execute(async (tx) => {
    for (const feature of features) {
      if (!feature.sample) continue;
      Object.assign(counts, await feature.sample.load(tx, services));
    }
  });
  await writeSetting(services.db, 'sample.loaded', true);
  return counts;
}

/** Removes every row marked as sample, in reverse feature order (events before groups). */
export async function clearSampleContent(
  services: Services,
  features: readonly Feature[],
): Promise<SampleCounts> {
  const counts: SampleCounts = {};
  await services.db.transaction().execute(async (tx) => {
    for (const feature of [...features].reverse()) {
      if (!feature.sample) continue;
      Object.assign(counts, await feature.sample.clear(tx, services));
    }
  });
  await writeSetting(services.db, 'sample.loaded', false);
  return counts;
}

/** On the very first start (and only then), load sample content unless SAMPLE_CONTENT=off. */
export async function loadSampleContentOnFirstStart(
  services: Services,
  features: readonly Feature[],
): Promise<SampleCounts | undefined> {
  if (!services.config.sampleContent) return undefined;
  if ((await readSetting<boolean>(services.db, 'sample.loaded')) !== undefined) return undefined;
  return loadSampleContent(services, features);
}

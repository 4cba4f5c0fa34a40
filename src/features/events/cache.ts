/**
 * Computed feeds (iCal, RSS, API pages) are cached in memory per URL and thrown away whenever
 * this process changes the calendar. Another process sharing the database (a second web server,
 * the CLI importer) cannot tell this one, so entries also expire after MAX_AGE_MS: a change made
 * elsewhere shows in feeds within a minute. See docs/decisions/0021-feed-cache.md.
 */
export const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;

let generation = 0;
const entries = new Map<string, { generation: number; at: number; value: unknown }>();

/** Call after any change that may show in a list or feed. */
export function calendarChanged(): void {
  generation++;
  entries.clear();
}

export function calendarGeneration(): number {
  return generation;
}

/** The cached value for `key` if there is a fresh one. */
export function peek<T>(key: string, now: number): T | undefined {
  const hit = entries.get(key);
  return hit && hit.generation === generation && now - hit.at < MAX_AGE_MS
    ? (hit.value as T)
    : undefined;
}

/** The cached value for `key`, or computes, stores and returns it. */
export async function cached<T>(key: string, now: number, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.generation === generation && now - hit.at < MAX_AGE_MS) return hit.value as T;
  const startedAt = generation;
  const value = await compute();
  // A change while computing makes the result stale: hand it out once, do not keep it.
  if (startedAt === generation) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, { generation, at: now, value });
  }
  return value;
}

/**
 * Clears the cache again once a transaction has committed: on PostgreSQL another request may
 * have read (and cached) the old rows between the change and its commit.
 */
export async function afterCommit<T>(work: Promise<T>): Promise<T> {
  const value = await work;
  calendarChanged();
  return value;
}

import type { Services } from '../../platform/services.ts';
import { calendarChanged } from './cache.ts';
import { FUTURE_DAYS, reconcileOccurrences } from './materialize.ts';
import { findEvent, listSeriesNeedingExtension } from './repository.ts';
import { syncSearch } from './service.ts';

/**
 * Open-ended series are stored 18 months ahead; this daily job adds the occurrences that come
 * into range (and refreshes the search index's "next occurrence").
 */
export async function extendOpenSeries(services: Services): Promise<number> {
  const now = services.now();
  const horizon = new Date(now.getTime() + (FUTURE_DAYS - 7) * 86_400_000);
  const series = await listSeriesNeedingExtension(services.db, horizon);
  for (const { id } of series) {
    await services.db.transaction().execute(async (tx) => {
      const event = await findEvent(tx, id);
      if (!event) return;
      await reconcileOccurrences(tx, event, now);
      await syncSearch(tx, event, now);
    });
  }
  if (series.length) calendarChanged();
  return series.length;
}

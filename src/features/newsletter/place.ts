import { findTown, isZip, lookupZip } from '../places/lookup.ts';

/** Where a subscriber lives, as far as the newsletter needs it: to pick their "Near you" events. */
export interface SubscriberPlace {
  townId: number | null;
  townName: string | null;
  zip: string | null;
  /** Every U.S. House district the town or ZIP touches (a split town keeps all of them). */
  districts: number[];
}

export const NO_PLACE: SubscriberPlace = { townId: null, townName: null, zip: null, districts: [] };

/**
 * Reads "town or ZIP" as typed in a form or a CSV: a Massachusetts town (any usual spelling) or
 * a 5-digit ZIP. Empty input is no place; input we do not know is `undefined` (an error to show).
 */
export function resolvePlace(input: {
  town?: string | null;
  zip?: string | null;
}): SubscriberPlace | undefined {
  const town = (input.town ?? '').trim();
  const zip = (input.zip ?? '').trim();
  if (!town && !zip) return NO_PLACE;
  if (town && !isZip(town)) {
    const found = findTown(town);
    if (!found) return undefined;
    return {
      townId: found.id,
      townName: found.name,
      zip: zip && isZip(zip) ? zip.slice(0, 5) : null,
      districts: [...found.cds],
    };
  }
  const code = town || zip;
  if (!isZip(code)) return undefined;
  const lookup = lookupZip(code);
  if (!lookup) return undefined;
  return {
    townId: null,
    townName: null,
    zip: lookup.zip ?? code.slice(0, 5),
    districts: lookup.districts.map((d) => d.district),
  };
}

import type { Place } from '@mmt/contracts';

/** A copy with only the place's own fields, so that `{ facility: undefined }` and no facility give equal output. */
export function copyPlace(place: Place): Place {
  return place.facility === undefined ? { locode: place.locode } : { locode: place.locode, facility: place.facility };
}

/** Same UN/LOCODE: hubs are compared by location, since sources name facilities inconsistently. */
export function sameLocation(a: Place | undefined, b: Place | undefined): boolean {
  return a !== undefined && b !== undefined && a.locode === b.locode;
}

export function placeKey(place: Place | undefined): string {
  return place === undefined ? '' : `${place.locode}/${place.facility ?? ''}`;
}

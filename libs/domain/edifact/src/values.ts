import {
  containerNoProblem,
  placeProblem,
  type Conveyance,
  type DocumentRef,
  type Place,
  type RawParty,
} from '@mmt/contracts';
import {
  codeIn,
  CONTAINER_EQUIPMENT,
  DATE_FORMAT,
  DOCUMENT_QUALIFIERS,
  FULL_EMPTY_CODES,
  TIME_QUALIFIERS,
  TRANSPORT_MODE_CODES,
  UNZONED_TIME_FORMATS,
} from './codes';
import type { Findings } from './findings';
import { component, type Segment } from './segments';

/**
 * DTM formats (2379) with a time: 303 CCYYMMDDHHMMZZZ and 304 CCYYMMDDHHMMSSZZZ carry the zone (Z, UTC or an
 * offset), 205 CCYYMMDDHHMMZHHMM an offset from UTC; 203 and 204 have none.
 */
const ZONED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|UTC|[+-]\d{2}(?:\d{2})?)$/;
const WITH_OFFSET = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})()([+-]\d{4})$/;

/** The segments with this tag and first component (the qualifier). */
export function qualified(segments: readonly Segment[], tag: string, qualifier: string): Segment | undefined {
  return segments.find((s) => s.tag === tag && component(s, 1) === qualifier);
}

/** DTM+qualifier:value:format → ISO 8601 with offset, e.g. 202603021430?+08 → 2026-03-02T14:30:00+08:00. */
export function timeOf(dtm: Segment, findings: Findings): string | undefined {
  const value = component(dtm, 1, 2);
  const format = component(dtm, 1, 3);
  if ((UNZONED_TIME_FORMATS as readonly string[]).includes(format)) {
    findings.add(dtm, 'NOZONE', `${value} has no time zone (format ${format}); send format 303, 304 or 205`, 1);
    return undefined;
  }
  const match =
    format === '205' ? WITH_OFFSET.exec(value) : format === '303' || format === '304' ? ZONED.exec(value) : null;
  if (match === null) {
    findings.add(
      dtm,
      'NOZONE',
      `"${value}" (format ${format}) is not a time with its zone (format 303, 304 or 205)`,
      1,
    );
    return undefined;
  }
  const [, year, month, day, hour, minute, second, zone] = match;
  const offset = zone === 'Z' || zone === 'UTC' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3, 5) || '00'}`;
  return `${year}-${month}-${day}T${hour}:${minute}:${second || '00'}${offset}`;
}

/** DTM+qualifier:CCYYMMDD:102 → YYYY-MM-DD. */
export function dateOf(dtm: Segment, findings: Findings): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(component(dtm, 1, 2));
  if (component(dtm, 1, 3) !== DATE_FORMAT || match === null) {
    findings.add(dtm, 'INVALID', `"${component(dtm, 1, 2)}" is not a date CCYYMMDD (format 102)`, 1);
    return undefined;
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** LOC+qualifier+LOCODE:139:6+facility:TER:ZZZ → a place the platform knows. */
export function placeOf(loc: Segment, findings: Findings): Place | undefined {
  const locode = component(loc, 2, 1);
  const facility = component(loc, 3, 1);
  const place: Place = facility === '' ? { locode } : { locode, facility };
  const problem = placeProblem(place);
  if (problem !== undefined) {
    findings.add(loc, 'UNKNLOC', problem, facility !== '' && problem.includes('facility') ? 3 : 2);
    return undefined;
  }
  return place;
}

/** EQD+CN+number → an ISO 6346 container number with a right check digit. */
export function containerOf(eqd: Segment, findings: Findings): string | undefined {
  const containerNo = component(eqd, 2, 1);
  const problem = containerNoProblem(containerNo);
  if (component(eqd, 1) !== CONTAINER_EQUIPMENT || problem !== undefined) {
    findings.add(eqd, 'CHKDIGIT', problem ?? `equipment qualifier ${component(eqd, 1)} is not CN (container)`, 2);
    return undefined;
  }
  return containerNo;
}

/** EQD's full/empty indicator (8169): 4 empty, 5 full. */
export function emptyIndicatorOf(eqd: Segment): 'EMPTY' | 'LADEN' | undefined {
  return codeIn(FULL_EMPTY_CODES, component(eqd, 6));
}

/** EQD's size and type (8155), e.g. 45G1. */
export function isoSizeTypeOf(eqd: Segment): string | undefined {
  return component(eqd, 3) || undefined;
}

/** RFF+qualifier:reference (1153: BM bill of lading, AAM waybill, RCN rail consignment note, AFB cargo manifest). */
export function documentsOf(segments: readonly Segment[]): DocumentRef[] {
  return segments.flatMap((s) => {
    const type = s.tag === 'RFF' ? codeIn(DOCUMENT_QUALIFIERS, component(s, 1)) : undefined;
    return type === undefined ? [] : [{ type, ref: component(s, 1, 2) }];
  });
}

/** SEL+seal number. */
export function sealsOf(segments: readonly Segment[]): string[] {
  return segments.filter((s) => s.tag === 'SEL').map((s) => component(s, 1));
}

/** NAD+function+id:160:ZZZ++name → a party: its id and its name (the C080 components joined). */
export function partyOf(nad: Segment): RawParty {
  return { orgId: component(nad, 2, 1), name: (nad.elements[3] ?? []).filter((line) => line !== '').join(' ') };
}

/**
 * TDT+qualifier+conveyance ref+mode+…+id:146:11:name and, for a train, the DTM+133 (format 102) after it → a
 * conveyance: a vessel (IMO number in C222, voyage in 8028), a barge (name in C222, voyage in 8028), a train
 * (number in 8028, departure date in the DTM) or a truck (plate in C222).
 */
export function conveyanceOf(tdt: Segment, after: readonly Segment[], findings: Findings): Conveyance | undefined {
  const mode = codeIn(TRANSPORT_MODE_CODES, component(tdt, 3));
  const ref = component(tdt, 2);
  const id = component(tdt, 8, 1);
  const name = component(tdt, 8, 4);
  switch (mode) {
    case 'VESSEL':
      if (!/^\d{7}$/.test(id)) {
        findings.add(tdt, 'INVALID', `vessel IMO number "${id}" is not 7 digits`, 8);
        return undefined;
      }
      return { mode, imo: id, voyage: ref };
    case 'BARGE':
      return { mode, name, voyage: ref };
    case 'TRUCK':
      return { mode, plate: id || ref };
    case 'RAIL': {
      const dtm = after.find((s) => s.tag === 'DTM' && component(s, 1) === TIME_QUALIFIERS.estimatedDeparture);
      if (dtm === undefined) {
        findings.add(tdt, 'MISSING', 'a train needs its departure date (DTM+133 format 102 after TDT)');
        return undefined;
      }
      const departureDate = dateOf(dtm, findings);
      return departureDate === undefined ? undefined : { mode, trainNo: ref, departureDate };
    }
    case undefined:
      findings.add(tdt, 'INVALID', `mode of transport "${component(tdt, 3)}" is not 1, 2, 3 or 8`, 3);
      return undefined;
  }
}

/** The segments after `segment` in `segments`, up to the next one with a tag in `stop`. */
export function following(segments: readonly Segment[], segment: Segment, stop: readonly string[]): Segment[] {
  const start = segments.indexOf(segment) + 1;
  const end = segments.findIndex((s, i) => i >= start && stop.includes(s.tag));
  return segments.slice(start, end === -1 ? undefined : end);
}

/** Splits a message's segments at each segment tagged `tag`: the head before the first, then one group each. */
export function groupsOf(segments: readonly Segment[], tag: string): { head: Segment[]; groups: Segment[][] } {
  const head: Segment[] = [];
  const groups: Segment[][] = [];
  for (const segment of segments) {
    if (segment.tag === tag) {
      groups.push([segment]);
    } else if (groups.length === 0) {
      head.push(segment);
    } else {
      groups[groups.length - 1].push(segment);
    }
  }
  return { head, groups };
}

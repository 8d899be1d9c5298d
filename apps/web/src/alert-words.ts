import { code, currentLanguage } from './i18n';
import { placeName } from './places';

/** The alert's fields a sentence is made of (the Alert type's, each optional where the kind may lack it). */
export interface AlertFacts {
  readonly kind: string;
  readonly coldChain: boolean;
  readonly place?: { readonly locode: string; readonly facility?: string | null } | null;
  readonly operation?: string | null;
  readonly minutes?: number | null;
  readonly limitMinutes?: number | null;
  readonly conveyanceKey?: string | null;
  readonly plannedConveyanceKey?: string | null;
}

const hoursOf = (minutes: number | null | undefined) => ((minutes ?? 0) / 60).toFixed(1);

/**
 * A conveyance key as words: RAIL:X8001:2026-03-02 is "Train X8001 of 2026-03-02" (2026-03-02 的 X8001 次火车),
 * VESSEL:9703162:V012 is "Vessel IMO 9703162, voyage V012" (船舶 IMO 9703162 航次 V012).
 */
export function conveyanceWords(key: string | null | undefined): string {
  if (!key) {
    return '—';
  }
  const [mode, id, trip] = key.split(':');
  const zh = currentLanguage() === 'zh';
  if (mode === 'RAIL') {
    return zh
      ? `${trip ?? ''} ${code('mode', mode)} ${id}`.trim()
      : `${code('mode', mode)} ${id}${trip ? ` of ${trip}` : ''}`;
  }
  if (mode === 'VESSEL' || mode === 'BARGE') {
    return zh
      ? `${code('mode', mode)} IMO ${id}${trip ? ` 航次 ${trip}` : ''}`
      : `${code('mode', mode)} IMO ${id}${trip ? `, voyage ${trip}` : ''}`;
  }
  return `${code('mode', mode)} ${id ?? ''}`.trim();
}

/**
 * What the alert says, in the page's language, from its fields (the API's `message` is the English log line):
 * e.g. "Box shifting at Brest took 18.5 h, over the cold-chain limit of 12.0 h."
 */
export function alertSentence(a: AlertFacts): string {
  const zh = currentLanguage() === 'zh';
  const place = placeName(a.place?.locode, a.place?.facility);
  const operation = a.operation ? code('operation', a.operation) : '';
  const limit = hoursOf(a.limitMinutes);
  switch (a.kind) {
    case 'TIME_LIMIT_BREACH':
      return zh
        ? `${place}${operation}用时 ${hoursOf(a.minutes)} 小时，超过${a.coldChain ? '冷链' : ''}时限 ${limit} 小时。`
        : `${operation} at ${place} took ${hoursOf(a.minutes)} h, over the ${a.coldChain ? 'cold-chain ' : ''}limit of ${limit} h.`;
    case 'COLD_CHAIN_WAITING':
      return zh
        ? `冷链货物在${place}等待${operation}，已超过时限 ${limit} 小时。`
        : `Cold-chain cargo at ${place} has waited for ${operation.toLowerCase()} longer than its limit of ${limit} h.`;
    case 'MISSED_CONNECTION':
      return zh
        ? `在${place}未赶上计划的${conveyanceWords(a.plannedConveyanceKey)}，改装${conveyanceWords(a.conveyanceKey)}。`
        : `Missed its planned ${conveyanceWords(a.plannedConveyanceKey)} at ${place}; loaded on ${conveyanceWords(a.conveyanceKey)} instead.`;
    case 'DECLARED_NOT_LOADED':
      return zh
        ? `列入${conveyanceWords(a.plannedConveyanceKey)}的舱单，却装上了${conveyanceWords(a.conveyanceKey)}。`
        : `On the manifest of ${conveyanceWords(a.plannedConveyanceKey)}, but loaded on ${conveyanceWords(a.conveyanceKey)}.`;
    case 'LOADED_NOT_DECLARED':
      return zh
        ? `已装上${conveyanceWords(a.conveyanceKey)}，但不在其舱单上。`
        : `Loaded on ${conveyanceWords(a.conveyanceKey)}, but not on its manifest.`;
    default:
      return code('alertKind', a.kind);
  }
}

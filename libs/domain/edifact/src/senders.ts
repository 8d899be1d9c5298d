import type { SourceSystem } from '@mmt/contracts';

/**
 * The interchange senders the platform has an agreement with (UNB sender identification, 0004), and the source
 * system each one speaks for: the raw messages mapped from their interchanges carry that source. An interchange
 * from any other sender is rejected (CONTRL error 23, unknown interchange sender).
 */
export const EDI_SENDERS: Readonly<Record<string, SourceSystem>> = {
  /** Chongqing's rail EDI gateway: China-Europe Railway Express trains, border stations, gauge changes. */
  CQRAILEDI: 'CHINA_EUROPE_RAIL',
  /** Qinzhou port EDI centre: the New International Land-Sea Trade Corridor's rail-sea transfers. */
  QZPORTEDI: 'LAND_SEA_CORRIDOR',
  /** Shanghai port EDI centre: Yangtze barges and the coastal and ocean ports. */
  SHPORTEDI: 'COASTAL_PORT',
};

/** The platform's own identification as interchange recipient, and as sender of CONTRL and APERAK. */
export const PLATFORM_EDI_ID = 'MMTPLATFORM';

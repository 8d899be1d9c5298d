/**
 * The SMDG message implementation guides (SMDG User Group for Shipping Lines and Container Terminals): an extract,
 * only the codes the platform reads, with the meaning the guide gives them. The port EDI centres exchange UN/EDIFACT
 * following these guides, COARRI and CODECO under `UNH+…+COARRI:D:95B:UN:ITGnn` (association assigned code ITG10 to
 * ITG14 in the interchanges seen; what each ITG number names was not checked). SMDG's D.95B usage gives some UNTDID
 * codes a meaning of its own (BGM 1001 46, 98, 34, 36 and DTM 2005 203 name other documents and dates in UNTDID) and
 * uses a code that D.95B does not have (LOC 3227 165): a message that names D:95B carries these, not UNTDID's later
 * codes (1001 109, 111, 119, 122; 3227 175; 2005 403, 404, none of them in D.95B).
 *
 * The guides were read in public transcriptions (below) through a search service that returns the beginning of each
 * page only. `evidence` says, for each code, how it was established:
 * - `guide`: read in the guide's own text (the transcription named in `seen`);
 * - `interchanges`: the guide's page with the code could not be read here; the code is the one the platform's issue
 *   gives for SMDG D.95B and the one found in D:95B interchanges, in public code, that carry an ITG association code
 *   in UNH (`seen`).
 */
export const SMDG_GUIDES = {
  COARRI_1_2: {
    title: 'COARRI, Container discharge/loading report message, user manual version 1.2 (D.95B), SMDG, 1996-10-01',
    transcriptions: [
      'https://businessdocbox.com/Logistics/109641674-Container-discharge-loading-report-message.html',
      'https://mwitty.com/content.php?id=6887314',
      'https://dokumen.tips/documents/new-coarri-user-manual-v1-ange-optimization-2014-2-5-aosiaother-service.html',
    ],
  },
  COARRI_1_6: {
    title: 'COARRI user manual (implementation guide) version 1.6-1 (D.95B), SMDG, March 2019',
    transcriptions: [
      'https://dokumen.tips/documents/coarri-transnet-introduction-this-user-manual-has-been-developed-by-the-smdg-user.html',
    ],
  },
  COARRI_2_0: {
    title: 'COARRI user manual (implementation guide) version 2.0 (D.00B), SMDG, March 2003',
    transcriptions: [
      'https://vdocuments.mx/coarri-transnet-port-documentscoarri-d00bpdfsegment-table-container-dischargeloading.html',
    ],
  },
  CODECO_D95B: {
    title: 'CODECO user manual for D.95B, SMDG: no transcription found here',
    transcriptions: [],
  },
  CODECO_2_1: {
    title: 'CODECO user manual (implementation guide) version 2.1 (D.00B), SMDG, August 2015',
    transcriptions: [
      'https://pdfslide.us/documents/codeco-type-code-for-the-container-gate-ingate-out-container-gate-ingate-out.html',
    ],
  },
} as const;

export type SmdgGuide = keyof typeof SMDG_GUIDES;

/** A code as an SMDG guide uses it. */
export interface SmdgCode {
  /** What the code means in the guide's usage (in the platform's words). */
  readonly name: string;
  /** The messages the guide gives it for. */
  readonly messages: readonly ('COARRI' | 'CODECO')[];
  readonly guide: SmdgGuide;
  readonly evidence: 'guide' | 'interchanges';
  /** Where it was seen: the guide's page, or the interchanges. */
  readonly seen: string;
}

/** BGM C002 1001, Document name code: the report a COARRI or CODECO is. */
export const SMDG_DOCUMENT_NAMES: Readonly<Record<string, SmdgCode>> = {
  '46': {
    name: 'Loading report',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'interchanges',
    seen: 'COARRI:D:95B:UN:ITG12 loading reports written with BGM+46 (a terminal system in public code)',
  },
  '98': {
    name: 'Discharge report',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'interchanges',
    seen: 'COARRI:D:95B:UN:ITG10 and ITG12 discharge reports with BGM+98 (public code; the issue cites one)',
  },
  '34': {
    name: 'Gate-in report',
    messages: ['CODECO'],
    guide: 'CODECO_D95B',
    evidence: 'interchanges',
    seen: 'CODECO:D:95B:UN:ITG10, ITG12 and ITG13 gate-in reports with BGM+34 (public code)',
  },
  '36': {
    name: 'Gate-out report',
    messages: ['CODECO'],
    guide: 'CODECO_D95B',
    evidence: 'interchanges',
    seen: 'CODECO:D:95B:UN:ITG14 gate-out reports with BGM+36 (public code)',
  },
};

/** DTM C507 2005, Date or time or period function code qualifier. */
export const SMDG_DATE_TIME_QUALIFIERS: Readonly<Record<string, SmdgCode>> = {
  '203': {
    name: 'Execution date/time: when the container was discharged or loaded',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'guide',
    seen:
      'COARRI user manual 1.2, discharge report, page 64 of 89 (mwitty.com transcription): DTM in the equipment group, ' +
      'qualifier 203 "Execution date", the container discharge date/time, format 203 CCYYMMDDHHMM; loading reports ' +
      'with DTM+203 in COARRI:D:95B:UN:ITG10 and ITG12 interchanges',
  },
};

/** DTM C507 2379, the format the guide gives the execution date/time: no time zone (the platform refuses it). */
export const SMDG_DATE_TIME_FORMATS: Readonly<Record<string, SmdgCode>> = {
  '203': {
    name: 'CCYYMMDDHHMM',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'guide',
    seen: 'COARRI user manual 1.2, discharge report, page 64 of 89 (mwitty.com transcription)',
  },
};

/** LOC 3227, Location function code qualifier, and the terminal in C519 (1131 TER, 3055 ZZZ). */
export const SMDG_LOCATION_QUALIFIERS: Readonly<Record<string, SmdgCode>> = {
  '165': {
    name: 'Place of the move: the terminal where the container was discharged, loaded or moved through the gate',
    messages: ['COARRI', 'CODECO'],
    guide: 'COARRI_1_2',
    evidence: 'interchanges',
    seen:
      'LOC+165+<UN/LOCODE>:139:6+<terminal> in COARRI:D:95B:UN:ITG10 and ITG12 and CODECO:D:95B:UN:ITG10 and ITG13 ' +
      'interchanges (public code; the issue cites LOC+165+AUSYD:139:6+SHCB1)',
  },
  '9': {
    name: 'Port of loading (of the vessel, or of the container in its equipment group)',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'guide',
    seen:
      'COARRI user manual 1.2, discharge report, page 64 of 89 (mwitty.com transcription): LOC qualifier 9, ' +
      'the UN/LOCODE of the port of loading (C517 1131 139 port, 3055 6 UN), C519 the terminal or berth ' +
      '(1131 TER terminal or BER berth, 3055 ZZZ mutually agreed)',
  },
  '147': {
    name: 'Stowage cell',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'guide',
    seen: 'COARRI user manual 1.2, discharge report, page 64 of 89 (mwitty.com transcription)',
  },
};

/** LOC C519 1131: the related location the guide names by code list TER (terminal), agency ZZZ. */
export const SMDG_RELATED_LOCATION_LISTS: Readonly<Record<string, SmdgCode>> = {
  TER: {
    name: 'Terminal',
    messages: ['COARRI'],
    guide: 'COARRI_1_2',
    evidence: 'guide',
    seen: 'COARRI user manual 1.2, discharge report, page 64 of 89 (mwitty.com transcription): BER berth, TER terminal',
  },
};

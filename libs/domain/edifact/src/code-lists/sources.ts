/**
 * Where the vendored code-list extracts in this folder were taken from. Each file names the source (and commit)
 * of its own codes; these are the full references, for the documentation and for people.
 */
export const CODE_LIST_SOURCES = {
  /** UN/CEFACT's own publication of the current UNTDID code lists (UNCL), one JSON file per list. */
  uncefactVocabulary: 'https://github.com/uncefact/vocabulary-outputs (UN/CEFACT vocabulary, _data/*.json)',
  /** UN/CEFACT's code-list repository: UN/ECE Recommendation No. 24, Trade and transport status codes. */
  rec24:
    'https://github.com/uncefact/vocab-codes/blob/05d6f5741cc0afd149661335d6cfa1a0da01d820/CLR/Rec24/current/code-list.csv',
  /** The UNTDID D.00B code lists (names and descriptions) as shipped by the php-edifact project. */
  untdidD00B:
    'https://github.com/php-edifact/edifact-mapping/blob/b9ca5b565514868e25029802f0c5e9b3071255e8/src/Mapping/D00B/codes.xml',
  /** The same project's D.95B lists (names only; its 1001 names for 34, 36, 44 and 46 were edited to SMDG use). */
  untdidD95B:
    'https://github.com/php-edifact/edifact-mapping/blob/97157f329e2f344a5b3eb56a939cff0e8fc4359a/src/Mapping/D95B/codes.xml',
  /** The lengths of D.00B's data elements (segments and their elements). */
  untdidD00BSegments:
    'https://github.com/php-edifact/edifact-mapping/blob/0865a38657ec1e7b9d4ef997b135f716893a97de/src/Mapping/D00B/segments.xml',
  /** SMDG's message implementation guides, in public transcriptions: see ./smdg-guides.ts for each code's page. */
  smdgGuides:
    'https://businessdocbox.com/Logistics/109641674-Container-discharge-loading-report-message.html (COARRI 1.2, D.95B), https://mwitty.com/content.php?id=6887314 (the same), https://vdocuments.mx/coarri-transnet-port-documentscoarri-d00bpdfsegment-table-container-dischargeloading.html (COARRI 2.0, D.00B)',
  /** UNECE's UNTDID pages: 4405's note that transport statuses use Recommendation 24; 3055. */
  untdidPages:
    'https://service.unece.org/trade/untdid/d08a/tred/tred4405.htm, https://www.unece.org/trade/untdid/d00a/tred/tred3055.htm',
  /** The ISO 9735 service code lists (0083, 0085) published for UN/CEFACT's syntax working group by GEFEG. */
  serviceCodeLists:
    'https://www.gefeg.com/jswg/cl/v3/19a/cl15.htm (0083, syntax 3), https://service.gefeg.com/jwg1/Current/cl/cl15.htm (0085)',
} as const;

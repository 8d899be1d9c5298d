/**
 * The platform's codes as words, in English and Chinese: what a person reads instead of ARRI, CUSD or
 * CHINA_EUROPE_RAIL. A code without words here is shown as it is.
 */
type Words = Readonly<Record<string, readonly [en: string, zh: string]>>;

const MILESTONES: Words = {
  ARRI: ['Arrived', '到达'],
  DEPA: ['Departed', '出发'],
  LOAD: ['Loaded', '装车/装船'],
  DISC: ['Discharged', '卸车/卸船'],
  GTIN: ['Gate in', '进闸'],
  GTOT: ['Gate out', '出闸'],
  STUF: ['Stuffed', '装箱'],
  STRP: ['Stripped', '拆箱'],
  CROS: ['Crossed the border', '过境'],
  TRANSFER: ['Transferred', '换装'],
  CUSS: ['Selected for customs inspection', '海关布控查验'],
  CUSI: ['Inspected by customs', '海关查验'],
  CUSR: ['Released by customs', '海关放行'],
  INSP: ['Inspected', '查验'],
  CUSD: ['Customs declaration lodged', '报关单已申报'],
};

const DOCUMENTS: Words = {
  WAYBILL: ['Rail waybill', '铁路运单'],
  BILL_OF_LADING: ['Bill of lading', '提单'],
  MANIFEST: ['Manifest', '舱单'],
  CIM_SMGS: ['CIM/SMGS consignment note', 'CIM/SMGS 运单'],
};

const DOCUMENT_STATUSES: Words = {
  FILED: ['filed', '已申报'],
  ACCEPTED: ['accepted', '已接受'],
  AMENDED: ['amended', '已修改'],
  RELEASED: ['released', '已放行'],
  HELD: ['held', '被扣留'],
  ISSUED: ['issued', '已签发'],
  CANCELLED: ['cancelled', '已取消'],
};

const GROUPS = {
  corridor: {
    CHINA_EUROPE_RAIL: ['China-Europe Railway Express', '中欧班列'],
    LAND_SEA_CORRIDOR: ['New International Land-Sea Trade Corridor', '西部陆海新通道'],
    YANGTZE_RIVER_SEA: ['Yangtze river-sea', '长江江海联运'],
    UNKNOWN: ['Corridor not named', '未注明通道'],
  },
  status: {
    PLANNED: ['Planned', '计划中'],
    AT_ORIGIN: ['At origin', '在起运地'],
    IN_TRANSIT: ['On the way', '在途'],
    AT_HUB: ['At a hub', '在枢纽'],
    ARRIVED: ['Arrived', '已到达'],
    COMPLETED: ['Completed', '已完成'],
    CANCELLED: ['Cancelled', '已取消'],
  },
  customs: {
    NONE: ['Not yet cleared', '尚未放行'],
    SELECTED: ['Selected for inspection', '已布控查验'],
    INSPECTED: ['Inspected, not yet released', '已查验，待放行'],
    RELEASED: ['Released', '已放行'],
  },
  mode: {
    RAIL: ['Train', '火车'],
    VESSEL: ['Vessel', '船舶'],
    BARGE: ['Barge', '驳船'],
    TRUCK: ['Truck', '卡车'],
  },
  classifier: {
    PLN: ['Planned', '计划'],
    EST: ['Estimated', '预计'],
    ACT: ['Actual', '实际'],
  },
  document: DOCUMENTS,
  documentStatus: DOCUMENT_STATUSES,
  alertKind: {
    TIME_LIMIT_BREACH: ['Time limit exceeded', '超过作业时限'],
    MISSED_CONNECTION: ['Missed connection', '未赶上衔接班次'],
    DECLARED_NOT_LOADED: ['Declared but not loaded', '已申报未装载'],
    LOADED_NOT_DECLARED: ['Loaded but not declared', '已装载未申报'],
    COLD_CHAIN_WAITING: ['Cold-chain cargo waiting', '冷链货物等待超时'],
  },
  alertState: {
    OPEN: ['Open', '未处理'],
    ACKNOWLEDGED: ['Acknowledged', '已确认'],
    RESOLVED: ['Resolved', '已解决'],
    CLEARED: ['Cleared', '已解除'],
  },
  notice: {
    SELECTED_FOR_INSPECTION: ['Selected for customs inspection', '海关布控查验'],
    INSPECTED: ['Inspected by customs', '海关已查验'],
  },
  operation: {
    IN_YARD_TRANSFER: ['Transfer within the yard', '场内转运'],
    BOX_SHIFTING: ['Box shifting', '倒箱'],
    DEVANNING: ['Devanning', '掏箱'],
    CONSIGNEE_PICKUP: ['Pick-up by the consignee', '收货人提箱'],
    RELEASE_AFTER_INSPECTION: ['Release after inspection', '查验后放行'],
    RAIL_TO_VESSEL: ['Rail to vessel', '铁水转运'],
  },
  notification: {
    ARRIVAL: ['Arrived', '到达'],
    DEPARTURE: ['Departed', '出发'],
    HOLD: ['Put on hold', '被扣留'],
    INSPECTION: ['Customs inspection notice', '海关查验通知'],
    ETA_CHANGED: ['Estimated arrival moved', '预计到达时间变更'],
    DELIVERY: ['Delivered', '已交付'],
  },
  emailState: {
    OFF: ['Not e-mailed', '不发送邮件'],
    PENDING: ['E-mail waiting to be sent', '邮件待发送'],
    SENT: ['E-mailed', '邮件已发送'],
    FAILED: ['E-mail failed', '邮件发送失败'],
  },
  watchTarget: {
    CONTAINER: ['Container', '集装箱'],
    BILL_OF_LADING: ['Bill of lading', '提单'],
    WAYBILL: ['Waybill', '运单'],
  },
  source: {
    COASTAL_PORT: ['Coastal port', '沿海港口'],
    CHINA_EUROPE_RAIL: ['China-Europe Railway Express', '中欧班列'],
    LAND_SEA_CORRIDOR: ['Land-Sea Trade Corridor', '西部陆海新通道'],
  },
} satisfies Record<string, Words>;

export type CodeGroup = keyof typeof GROUPS | 'milestone';

/** A code of a group as words in the language; a milestone may be a document's, e.g. MANIFEST_FILED. */
export function codeWords(group: CodeGroup, code: string, language: 'en' | 'zh'): string {
  const index = language === 'en' ? 0 : 1;
  if (group !== 'milestone') {
    return (GROUPS[group] as Words)[code]?.[index] ?? code;
  }
  const milestone = MILESTONES[code];
  if (milestone) {
    return milestone[index];
  }
  const document = Object.keys(DOCUMENTS).find((type) => code.startsWith(`${type}_`));
  const status = document === undefined ? undefined : DOCUMENT_STATUSES[code.slice(document.length + 1)];
  if (document === undefined || status === undefined) {
    return code;
  }
  return language === 'en' ? `${DOCUMENTS[document][0]} ${status[0]}` : `${DOCUMENTS[document][1]}${status[1]}`;
}

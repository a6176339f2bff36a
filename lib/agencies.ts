/**
 * The member agencies of 渑池县 (administrative code 411221), docs/domain.md#member-agencies.
 * A code table, like a region code list: every subgraph validates agency codes against it, and the
 * liaison subgraph serves it as the Agency entity. A county that copies the hub edits this list.
 */
export type AgencyKind =
  | 'PROCURATORATE' | 'GOVERNMENT' | 'PUBLIC_SECURITY' | 'JUSTICE' | 'ENFORCEMENT' | 'PETITION' | 'HOTLINE' | 'OTHER';

export interface AgencyRecord {
  code: string;
  name: string;
  shortName: string;
  type: AgencyKind;
  parentCode?: string;
  isJointOffice?: boolean;
  /** Case-number prefix, e.g. 渑市监 in 渑市监罚〔2025〕12号. */
  abbreviation: string;
}

export const COUNTY = { code: '411221', name: '渑池县' } as const;

export const AGENCIES: readonly AgencyRecord[] = [
  { code: '411221-JCY', name: '渑池县人民检察院', shortName: '县检察院', type: 'PROCURATORATE', isJointOffice: true, abbreviation: '渑检' },
  { code: '411221-ZFB', name: '渑池县人民政府办公室', shortName: '县政府办', type: 'GOVERNMENT', abbreviation: '渑政办' },
  { code: '411221-SFJ', name: '渑池县司法局', shortName: '县司法局', type: 'JUSTICE', parentCode: '411221-ZFB', abbreviation: '渑司' },
  { code: '411221-GAJ', name: '渑池县公安局', shortName: '县公安局', type: 'PUBLIC_SECURITY', parentCode: '411221-ZFB', abbreviation: '渑公' },
  { code: '411221-SCJ', name: '渑池县市场监督管理局', shortName: '县市场监管局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑市监' },
  { code: '411221-HBJ', name: '三门峡市生态环境局渑池分局', shortName: '县生态环境分局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑环' },
  { code: '411221-ZRJ', name: '渑池县自然资源局', shortName: '县自然资源局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑自然资' },
  { code: '411221-NYJ', name: '渑池县农业农村局', shortName: '县农业农村局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑农' },
  { code: '411221-YJJ', name: '渑池县应急管理局', shortName: '县应急管理局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑应急' },
  { code: '411221-RSJ', name: '渑池县人力资源和社会保障局', shortName: '县人社局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑人社' },
  { code: '411221-MZJ', name: '渑池县民政局', shortName: '县民政局', type: 'OTHER', parentCode: '411221-ZFB', abbreviation: '渑民' },
  { code: '411221-WJW', name: '渑池县卫生健康委员会', shortName: '县卫健委', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑卫' },
  { code: '411221-JYJ', name: '渑池县教育局', shortName: '县教育局', type: 'OTHER', parentCode: '411221-ZFB', abbreviation: '渑教' },
  { code: '411221-WLJ', name: '渑池县文化广电和旅游局', shortName: '县文广旅局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑文旅' },
  { code: '411221-SWJ', name: '国家税务总局渑池县税务局', shortName: '县税务局', type: 'ENFORCEMENT', abbreviation: '渑税' },
  { code: '411221-ZJJ', name: '渑池县住房和城乡建设局', shortName: '县住建局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑住建' },
  { code: '411221-SLJ', name: '渑池县水利局', shortName: '县水利局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑水' },
  { code: '411221-LYJ', name: '渑池县林业局', shortName: '县林业局', type: 'ENFORCEMENT', parentCode: '411221-ZFB', abbreviation: '渑林' },
  { code: '411221-XFJ', name: '渑池县信访局', shortName: '县信访局', type: 'PETITION', parentCode: '411221-ZFB', abbreviation: '渑信' },
  { code: '411221-RX12345', name: '渑池县12345政务服务便民热线中心', shortName: '县12345热线', type: 'HOTLINE', parentCode: '411221-ZFB', abbreviation: '渑热线' },
];

const BY_CODE = new Map(AGENCIES.map((a) => [a.code, a]));

export const PROCURATORATE_CODE = '411221-JCY';
export const POLICE_CODE = '411221-GAJ';
export const PETITION_BUREAU_CODE = '411221-XFJ';
export const HOTLINE_CODE = '411221-RX12345';

/** The agency with this code, or undefined. */
export function agencyByCode(code: string): AgencyRecord | undefined {
  return BY_CODE.get(code);
}

/** True when the code names a member agency. */
export function isAgencyCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The ledgers (台账) `npm run import` reads: which bulk mutation takes their rows, the row's key, and the party
 * columns a ledger has where the row wants a registered party's id (当事人 + 身份证号 → personId). Every other
 * column is a field of the row input type, its header the field's label in the SDL (schema.ts).
 */
export interface PartyColumns {
  /** The row field the party's id goes into (a list field takes several, separated by 、). */
  into: string;
  /** Header of the party's name column. */
  name: string;
  /** Header of the 身份证号 column. */
  idNumber: string;
  /** The row field holding an enterprise's 统一社会信用代码: a name without 身份证号 registers that enterprise. */
  enterpriseCode?: string;
}

/**
 * A column holding another record's number where the row wants its id (关联案号 → procuratorateCaseId): the command
 * finds the ids through the gateway, as the clerk, so a record the clerk may not see is not found.
 */
export interface Reference {
  /** The row field the id goes into. */
  into: string;
  /** Header of the column with the number. */
  column: string;
  /** A query taking `$numbers: [String!]!` (at most 100) whose `list` field answers `nodes { id <numberField> }`. */
  query: string;
  list: string;
  numberField: string;
}

export interface Ledger {
  label: string;
  mutation: string;
  /** The row input type in the schema. */
  row: string;
  /** The row field that is the record's natural key. */
  key: string;
  parties: PartyColumns[];
  references?: Reference[];
  /** A date field the rows are sent in the order of (oldest first), when a record links to earlier ones (a repeat petition). */
  sendInOrderOf?: string;
  /** The template's example row, by header. */
  example: Record<string, string | number>;
}

export const LEDGERS = {
  enforcementCases: {
    label: '行政执法案件',
    mutation: 'importEnforcementCases',
    row: 'EnforcementCaseRow',
    key: 'caseNumber',
    parties: [{ into: 'personId', name: '当事人', idNumber: '身份证号', enterpriseCode: 'creditCode' }],
    example: { 案号: '渑市监罚〔2025〕12号', 执法领域: '市场监管', 当事人: '渑池县某某商贸有限公司', 统一社会信用代码: '91411221MA44XXXXXX', 案情摘要: '销售过期食品', 立案日期: '2025-03-05' },
  },
  criminalTransfers: {
    label: '涉嫌犯罪移送',
    mutation: 'importCriminalTransfers',
    row: 'CriminalTransferRow',
    key: 'caseNumber',
    parties: [],
    example: { 案号: '渑市监罚〔2025〕12号', 接收公安机关代码: '411221-GAJ', 涉嫌罪名: '生产、销售伪劣产品罪', 拟移送日期: '2025年3月10日' },
  },
  procuratorateCases: {
    label: '检察案件',
    mutation: 'importProcuratorateCases',
    row: 'ProcuratorateCaseRow',
    key: 'caseNumber',
    parties: [
      { into: 'personIds', name: '犯罪嫌疑人', idNumber: '犯罪嫌疑人身份证号' },
      { into: 'victimIds', name: '被害人', idNumber: '被害人身份证号' },
    ],
    example: { 案号: '渑检刑诉〔2025〕8号', 案件类型: '审查起诉', 案件名称: '张某某盗窃案', 犯罪嫌疑人: '张某某', 犯罪嫌疑人身份证号: '41122119800101XXXX', 受理日期: '2025/3/5' },
  },
  petitions: {
    label: '信访件',
    mutation: 'importPetitions',
    row: 'PetitionRow',
    key: 'number',
    sendInOrderOf: 'receivedAt',
    parties: [{ into: 'petitionerId', name: '信访人', idNumber: '信访人身份证号' }],
    example: { 信访件编号: '渑信访〔2025〕101号', 信访形式: '来访', 信访人: '李某', 信访人身份证号: '41122119700101XXXX', 信访事项: '工资拖欠', 主要诉求: '请求督促支付拖欠工资', 承办单位代码: '渑池县人力资源和社会保障局', 登记日期: '2025-03-05' },
  },
  hotlineTickets: {
    label: '热线工单',
    mutation: 'importHotlineTickets',
    row: 'HotlineTicketRow',
    key: 'number',
    parties: [{ into: 'callerId', name: '来电人', idNumber: '来电人身份证号' }],
    example: { 工单编号: '12345-2025-000101', 热线: '12345政务服务便民热线', 来电反映: '噪音扰民', 承办单位代码: '县生态环境分局', 派单日期: '2025-03-05 09:30' },
  },
  rescueApplications: {
    label: '司法救助申请',
    mutation: 'importRescueApplications',
    row: 'RescueApplicationRow',
    key: 'number',
    parties: [{ into: 'applicantId', name: '申请人', idNumber: '申请人身份证号' }],
    references: [{
      into: 'procuratorateCaseId',
      column: '关联案号',
      query: 'query($numbers: [String!]!) { procuratorateCases(filter: { caseNumbers: $numbers }, first: 100) { nodes { id caseNumber } } }',
      list: 'procuratorateCases',
      numberField: 'caseNumber',
    }],
    example: { 救助文号: '渑检救助〔2025〕3号', 申请人: '王某', 申请人身份证号: '41122119650101XXXX', 关联案号: '渑检刑诉〔2025〕8号', 救助情形: '刑事被害人受犯罪侵害致重伤', 救助月数: 6, 申请日期: '2025-03-05' },
  },
} satisfies Record<string, Ledger>;

export type LedgerType = keyof typeof LEDGERS;

export function ledgerOf(type: string | undefined): Ledger {
  if (type && type in LEDGERS) return LEDGERS[type as LedgerType];
  throw new Error(`--type must be one of ${Object.keys(LEDGERS).join(', ')}${type ? ` (not "${type}")` : ''}`);
}

// What the record page (#/record/<Type>/<id>) shows of each kind of record: fields as dotted paths, from which
// queries-records.ts builds the selection. No personal data is shown (no names or ID numbers of parties): the dashboard is
// a wall screen.

/** GraphQL type name of a record → its ResourceType (AlertRecord.typename; list kinds). */
export const TYPENAME_RESOURCE: Record<string, string> = {
  ProcuratorateCase: 'PROCURATORATE_CASE', Suggestion: 'SUGGESTION', ReverseReferral: 'REVERSE_REFERRAL',
  EnforcementCase: 'ENFORCEMENT_CASE', CriminalTransfer: 'CRIMINAL_TRANSFER', Petition: 'PETITION', HotlineTicket: 'HOTLINE_TICKET',
  RescueApplication: 'RESCUE_APPLICATION', SupportReferral: 'SUPPORT_REFERRAL', WorkTask: 'WORK_TASK',
};

export const RESOURCE_TYPENAME: Record<string, string> = Object.fromEntries(Object.entries(TYPENAME_RESOURCE).map(([t, r]) => [r, t]));

export type Format = 'text' | 'date' | 'bool' | 'money' | `enum:${string}`;

export interface RecordKind {
  /** 记录类型 */
  title: string;
  /** the root field answering one record by id, when the graph has one */
  root?: string;
  /** [label, path, format] */
  fields: [string, string, Format?][];
  /** a path whose value names the record in the heading */
  heading: string;
}

const WORKFLOW: [string, string, Format?][] = [
  ['当前期限', 'dueAt', 'date'],
  ['是否逾期', 'overdue', 'bool'],
];

export const RECORD_KINDS: Record<string, RecordKind> = {
  CriminalTransfer: {
    title: '涉嫌犯罪移送', root: 'criminalTransfer', heading: 'suspectedCharge',
    fields: [
      ['状态', 'status', 'enum:TransferStatus'], ['移送单位', 'agency.name'], ['公安机关', 'policeAgency.name'], ['涉嫌罪名', 'suspectedCharge'],
      ['行政执法案件', 'enforcementCase.caseNumber'], ['拟移送日期', 'reportedAt', 'date'], ['批准日期', 'approvedAt', 'date'], ['移送日期', 'sentAt', 'date'],
      ['公安立案日期', 'filedAt', 'date'], ['涉案物品移交', 'exhibitsHandedOverAt', 'date'], ['检察案件', 'procuratorateCase.caseNumber'], ...WORKFLOW,
    ],
  },
  EnforcementCase: {
    title: '行政执法案件', root: 'enforcementCase', heading: 'caseNumber',
    fields: [
      ['案号', 'caseNumber'], ['执法单位', 'agency.name'], ['领域', 'field', 'enum:EnforcementField'], ['状态', 'status', 'enum:EnforcementCaseStatus'],
      ['立案日期', 'filedAt', 'date'], ['决定日期', 'decidedAt', 'date'], ['处罚种类', 'penalty.type', 'enum:PenaltyType'], ['罚没金额', 'penalty.amount', 'money'],
      ['移送状态', 'transfer.status', 'enum:TransferStatus'],
    ],
  },
  ProcuratorateCase: {
    title: '检察案件', root: 'procuratorateCase', heading: 'caseNumber',
    fields: [
      ['案号', 'caseNumber'], ['案件名称', 'title'], ['承办单位', 'agency.name'], ['类型', 'type', 'enum:ProcuratorateCaseType'],
      ['状态', 'status', 'enum:ProcuratorateCaseStatus'], ['受理日期', 'acceptedAt', 'date'], ['公益诉讼领域', 'publicInterestField'],
      ['挂案', 'pendingTooLong', 'bool'], ...WORKFLOW,
    ],
  },
  Suggestion: {
    title: '检察建议', heading: 'number',
    fields: [
      ['文号', 'number'], ['种类', 'kind', 'enum:SuggestionKind'], ['被建议单位', 'targetAgency.name'], ['状态', 'status', 'enum:SuggestionStatus'],
      ['制发日期', 'issuedAt', 'date'], ['送达日期', 'servedAt', 'date'], ['回复期限', 'replyDueAt', 'date'], ['回复日期', 'repliedAt', 'date'], ...WORKFLOW,
    ],
  },
  Petition: {
    title: '信访件', root: 'petition', heading: 'number',
    fields: [
      ['编号', 'number'], ['渠道', 'channel', 'enum:PetitionChannel'], ['事项', 'subject'], ['承办单位', 'handlingAgency.name'],
      ['状态', 'status', 'enum:PetitionStatus'], ['登记日期', 'receivedAt', 'date'], ['受理期限', 'acceptanceDueAt', 'date'],
      ['办理期限', 'handlingDueAt', 'date'], ['答复日期', 'answeredAt', 'date'], ...WORKFLOW,
    ],
  },
  HotlineTicket: {
    title: '热线工单', root: 'hotlineTicket', heading: 'number',
    fields: [
      ['编号', 'number'], ['热线', 'line', 'enum:HotlineLine'], ['事项', 'subject'], ['承办单位', 'dispatchedTo.name'],
      ['状态', 'status', 'enum:HotlineTicketStatus'], ['派单日期', 'dispatchedAt', 'date'], ['办理期限', 'handlingDueAt', 'date'], ['反馈日期', 'feedbackAt', 'date'], ...WORKFLOW,
    ],
  },
  RescueApplication: {
    title: '司法救助申请', root: 'rescueApplication', heading: 'number',
    fields: [
      ['编号', 'number'], ['办理单位', 'agency.name'], ['状态', 'status', 'enum:RescueStatus'], ['申请日期', 'appliedAt', 'date'],
      ['审批期限', 'decisionDueAt', 'date'], ['决定日期', 'decidedAt', 'date'], ['救助金额', 'amount', 'money'], ['发放日期', 'disbursedAt', 'date'], ...WORKFLOW,
    ],
  },
  WorkTask: {
    title: '工作任务', heading: 'title',
    fields: [['任务', 'title'], ['年度', 'year'], ['牵头单位', 'leadAgency.name'], ['状态', 'status', 'enum:WorkTaskStatus'], ['完成期限', 'dueAt', 'date'], ['是否逾期', 'overdue', 'bool']],
  },
  ReverseReferral: {
    title: '行刑反向衔接', heading: 'procuratorateCase.caseNumber',
    fields: [
      ['检察案件', 'procuratorateCase.caseNumber'], ['主管机关', 'competentAgency.name'], ['状态', 'status', 'enum:ReverseReferralStatus'],
      ['不起诉日期', 'nonProsecutedAt', 'date'], ['移交日期', 'referredAt', 'date'], ...WORKFLOW,
    ],
  },
};

/** Dotted paths → a GraphQL selection: ['a', 'b.c', 'b.d'] → `a b { c d }`. */
export function selectionOf(paths: string[]): string {
  const tree = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split('.');
    const sub = tree.get(head) ?? [];
    if (rest.length) sub.push(rest.join('.'));
    tree.set(head, sub);
  }
  return [...tree].map(([k, sub]) => (sub.length ? `${k} { ${selectionOf(sub)} }` : k)).join(' ');
}

export function valueAt(record: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

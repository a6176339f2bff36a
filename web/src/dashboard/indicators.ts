// The indicator cards, by subgraph section: a card is a path into the period's dashboard (queries-overview.ts). A card
// whose field the hub does not answer (an older hub) is left out. `warn` marks numbers that should be zero.
import type { SectionName } from './queries-overview';

export interface Card {
  path: string;
  label: string;
  unit?: string;
  money?: boolean;
  warn?: boolean;
}

export interface CardGroup {
  section: SectionName;
  title: string;
  cards: Card[];
}

export const CARD_GROUPS: CardGroup[] = [
  {
    section: 'enforcement', title: '行政执法与刑事司法衔接',
    cards: [
      { path: 'enforcement.casesFiled', label: '行政执法立案', unit: '件' },
      { path: 'enforcement.transfersReported', label: '拟移送', unit: '件' },
      { path: 'enforcement.transfersSent', label: '移送涉嫌犯罪', unit: '件' },
      { path: 'enforcement.transfersFiled', label: '公安立案', unit: '件' },
      { path: 'enforcement.transferRate', label: '移送率' },
      { path: 'enforcement.filingRate', label: '立案率' },
      { path: 'enforcement.transfersOverdue', label: '移送超期', unit: '件', warn: true },
    ],
  },
  {
    section: 'procuratorate', title: '检察监督',
    cards: [
      { path: 'procuratorate.casesAccepted', label: '受理案件', unit: '件' },
      { path: 'procuratorate.suggestionsIssued', label: '制发检察建议', unit: '件' },
      { path: 'procuratorate.suggestionsReplied', label: '检察建议回复', unit: '件' },
      { path: 'procuratorate.replyRate', label: '检察建议回复率' },
      { path: 'procuratorate.rectificationRate', label: '整改率' },
      { path: 'procuratorate.suggestionsOverdue', label: '检察建议逾期', unit: '件', warn: true },
      { path: 'procuratorate.reverseReferrals', label: '行刑反向衔接', unit: '件' },
      { path: 'procuratorate.opinionsIssued', label: '检察意见', unit: '件' },
      { path: 'procuratorate.reverseReferralsOverdue', label: '反向衔接超期', unit: '件', warn: true },
      { path: 'procuratorate.publicInterestOverdue', label: '公益诉讼超期', unit: '件', warn: true },
      { path: 'procuratorate.pendingTooLong', label: '涉企挂案', unit: '件', warn: true },
    ],
  },
  {
    section: 'petitions', title: '信访与热线',
    cards: [
      { path: 'petitions.received', label: '信访登记', unit: '件' },
      { path: 'petitions.answered', label: '信访办结', unit: '件' },
      { path: 'petitions.onTimeAnswerRate', label: '信访按期办结率' },
      { path: 'petitions.acceptedInTime', label: '按期受理', unit: '件' },
      { path: 'petitions.answeredInTime', label: '按期答复', unit: '件' },
      { path: 'petitions.repeatPetitions', label: '重复信访', unit: '件', warn: true },
      { path: 'petitions.hearings', label: '公开听证', unit: '场' },
      { path: 'petitions.hotlineOnTime', label: '热线按时办结', unit: '件' },
      { path: 'petitions.petitionsOverdue', label: '信访超期', unit: '件', warn: true },
      { path: 'petitions.hotlineOverdue', label: '工单超期', unit: '件', warn: true },
    ],
  },
  {
    section: 'assistance', title: '司法救助',
    cards: [
      { path: 'assistance.applications', label: '救助申请', unit: '件' },
      { path: 'assistance.approved', label: '决定救助', unit: '件' },
      { path: 'assistance.personsAssisted', label: '救助人数', unit: '人' },
      { path: 'assistance.amountDisbursed', label: '发放金额', unit: '元', money: true },
      { path: 'assistance.disbursementRate', label: '救助到位率' },
      { path: 'assistance.referralsCompleted', label: '多元救助落实', unit: '件' },
      { path: 'assistance.applicationsOverdue', label: '救助超期', unit: '件', warn: true },
    ],
  },
  {
    section: 'liaison', title: '联席办',
    cards: [
      { path: 'liaison.jointMeetings', label: '联席会议', unit: '次' },
      { path: 'liaison.trainingSessions', label: '同堂培训', unit: '次' },
      { path: 'liaison.trainingParticipants', label: '参训人次', unit: '人次' },
      { path: 'liaison.workTasksDone', label: '完成工作任务', unit: '项' },
      { path: 'liaison.workTaskCompletionRate', label: '工作要点完成率' },
      { path: 'liaison.workTasksOverdue', label: '逾期工作任务', unit: '项', warn: true },
      { path: 'liaison.dataRequestsOverdue', label: '共享申请超期', unit: '件', warn: true },
      { path: 'liaison.openAlerts', label: '本期未处理预警', unit: '条', warn: true },
    ],
  },
];

/** Breakdowns (StatusCount lists) shown as charts: path, title, and the enum naming their keys. */
export const BREAKDOWNS: { path: string; title: string; enumType: string; kind: 'pie' | 'bar' }[] = [
  { path: 'enforcement.casesByField', title: '行政执法立案按领域', enumType: 'EnforcementField', kind: 'bar' },
  { path: 'procuratorate.casesByType', title: '检察受理案件按类型', enumType: 'ProcuratorateCaseType', kind: 'pie' },
  { path: 'petitions.byChannel', title: '信访登记按渠道', enumType: 'PetitionChannel', kind: 'pie' },
  { path: 'petitions.hotlineTicketsByStatus', title: '热线工单按状态', enumType: 'HotlineTicketStatus', kind: 'pie' },
  { path: 'assistance.byGroup', title: '救助人数按群体', enumType: 'RescueGroup', kind: 'pie' },
  { path: 'liaison.dataRequestsByStatus', title: '共享申请按状态', enumType: 'DataRequestStatus', kind: 'pie' },
];

/** RICH breakdowns by field (领域) with several numbers per row: path, title, the row's key and its enum, bars. */
export const FIELD_BREAKDOWNS: { path: string; title: string; key: string; enumType?: string; series: [string, string][] }[] = [
  {
    path: 'enforcement.byField', title: '行政执法按领域：立案、移送、公安立案', key: 'field', enumType: 'EnforcementField',
    series: [['casesFiled', '立案'], ['transfersSent', '移送'], ['transfersFiled', '公安立案']],
  },
  {
    path: 'procuratorate.publicInterestByField', title: '公益诉讼按领域', key: 'field',
    series: [['cases', '受理'], ['filed', '立案'], ['preSuitSuggestions', '诉前检察建议'], ['litigated', '提起诉讼']],
  },
];

/** Lines of the trend chart: path into a TrendPoint, label. */
export const TREND_LINES: { path: string; label: string }[] = [
  { path: 'enforcement.casesFiled', label: '行政执法立案' },
  { path: 'enforcement.transfersSent', label: '移送涉嫌犯罪' },
  { path: 'procuratorate.casesAccepted', label: '检察受理案件' },
  { path: 'procuratorate.suggestionsIssued', label: '检察建议' },
  { path: 'petitions.received', label: '信访登记' },
  { path: 'assistance.applications', label: '司法救助申请' },
];

/** Overdue counts of an agency in the period (RICH byAgency rows): section, field, label. */
export const AGENCY_OVERDUE: { section: SectionName; field: string; label: string }[] = [
  { section: 'enforcement', field: 'transfersOverdue', label: '移送' },
  { section: 'procuratorate', field: 'suggestionsOverdue', label: '检察建议' },
  { section: 'procuratorate', field: 'reverseReferralsOverdue', label: '反向衔接' },
  { section: 'procuratorate', field: 'publicInterestOverdue', label: '公益诉讼' },
  { section: 'petitions', field: 'petitionsOverdue', label: '信访' },
  { section: 'petitions', field: 'hotlineOverdue', label: '热线工单' },
  { section: 'assistance', field: 'applicationsOverdue', label: '司法救助' },
  { section: 'liaison', field: 'workTasksOverdue', label: '工作任务' },
  { section: 'liaison', field: 'dataRequestsOverdue', label: '共享申请' },
];

/** Columns of the by-agency table (RICH byAgency rows). */
export const AGENCY_COLUMNS: { section: SectionName; field: string; label: string }[] = [
  { section: 'enforcement', field: 'casesFiled', label: '执法立案' },
  { section: 'enforcement', field: 'transfersSent', label: '移送' },
  { section: 'enforcement', field: 'transferRate', label: '移送率' },
  { section: 'procuratorate', field: 'casesAccepted', label: '检察受理' },
  { section: 'procuratorate', field: 'suggestionsServed', label: '收到检察建议' },
  { section: 'procuratorate', field: 'replyRate', label: '建议回复率' },
  { section: 'petitions', field: 'received', label: '信访登记' },
  { section: 'petitions', field: 'onTimeAnswerRate', label: '按期办结率' },
  { section: 'liaison', field: 'workTasksDue', label: '牵头任务' },
];

// Every GraphQL operation of the dashboard and its record page, and the shapes they read: the page asks the hub
// nothing else.
//
// A new indicator is a field added to its section below (and a card in indicators.ts, or a chart in view.ts).
// Sections come in two layers: BASE, the fields every hub of this version answers, and RICH, the later ones
// (rates, breakdowns by agency and field, overdue counts, dashboardTrend, an alert's records). The page asks for
// RICH first and falls back to BASE when the hub does not answer it (an older gateway, a subgraph not updated
// yet), so it works against either and shows what it got.
import { graphql, RequestFailed, type GraphQLError } from '../shared/session';
import { RECORD_KINDS, RESOURCE_TYPENAME, selectionOf, type RecordKind } from './records';

export interface StatusCount {
  status: string;
  count: number;
}

/** numerator / denominator; value null when the denominator is 0 */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface AgencyRef {
  code: string;
  name?: string;
  shortName: string;
}

// Each subgraph's section: BASE fields always, RICH ones when the hub answers them.
const RATE = 'numerator denominator value';
const AGENCY = 'agency { code shortName }';

export const SECTIONS = {
  procuratorate: {
    base: 'casesAccepted casesByType { status count } suggestionsIssued suggestionsReplied suggestionsOverdue reverseReferrals opinionsIssued resultsReported pendingTooLong',
    rich: `suggestionsServed replyRate { ${RATE} } rectificationRate { ${RATE} } reverseReferralsOverdue publicInterestOverdue
      byAgency { ${AGENCY} casesAccepted suggestionsServed suggestionsOverdue reverseReferrals reverseReferralsOverdue publicInterestOverdue replyRate { ${RATE} } }
      publicInterestByField { field cases filed preSuitSuggestions litigated }`,
  },
  enforcement: {
    base: 'casesFiled casesByField { status count } transfersSent transfersFiled',
    rich: `transfersReported transferRate { ${RATE} } filingRate { ${RATE} } transfersOverdue
      byAgency { ${AGENCY} casesFiled transfersReported transfersSent transfersFiled transfersOverdue transferRate { ${RATE} } filingRate { ${RATE} } }
      byField { field casesFiled transfersReported transfersSent transfersFiled transferRate { ${RATE} } }`,
  },
  petitions: {
    base: 'received acceptedInTime answeredInTime repeatPetitions hearings byChannel { status count } hotlineTicketsByStatus { status count } hotlineOnTime',
    rich: `answered onTimeAnswerRate { ${RATE} } petitionsOverdue hotlineOverdue
      byAgency { ${AGENCY} received answered petitionsOverdue hotlineTickets hotlineOverdue onTimeAnswerRate { ${RATE} } }`,
  },
  assistance: {
    base: 'applications approved personsAssisted amountDisbursed byGroup { status count } referralsByKind { status count } referralsCompleted',
    rich: `disbursementRate { ${RATE} } applicationsOverdue byAgency { ${AGENCY} applications approved applicationsOverdue amountDisbursed }`,
  },
  liaison: {
    base: 'dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts jointMeetings trainingSessions trainingParticipants',
    rich: `workTaskCompletionRate { ${RATE} } dataRequestsOverdue byAgency { ${AGENCY} workTasksDue workTasksDone workTasksOverdue dataRequestsOverdue }`,
  },
} as const;

export type SectionName = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** One agency's row of a section's byAgency (RICH): its numbers by field name. */
export type AgencyRow = { agency: AgencyRef } & Record<string, number | Rate | AgencyRef>;

/** A section as answered: numbers, rates and breakdowns by field name (RICH fields absent on an older hub). */
export type Section = Record<string, number | Rate | StatusCount[] | AgencyRow[] | Record<string, unknown>[] | undefined> & { byAgency?: AgencyRow[] };

export interface Dashboard {
  period: string;
  from: string;
  to: string;
  procuratorate: Section;
  enforcement: Section;
  petitions: Section;
  assistance: Section;
  liaison: Section;
}

export type Level = 'rich' | 'base';

/** The selection of a dashboard at `level`. */
export function dashboardSelection(level: Level, only?: Partial<Record<SectionName, string>>): string {
  return SECTION_NAMES.map((name) => {
    const s = SECTIONS[name];
    const fields = only ? only[name] : level === 'rich' ? `${s.base} ${s.rich}` : s.base;
    return fields ? `${name} { ${fields} }` : '';
  }).join('\n');
}

const DASHBOARD_QUERY = (level: Level) => `query Dashboard($period: String!) {
  dashboard(period: $period) { period from to ${dashboardSelection(level)} }
}`;

/**
 * What the hub answers, by feature: the first request of each tells (RICH, else BASE) and the page keeps to it.
 * Features land separately (the dashboard's fields, dashboardTrend, an alert's records).
 */
const levels = new Map<string, Level>();

type Answer<T> = { data: T; errors: GraphQLError[] };

/**
 * Runs `rich`, and `base` instead when the hub refuses the RICH fields (validation: an older gateway) or answers
 * them with errors (a subgraph not updated yet); a sign-in failure is not a reason to fall back.
 */
async function withLevel<T>(feature: string, rich: () => Promise<Answer<T>>, base: () => Promise<Answer<T>>): Promise<Answer<T>> {
  const known = levels.get(feature);
  if (known === 'base') return base();
  try {
    const r = await rich();
    if (known === 'rich' || r.errors.length === 0) {
      levels.set(feature, 'rich');
      return r;
    }
  } catch (e) {
    if (known === 'rich' || !(e instanceof RequestFailed) || e.code === 'UNAUTHENTICATED' || e.code === 'NETWORK') throw e;
  }
  levels.set(feature, 'base');
  console.info(`dashboard: the hub does not answer the newer ${feature} fields; showing the base set`);
  return base();
}

export async function fetchDashboard(token: string, period: string): Promise<{ data: Dashboard; errors: GraphQLError[] }> {
  const r = await withLevel(
    'dashboard',
    () => graphql<{ dashboard: Dashboard }>(token, DASHBOARD_QUERY('rich'), { period }),
    () => graphql<{ dashboard: Dashboard }>(token, DASHBOARD_QUERY('base'), { period }),
  );
  return { data: r.data.dashboard, errors: r.errors };
}

// ─── trend ───────────────────────────────────────────────────────────────────────────────────────
/** The indicators drawn as lines, by section. */
export const TREND_FIELDS: Partial<Record<SectionName, string>> = {
  enforcement: 'casesFiled transfersSent',
  procuratorate: 'casesAccepted suggestionsIssued',
  petitions: 'received',
  assistance: 'applications',
};

export type TrendPoint = Pick<Dashboard, 'period'> & Partial<Record<SectionName, Record<string, number>>>;

/** The dashboards of consecutive months, oldest first: one dashboardTrend (RICH), else one alias per month. */
export async function fetchTrend(token: string, months: string[]): Promise<TrendPoint[]> {
  const selection = `period ${dashboardSelection('base', TREND_FIELDS)}`;
  const rich = () =>
    graphql<{ dashboardTrend: TrendPoint[] }>(token, `query Trend($from: String!, $to: String!) { dashboardTrend(from: $from, to: $to) { ${selection} } }`, {
      from: months[0],
      to: months[months.length - 1],
    });
  const base = async () => {
    // The gateway allows 15 aliases: 12 months fit in one request.
    const fields = months.map((m, i) => `m${i}: dashboard(period: "${m}") { ${selection} }`).join('\n');
    const r = await graphql<Record<string, TrendPoint>>(token, `query Trend {\n${fields}\n}`);
    return { data: { dashboardTrend: months.map((_, i) => r.data[`m${i}`]) }, errors: r.errors };
  };
  return (await withLevel('trend', rich, base)).data.dashboardTrend;
}

// ─── the caller ──────────────────────────────────────────────────────────────────────────────────
export interface Me {
  userId: string;
  roles: string[];
  agency: AgencyRef & { name: string; isJointOffice: boolean };
}

export async function fetchMe(token: string): Promise<Me> {
  return (await graphql<{ me: Me }>(token, '{ me { userId roles agency { code name shortName isJointOffice } } }')).data.me;
}

/** Short names of the member agencies by code (a record's history names agencies by code). */
let agencyNames: Promise<Map<string, string>> | undefined;

export function fetchAgencyNames(token: string): Promise<Map<string, string>> {
  agencyNames ??= graphql<{ agencies: { nodes: AgencyRef[] } }>(token, '{ agencies(first: 100) { nodes { code shortName } } }').then(
    (r) => new Map(r.data.agencies.nodes.map((a) => [a.code, a.shortName])),
    () => ((agencyNames = undefined), new Map<string, string>()),
  );
  return agencyNames;
}

// ─── overdue lists ───────────────────────────────────────────────────────────────────────────────
export interface OverdueRow {
  id: string;
  /** number, case number or title */
  title: string;
  status: string;
  dueAt: string | null;
  agency: AgencyRef | null;
}

export interface OverdueList {
  /** root field, filtered by `overdue: true` */
  field: string;
  title: string;
  /** GraphQL type of the records (for the status label and the record link) */
  typename: string;
  statusEnum: string;
  /** the row's fields; mapped to OverdueRow by `row` */
  selection: string;
  row: (n: Record<string, any>) => OverdueRow; // eslint-disable-line @typescript-eslint/no-explicit-any -- a row as selected above
}

const a = (x: AgencyRef | null | undefined) => x ?? null;

export const OVERDUE_LISTS: OverdueList[] = [
  {
    field: 'criminalTransfers', title: '涉嫌犯罪移送', typename: 'CriminalTransfer', statusEnum: 'TransferStatus',
    selection: `id suspectedCharge status dueAt ${AGENCY} enforcementCase { caseNumber }`,
    row: (n) => ({ id: n.id, title: n.enforcementCase?.caseNumber ? `${n.enforcementCase.caseNumber}（${n.suspectedCharge}）` : n.suspectedCharge, status: n.status, dueAt: n.dueAt, agency: a(n.agency) }),
  },
  {
    field: 'suggestions', title: '检察建议回复', typename: 'Suggestion', statusEnum: 'SuggestionStatus',
    selection: 'id number status dueAt targetAgency { code shortName }',
    row: (n) => ({ id: n.id, title: n.number, status: n.status, dueAt: n.dueAt, agency: a(n.targetAgency) }),
  },
  {
    field: 'reverseReferrals', title: '行刑反向衔接', typename: 'ReverseReferral', statusEnum: 'ReverseReferralStatus',
    selection: 'id status dueAt competentAgency { code shortName } procuratorateCase { caseNumber }',
    row: (n) => ({ id: n.id, title: n.procuratorateCase?.caseNumber ?? '反向衔接', status: n.status, dueAt: n.dueAt, agency: a(n.competentAgency) }),
  },
  {
    field: 'procuratorateCases', title: '公益诉讼案件', typename: 'ProcuratorateCase', statusEnum: 'ProcuratorateCaseStatus',
    selection: `id caseNumber status dueAt ${AGENCY}`,
    row: (n) => ({ id: n.id, title: n.caseNumber, status: n.status, dueAt: n.dueAt, agency: a(n.agency) }),
  },
  {
    field: 'petitions', title: '信访件', typename: 'Petition', statusEnum: 'PetitionStatus',
    selection: 'id number status dueAt handlingAgency { code shortName }',
    row: (n) => ({ id: n.id, title: n.number, status: n.status, dueAt: n.dueAt, agency: a(n.handlingAgency) }),
  },
  {
    field: 'hotlineTickets', title: '热线工单', typename: 'HotlineTicket', statusEnum: 'HotlineTicketStatus',
    selection: 'id number status dueAt dispatchedTo { code shortName }',
    row: (n) => ({ id: n.id, title: n.number, status: n.status, dueAt: n.dueAt, agency: a(n.dispatchedTo) }),
  },
  {
    field: 'rescueApplications', title: '司法救助', typename: 'RescueApplication', statusEnum: 'RescueStatus',
    selection: `id number status dueAt ${AGENCY}`,
    row: (n) => ({ id: n.id, title: n.number ?? '救助申请', status: n.status, dueAt: n.dueAt, agency: a(n.agency) }),
  },
  {
    field: 'workTasks', title: '工作任务', typename: 'WorkTask', statusEnum: 'WorkTaskStatus',
    selection: 'id title status dueAt leadAgency { code shortName }',
    row: (n) => ({ id: n.id, title: n.title, status: n.status, dueAt: n.dueAt, agency: a(n.leadAgency) }),
  },
];

export interface OverdueResult {
  list: OverdueList;
  totalCount: number;
  /** every overdue record the caller may see (up to MAX_OVERDUE_PAGES pages), most urgent first */
  rows: OverdueRow[];
  /** set when the list could not be read (e.g. FORBIDDEN for this caller) */
  error?: string;
}

const PAGE = 100;
const MAX_OVERDUE_PAGES = 5;

/** One list, page by page (most lists are short); each list is its own request, so one refusal hides only it. */
async function fetchOverdueList(token: string, list: OverdueList): Promise<OverdueResult> {
  const query = `query Overdue${list.typename}($after: String) {
    ${list.field}(filter: { overdue: true }, first: ${PAGE}, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${list.selection} } }
  }`;
  const rows: OverdueRow[] = [];
  let after: string | null = null;
  let totalCount = 0;
  try {
    for (let page = 0; page < MAX_OVERDUE_PAGES; page++) {
      type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Record<string, unknown>[] };
      const r: { data: Record<string, Page> } = await graphql<Record<string, Page>>(token, query, { after });
      const conn = r.data[list.field];
      totalCount = conn.totalCount;
      rows.push(...conn.nodes.map(list.row));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
  } catch (e) {
    return { list, totalCount: 0, rows: [], error: (e as Error).message };
  }
  rows.sort((x, y) => (x.dueAt ?? '9999').localeCompare(y.dueAt ?? '9999'));
  return { list, totalCount, rows };
}

export function fetchOverdue(token: string): Promise<OverdueResult[]> {
  return Promise.all(OVERDUE_LISTS.map((l) => fetchOverdueList(token, l)));
}

// ─── alerts ──────────────────────────────────────────────────────────────────────────────────────
export interface AlertRecordRef {
  typename: string;
  id: string;
}

export interface Alert {
  id: string;
  rule: string;
  severity: string;
  message: string;
  status?: string;
  agency: AgencyRef | null;
  raisedAt: string;
  /** the records the alert is about, the main one first (RICH: Alert.records; BASE: resourceType/resourceId) */
  records: AlertRecordRef[];
}

const ALERT_BASE = `id rule severity message ${AGENCY} raisedAt resourceType resourceId`;

export async function fetchAlerts(token: string, first = 50): Promise<{ totalCount: number; nodes: Alert[] }> {
  type Raw = Omit<Alert, 'records'> & { resourceType: string | null; resourceId: string | null; records?: AlertRecordRef[] };
  type Alerts = { alerts: { totalCount: number; nodes: Raw[] } };
  const q = (fields: string) => `query OpenAlerts { alerts(filter: { open: true }, first: ${first}) { totalCount nodes { ${fields} } } }`;
  const r = await withLevel(
    'alerts',
    () => graphql<Alerts>(token, q(`${ALERT_BASE} status records { typename id }`)),
    () => graphql<Alerts>(token, q(ALERT_BASE)),
  );
  return {
    totalCount: r.data.alerts.totalCount,
    nodes: r.data.alerts.nodes.map(({ resourceType, resourceId, records, ...rest }) => ({
      ...rest,
      records: records ?? (resourceType && resourceId ? [{ typename: RESOURCE_TYPENAME[resourceType] ?? resourceType, id: resourceId }] : []),
    })),
  };
}

// ─── one record ──────────────────────────────────────────────────────────────────────────────────
const HISTORY = 'history { at agency from to note } deadlines { rule dueAt overdue } allowedNextSteps';

function recordSelection(kind: RecordKind, typename: string): string {
  // history/deadlines exist on every workflow record kind but EnforcementCase
  return `id ${selectionOf(kind.fields.map(([, p]) => p))} ${typename === 'EnforcementCase' ? '' : HISTORY}`;
}

export interface LoadedRecord {
  typename: string;
  kind: RecordKind;
  record: Record<string, unknown> | null;
  errors: GraphQLError[];
  /** why there is no record (not found, not allowed, no single-record query) */
  reason?: string;
}

/**
 * Loads one record: by its root field, or (a kind without one, such as a suggestion) through the alert that links
 * to it (Alert.records, resolved by the record's own subgraph under the caller's access).
 */
export async function loadRecord(token: string, typename: string, id: string, alertId?: string): Promise<LoadedRecord> {
  const kind = RECORD_KINDS[typename];
  if (!kind) return { typename, kind: { title: typename, fields: [], heading: 'id' }, record: null, errors: [], reason: '此类记录暂不支持在看板中查看' };
  const selection = recordSelection(kind, typename);
  if (kind.root) {
    const r = await graphql<Record<string, Record<string, unknown> | null>>(token, `query Record($id: ID!) { ${kind.root}(id: $id) { ${selection} } }`, { id });
    return { typename, kind, record: r.data[kind.root], errors: r.errors, reason: r.data[kind.root] ? undefined : '无权查看或记录不存在' };
  }
  if (!alertId) return { typename, kind, record: null, errors: [], reason: '此类记录没有单条查询，请从预警进入，或在 GraphQL 浏览器中查询' };
  type Answer = { alert: { records: { typename: string; id: string; record: Record<string, unknown> | null }[] } | null };
  const r = await graphql<Answer>(token, `query AlertRecord($id: ID!) { alert(id: $id) { records { typename id record { ... on ${typename} { ${selection} } } } } }`, { id: alertId });
  const found = r.data.alert?.records.find((x) => x.typename === typename && x.id === id);
  return { typename, kind, record: found?.record ?? null, errors: r.errors, reason: found?.record ? undefined : '无权查看或记录不存在' };
}

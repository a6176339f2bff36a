// The records of the period's picture: the overdue lists, the open alerts and one record (the record page).
import { graphql, type GraphQLError } from '../shared/session';
import { AGENCY, withLevel, type AgencyRef } from './queries';
import { loadWorkRecord } from './queries-work';
import { RECORD_KINDS, RESOURCE_TYPENAME, selectionOf, type RecordKind } from './records';

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

/** The query of one overdue list, page by page through `$after` (also what its 导出 Excel sends: the gateway follows the pages). */
export const overdueQuery = (list: OverdueList) => `query Overdue${list.typename}($after: String) {
    ${list.field}(filter: { overdue: true }, first: ${PAGE}, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${list.selection} } }
  }`;

/** One list, page by page (most lists are short); each list is its own request, so one refusal hides only it. */
async function fetchOverdueList(token: string, list: OverdueList): Promise<OverdueResult> {
  const query = overdueQuery(list);
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

/** 导出 Excel of the open alerts: every one the user may see (the gateway follows the pages), with the fields every hub answers. */
export const ALERTS_EXPORT = `query OpenAlerts($after: String) {
  alerts(filter: { open: true }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${ALERT_BASE} } }
}`;

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
 * to it (Alert.records), or the work list it is on (WorkItem.record), resolved by the record's own subgraph under the
 * caller's access.
 */
export async function loadRecord(token: string, typename: string, id: string, via: { alert?: string; work?: string } = {}): Promise<LoadedRecord> {
  const alertId = via.alert;
  const kind = RECORD_KINDS[typename];
  if (!kind) return { typename, kind: { title: typename, fields: [], heading: 'id' }, record: null, errors: [], reason: '此类记录暂不支持在看板中查看' };
  const selection = recordSelection(kind, typename);
  if (kind.root) {
    const r = await graphql<Record<string, Record<string, unknown> | null>>(token, `query Record($id: ID!) { ${kind.root}(id: $id) { ${selection} } }`, { id });
    return { typename, kind, record: r.data[kind.root], errors: r.errors, reason: r.data[kind.root] ? undefined : '无权查看或记录不存在' };
  }
  if (!alertId && via.work) {
    // from 待办: the agency's work list resolves it (`work` is the agency code, or `me` for the caller's own)
    const r = await loadWorkRecord(token, typename, id, selection, via.work === 'me' ? undefined : via.work);
    return { typename, kind, record: r.record, errors: r.errors, reason: r.record ? undefined : '无权查看或记录不存在' };
  }
  if (!alertId) return { typename, kind, record: null, errors: [], reason: '此类记录没有单条查询，请从预警或待办进入，或在 GraphQL 浏览器中查询' };
  type Answer = { alert: { records: { typename: string; id: string; record: Record<string, unknown> | null }[] } | null };
  const r = await graphql<Answer>(token, `query AlertRecord($id: ID!) { alert(id: $id) { records { typename id record { ... on ${typename} { ${selection} } } } } }`, { id: alertId });
  const found = r.data.alert?.records.find((x) => x.typename === typename && x.id === id);
  return { typename, kind, record: found?.record ?? null, errors: r.errors, reason: found?.record ? undefined : '无权查看或记录不存在' };
}

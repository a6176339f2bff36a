// 待办 (myWork): what an agency must do next, most urgent first (docs/domain.md#my-work).
import { graphql, type GraphQLError } from '../shared/session';

export interface WorkItem {
  /** GraphQL type of the record, e.g. Suggestion */
  recordType: string;
  recordId: string;
  label: string;
  status: string;
  /** the statuses the agency may move the record to now */
  steps: string[];
  /** the duties the agency owes in the status, by name */
  acts: string[];
  dueAt: string | null;
  overdue: boolean;
}

export const WORK_PARTS = ['procuratorate', 'enforcement', 'petitions', 'assistance', 'liaison'] as const;
export type WorkPart = (typeof WORK_PARTS)[number];

export interface WorkList {
  agency: string;
  first: number;
  /** the merged list; null when a subgraph could not answer (then `parts` still hold what the others said) */
  items: WorkItem[] | null;
  parts: Partial<Record<WorkPart, WorkItem[] | null>>;
  errors: GraphQLError[];
}

const ITEM = 'recordType recordId label status steps acts dueAt overdue';

// `first` is written into the query: the gateway prices a `first` variable without a default at the largest page.
const MY_WORK = (first: number) => `query MyWork($agency: ID) {
  myWork(agency: $agency, first: ${first}) { agency first items { ${ITEM} } ${WORK_PARTS.map((p) => `${p} { ${ITEM} }`).join(' ')} }
}`;

/** 导出 Excel of 待办: the merged list only (the parts would each be a sheet of the same items), as many as the hub gives. */
export const MY_WORK_EXPORT = `query MyWork($agency: ID) { myWork(agency: $agency, first: 100) { items { ${ITEM} } } }`;

/** The work of the caller's agency (no `agency`), or of `agency` (the joint office only). */
export async function fetchMyWork(token: string, agency?: string, first = 50): Promise<WorkList> {
  type Raw = { agency: string; first: number; items: WorkItem[] | null } & Record<WorkPart, WorkItem[] | null>;
  const r = await graphql<{ myWork: Raw }>(token, MY_WORK(Math.min(100, Math.max(1, Math.trunc(first)))), { agency: agency ?? null });
  const { agency: code, first: n, items, ...parts } = r.data.myWork;
  return { agency: code, first: n, items, parts, errors: r.errors };
}

/** The parts merged as the hub merges `items` (overdue first, the longest overdue first; then by due date; then undated). */
export function mergeParts(list: WorkList): WorkItem[] {
  const all = WORK_PARTS.flatMap((p) => list.parts[p] ?? []);
  const due = (i: WorkItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
  return all.sort((x, y) => Number(y.overdue) - Number(x.overdue) || due(x) - due(y)).slice(0, list.first);
}

/** One record of an agency's work, resolved by its own subgraph (WorkItem.record): for kinds without a root field. */
export async function loadWorkRecord(token: string, typename: string, id: string, selection: string, agency?: string) {
  type Answer = { myWork: { items: { recordType: string; recordId: string; record: Record<string, unknown> | null }[] | null } };
  const r = await graphql<Answer>(
    token,
    `query WorkRecord($agency: ID) { myWork(agency: $agency, first: 50) { items { recordType recordId record { ... on ${typename} { ${selection} } } } } }`,
    { agency: agency ?? null },
  );
  const found = r.data.myWork.items?.find((x) => x.recordType === typename && x.recordId === id);
  return { record: found?.record ?? null, errors: r.errors };
}

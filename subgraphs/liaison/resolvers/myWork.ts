import {
  agencyName, defineWork, mergeWork, workFromJson, workListKey, workOf, workRecord, workScope,
  type WorkItem, type WorkListKey, type WorkReader,
} from '../../../lib/workflow/work';
import type { QueryResolvers, Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { AlertRecordedDoc } from '../models';
import { alertRule, auditReads, dataRequestRule, mayRead, partyFilter, type PartyRule } from '../policies';
import { alerts, dataRequests, workTasks } from '../workflow';
import { asRecorded } from './Alert';

// 待办 (docs/domain.md#my-work): `myWork` answers a WorkList; this subgraph adds the work on the joint office's own
// records, and merges every subgraph's part in `items` (the other parts come in through `@requires`, computed by
// their own subgraphs under the caller's identity).

/** 共享申请: the joint office checks compliance and records the joint meeting's decision; the provider's supervisor decides. */
export const dataRequestWork = defineWork(dataRequests, {
  typename: 'DataRequest',
  label: (r) => `共享申请 ${agencyName(r.requesterCode)}→${agencyName(r.providerCode)}`,
  agencyFields: ['requesterCode', 'providerCode'],
  // Withdrawing and taking a dispute or a denial to the joint meeting are the parties' choices, not owed.
  options: ['WITHDRAWN', 'COORDINATION'],
});

/** 工作任务: the lead unit starts and completes it by its due date (set by the joint office, not derived). */
export const workTaskWork = defineWork(workTasks, {
  typename: 'WorkTask',
  label: (t) => t.title,
  agencyFields: ['leadAgencyCode'],
  dueField: 'dueAt',
});

/** 预警: its agency or the joint office takes it up and resolves it. No due date. */
export const alertWork = defineWork(alerts, {
  typename: 'Alert',
  label: (a) => (a.message.length > 60 ? `${a.message.slice(0, 59)}…` : a.message),
  agencyFields: ['agencyCode'],
  normalize: (a) => asRecorded(a),
});

/** A record of the joint office read under its party rule (its parties, and those who see all), cross-agency reads audited. */
function partyReader<D extends { _id: string }>(ctx: Context, rule: PartyRule<D>): WorkReader<D> {
  return {
    filter: () => partyFilter(rule, ctx.identity, {}) as Record<string, unknown>,
    visible: async (docs) => {
      const kept = docs.filter((d) => mayRead(rule, ctx.identity, d));
      await auditReads(ctx, rule, kept);
      return kept;
    },
  };
}

/** Work tasks are read by every member agency. */
const everyone: WorkReader<never> = { filter: () => ({}), visible: async (docs) => docs };

/** This subgraph's own part, once per WorkList object (the `liaison` and `items` fields both need it). */
const own = new WeakMap<WorkListKey, Promise<WorkItem[]>>();
function ownWork(list: WorkListKey, ctx: Context): Promise<WorkItem[]> {
  let part = own.get(list);
  if (!part) {
    const scope = workScope(ctx.identity, list);
    const { first } = list;
    part = workOf(scope, first, [
      () => dataRequestWork.find(scope, partyReader(ctx, dataRequestRule), first),
      () => workTaskWork.find(scope, everyone, first),
      () => alertWork.find(scope, partyReader<AlertRecordedDoc>(ctx, alertRule), first),
    ]);
    own.set(list, part);
  }
  return part;
}

type WorkRecordType = 'Suggestion' | 'ProcuratorateCase' | 'ReverseReferral' | 'CriminalTransfer' | 'Petition' | 'HotlineTicket'
  | 'RescueApplication' | 'SupportReferral' | 'DataRequest' | 'WorkTask' | 'Alert';

/** The parts the other subgraphs contribute (WorkList.items `@requires` them). */
const OTHER_PARTS = ['procuratorate', 'enforcement', 'petitions', 'assistance'] as const;

export const myWorkQuery: Pick<QueryResolvers, 'myWork'> = {
  myWork: (_, { agency, first }, { identity }) => workListKey(identity, agency, first),
};

export const myWork: Pick<Resolvers, 'WorkList' | 'WorkItem' | 'WorkRecord'> = {
  WorkList: {
    __resolveReference: (ref, { identity }) => {
      const key = { agency: ref.agency, first: ref.first };
      workScope(identity, key);
      const given = ref as Record<string, unknown>;
      return { ...key, given: Object.fromEntries(OTHER_PARTS.map((p) => [p, given[p]])) };
    },
    liaison: (list, _, ctx) => ownWork(list, ctx),
    items: async (list, _, ctx) => {
      const others = OTHER_PARTS.map((p) => workFromJson(list.given?.[p], list.first));
      return mergeWork([await ownWork(list, ctx), ...others], list.first);
    },
  },
  WorkItem: { record: (item) => workRecord(item) as unknown as ResolversTypes['WorkRecord'] },
  WorkRecord: { __resolveType: (r) => (r as unknown as { __typename: WorkRecordType }).__typename },
};

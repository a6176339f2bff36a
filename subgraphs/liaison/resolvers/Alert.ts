import { entityKey } from '../../../lib/federation';
import type {
  AlertRecordResolvers, AlertResolvers, AlertSubjectResolvers, MutationResolvers, QueryResolvers, ResourceType,
} from '../__generated__/resolvers-types';
import { RULES } from '../alerts';
import { alertStatus, runAlertRules } from '../alerts/runner';
import { alertSettings } from '../alerts/settings';
import type { AlertDoc, AlertRecordDoc, AlertRecordedDoc, AlertRecordType } from '../models';
import { alertRule, readOne, requireJointOffice } from '../policies';
import { alerts } from '../workflow';

/** The linked record of an alert stored before alerts had `records` (its resourceType and id). */
const TYPENAME: Partial<Record<ResourceType, AlertRecordType>> = {
  SUGGESTION: 'Suggestion', CRIMINAL_TRANSFER: 'CriminalTransfer', ENFORCEMENT_CASE: 'EnforcementCase', PROCURATORATE_CASE: 'ProcuratorateCase',
  PETITION: 'Petition', RESCUE_APPLICATION: 'RescueApplication',
};

function recordsOf(a: AlertDoc): AlertRecordDoc[] {
  if (a.records?.length) return a.records;
  const typename = a.resourceType ? TYPENAME[a.resourceType] : undefined;
  return typename && a.resourceId ? [{ typename, id: a.resourceId }] : [];
}

/** An alert as its workflow reads it (defaults for alerts stored before the workflow existed). */
export const asRecorded = (a: AlertDoc): AlertRecordedDoc => ({ ...a, status: alertStatus(a), version: a.version ?? 0, history: a.history ?? [] });

export const Alert: AlertResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readOne(ctx, alertRule, id, await ctx.loaders.alert.load(id));
  },
  id: (a) => a._id,
  agency: (a, _, { loaders }) => (a.agencyCode ? loaders.agency.load(a.agencyCode) : null),
  records: (a) => recordsOf(a),
  status: (a) => alertStatus(a),
  lastSeenAt: (a) => a.lastSeenAt ?? a.raisedAt,
  autoResolved: (a) => !!a.autoResolved,
  history: (a) => a.history ?? [],
  allowedNextSteps: (a) => alerts.nextSteps(asRecorded(a)),
  version: (a) => a.version ?? 0,
};

/**
 * A linked record: a work task is the joint office's own (every member agency reads it); the others are references
 * the gateway resolves in their own subgraph, under the reader's access there.
 */
export const AlertRecord: AlertRecordResolvers = {
  record: async (r, _, { loaders }) => (r.typename === 'WorkTask' ? loaders.workTask.load(r.id) : { __typename: r.typename, id: r.id }),
};

export const AlertSubject: AlertSubjectResolvers = {
  __resolveType: (o) => ('__typename' in o && o.__typename ? o.__typename : 'WorkTask'),
};

export const alertQuery: Pick<QueryResolvers, 'alertRules'> = {
  alertRules: () => {
    const s = alertSettings();
    return RULES.map((r) => ({ rule: r.rule, title: r.title, description: r.describe(s), enabled: !s.disabledRules.includes(r.rule) }));
  },
};

export const alertMutations: Pick<MutationResolvers, 'runAlertRules'> = {
  /** On demand, for the joint office; the rules read the graph as the service user, whoever asked. */
  runAlertRules: async (_, { rules }, ctx) => {
    requireJointOffice(ctx.identity);
    return runAlertRules(rules, ctx.requestId);
  },
};

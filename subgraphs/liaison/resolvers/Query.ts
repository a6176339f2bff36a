import { hasRole, requireRole } from '../../../lib/access';
import { canonicalJson } from '../../../lib/canonical';
import { personPseudonym } from '../../../lib/identifiers';
import { paginate } from '../../../lib/pagination';
import { parsePeriod } from '../../../lib/period';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { alertRule, auditReads, partyFilter, readOne, readPerson } from '../policies';
import { AgencyModel, AlertModel, AuditEventModel, type AgencyDoc, type AlertDoc, type AuditEventDoc } from '../models';
import { checkIdNumber } from '../people';
import { alertFilter, auditEventFilter } from './filters';

const AUDITORS = ['auditor', 'liaison_admin'] as const;

/** Root fields of the registry, the party index, alerts, dashboard and audit; see index.ts for the rest. */
export const Query: QueryResolvers = {
  agencies: (_, { type, first, after }) => paginate<AgencyDoc>(AgencyModel, type ? { type } : {}, { first, after }, '_id'),
  agency: (_, { code }, { loaders }) => loaders.agency.load(code),
  // A sealed person only for an agency holding a record on the person; FORBIDDEN as for a missing id.
  person: async (_, { id }, ctx) => readPerson(ctx, id, await ctx.loaders.person.load(id)),
  personByIdNumber: async (_, { idNumber }, ctx) => {
    const id = personPseudonym(checkIdNumber(idNumber));
    return readPerson(ctx, id, await ctx.loaders.person.load(id));
  },
  enterprise: (_, { creditCode }, { loaders }) => loaders.enterprise.load(creditCode.trim().toUpperCase()),
  /** Filtered in the query (the caller's agency's alerts, unless it sees all); reads of others' alerts audited. */
  alerts: async (_, { filter, first, after }, ctx) => {
    const conn = await paginate<AlertDoc>(AlertModel, partyFilter(alertRule, ctx.identity, alertFilter(filter ?? {})), { first, after }, 'raisedAt');
    await auditReads(ctx, alertRule, conn.nodes);
    return conn;
  },
  alert: async (_, { id }, ctx) => readOne(ctx, alertRule, id, await ctx.loaders.alert.load(id)),
  dashboard: (_, { period }) => parsePeriod(period),
  /** Auditing the auditors: every query of the log, and every refused one, is itself an audit event. */
  auditEvents: async (_, { filter, first, after }, ctx) => {
    const searched = `auditEvents ${canonicalJson(filter ?? {})}`;
    if (!hasRole(ctx.identity, ...AUDITORS)) {
      await ctx.audit.record({ action: 'READ', resourceType: 'AUDIT_EVENT', resourceIds: [], outcome: 'DENIED', purpose: searched });
      requireRole(ctx.identity, ...AUDITORS);
    }
    const conn = await paginate<AuditEventDoc>(AuditEventModel, auditEventFilter(filter ?? {}), { first, after }, 'at');
    await ctx.audit.record({ action: 'READ', resourceType: 'AUDIT_EVENT', resourceIds: conn.nodes.map((e) => e._id), outcome: 'ALLOWED', purpose: searched });
    return conn;
  },
  me: (_, __, { identity }) => identity,
};

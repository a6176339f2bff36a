import { requireRole } from '../../../lib/authz';
import { personPseudonym } from '../../../lib/identifiers';
import { paginate } from '../../../lib/pagination';
import { parsePeriod } from '../../../lib/period';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { AgencyModel, AlertModel, AuditEventModel, type AgencyDoc, type AlertDoc, type AuditEventDoc } from '../models';
import { checkIdNumber } from '../people';
import { alertFilter, auditEventFilter } from './filters';

/** Root fields of the registry, the party index, alerts, dashboard and audit; see index.ts for the rest. */
export const Query: QueryResolvers = {
  agencies: (_, { type, first, after }) => paginate<AgencyDoc>(AgencyModel, type ? { type } : {}, { first, after }, '_id'),
  agency: (_, { code }, { loaders }) => loaders.agency.load(code),
  person: (_, { id }, { loaders }) => loaders.person.load(id),
  personByIdNumber: (_, { idNumber }, { loaders }) => loaders.person.load(personPseudonym(checkIdNumber(idNumber))),
  enterprise: (_, { creditCode }, { loaders }) => loaders.enterprise.load(creditCode.trim().toUpperCase()),
  alerts: (_, { filter, first, after }) => paginate<AlertDoc>(AlertModel, alertFilter(filter ?? {}), { first, after }, 'raisedAt'),
  dashboard: (_, { period }) => parsePeriod(period),
  auditEvents: (_, { filter, first, after }, { identity }) => {
    requireRole(identity, 'auditor', 'liaison_admin');
    return paginate<AuditEventDoc>(AuditEventModel, auditEventFilter(filter ?? {}), { first, after }, 'at');
  },
  me: (_, __, { identity }) => identity,
};

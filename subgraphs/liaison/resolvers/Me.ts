import type { AuditEventResolvers, MeResolvers } from '../__generated__/resolvers-types';
import { agencyOf } from './Agency';

export const Me: MeResolvers = {
  agency: (m, _, { loaders }) => agencyOf(loaders, m.agency),
};

export const AuditEvent: AuditEventResolvers = {
  id: (e) => e._id,
};

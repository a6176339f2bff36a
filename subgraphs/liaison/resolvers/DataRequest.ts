import { entityKey } from '../../../lib/federation';
import { paginate } from '../../../lib/pagination';
import type { DataRequestResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { dataRequestClocks } from '../deadlines';
import { DataRequestModel, type DataRequestDoc } from '../models';
import { auditReads, dataRequestRule, follow, partyFilter, readOne, sharingGrantRule } from '../policies';
import { dataRequests } from '../workflow';
import { agencyOf } from './Agency';
import { dataRequestFilter } from './filters';

export const DataRequest: DataRequestResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readOne(ctx, dataRequestRule, id, await ctx.loaders.dataRequest.load(id));
  },
  id: (r) => r._id,
  requester: (r, _, { loaders }) => agencyOf(loaders, r.requesterCode),
  provider: (r, _, { loaders }) => agencyOf(loaders, r.providerCode),
  catalogued: (r) => r.catalogued !== false,
  decidedBy: (r, _, { loaders }) => (r.decidedByCode ? agencyOf(loaders, r.decidedByCode) : null),
  escalatedBy: (r, _, { loaders }) => (r.escalatedByCode ? agencyOf(loaders, r.escalatedByCode) : null),
  meeting: (r, _, { loaders }) => (r.meetingId ? loaders.jointMeeting.load(r.meetingId) : null),
  grant: async (r, _, ctx) => follow(ctx, sharingGrantRule, await ctx.loaders.grantByRequest.load(r._id)),
  version: (r) => r.version ?? 0,
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => dataRequests.nextSteps(r),
  deadlines: (r) => dataRequestClocks(r),
  dueAt: (r) => dataRequestClocks(r)[0]?.dueAt ?? null,
  overdue: (r) => dataRequestClocks(r)[0]?.overdue ?? false,
};

export const dataRequestQuery: Pick<QueryResolvers, 'dataRequests' | 'dataRequest'> = {
  /** Filtered in the query (parties only, unless the caller sees all); reads of others' requests audited. */
  dataRequests: async (_, { filter, first, after }, ctx) => {
    const conn = await paginate<DataRequestDoc>(DataRequestModel, partyFilter(dataRequestRule, ctx.identity, dataRequestFilter(filter ?? {})), { first, after }, 'submittedAt');
    await auditReads(ctx, dataRequestRule, conn.nodes);
    return conn;
  },
  dataRequest: async (_, { id }, ctx) => readOne(ctx, dataRequestRule, id, await ctx.loaders.dataRequest.load(id)),
};

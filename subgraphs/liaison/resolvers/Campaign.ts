import { translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { CampaignResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { CampaignModel, type CampaignDoc } from '../models';
import { agenciesOf, agencyCodes } from './Agency';

export const Campaign: CampaignResolvers = {
  id: (c) => c._id,
  agencies: (c, _, { loaders }) => agenciesOf(loaders, c.agencyCodes),
};

export const campaignQuery: Pick<QueryResolvers, 'campaigns'> = {
  campaigns: (_, { filter, first, after }) => {
    const q: Record<string, unknown> = {};
    if (filter?.agencyCode) q.agencyCodes = filter.agencyCode;
    if (filter?.activeOn) Object.assign(q, { from: { $lte: filter.activeOn }, to: { $gt: filter.activeOn } });
    return paginate<CampaignDoc>(CampaignModel, q, { first, after }, 'from');
  },
};

export const campaignMutations: Pick<MutationResolvers, 'createCampaign'> = {
  createCampaign: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    check.order('to', input.from, input.to, 'from');
    const seen = new Set<string>();
    const cases = (input.cases ?? [])
      .map((c) => ({ kind: c.kind, id: check.nonEmpty('cases.id', c.id, 200) }))
      .filter((c) => !seen.has(`${c.kind}:${c.id}`) && seen.add(`${c.kind}:${c.id}`));
    try {
      const stored = await CampaignModel.create({
        name: check.nonEmpty('name', input.name, 200),
        agencyCodes: agencyCodes('agencyCodes', input.agencyCodes),
        from: input.from,
        to: input.to,
        cases,
      });
      return stored.toObject() as CampaignDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};

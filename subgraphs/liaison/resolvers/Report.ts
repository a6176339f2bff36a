import { badInput, translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { parsePeriod } from '../../../lib/period';
import { check } from '../../../lib/validate';
import type { MutationResolvers, QueryResolvers, ReportResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { ReportModel, type ReportDoc } from '../models';
import { agencyOf } from './Agency';
import { liaisonIndicators } from './Dashboard';

export const Report: ReportResolvers = {
  id: (r) => r._id,
  publishedBy: (r, _, { loaders }) => agencyOf(loaders, r.publishedByCode),
};

export const reportQuery: Pick<QueryResolvers, 'reports'> = {
  reports: (_, { filter, first, after }) =>
    paginate<ReportDoc>(ReportModel, filter?.year != null ? { year: filter.year } : {}, { first, after }, 'publishedAt'),
};

export const reportMutations: Pick<MutationResolvers, 'createReport'> = {
  /** 联席办每半年通报 (seed §五(三)): one report per ended half-year, its indicators frozen now. */
  createReport: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    if (!/^\d{4}-H[12]$/.test(input.period)) throw badInput('period', 'use a half-year such as 2025-H1 or 2025-H2');
    const period = parsePeriod(input.period);
    const now = new Date();
    if (period.to > now) throw badInput('period', 'the half-year has not ended yet');
    const title = check.nonEmpty('title', input.title, 200);
    const summary = input.summary?.trim() ? check.nonEmpty('summary', input.summary, 20000) : null;
    try {
      const stored = await ReportModel.create({
        period: period.period, year: period.year, title, summary, publishedAt: now, publishedByCode: identity.agency,
        indicators: JSON.stringify(await liaisonIndicators(period, now)),
      });
      return stored.toObject() as ReportDoc;
    } catch (e) {
      translateWriteError(e); // a second report of the same half-year: CONFLICT
    }
  },
};

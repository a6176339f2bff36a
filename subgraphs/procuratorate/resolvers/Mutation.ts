import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { referrals, suggestions } from '../workflow';
import { caseMutations, recordId } from './caseMutations';
import { caseSteps } from './caseSteps';
import { shareCase } from './counterparts';
import { imports } from './imports';
import { referralSteps } from './referralSteps';
import { suggestionSteps } from './suggestionSteps';

export const Mutation: MutationResolvers = {
  ...caseMutations,
  ...caseSteps,
  ...suggestionSteps,
  ...referralSteps,
  ...imports,

  issueSuggestion: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    const targetAgencyCode = check.agencyCode('targetAgencyCode', input.targetAgencyCode);
    if (targetAgencyCode === c.agencyCode) throw badInput('targetAgencyCode', 'must be another agency than the one issuing the suggestion');
    if (input.kind === 'PUBLIC_INTEREST_PRE_SUIT' && c.type !== 'PUBLIC_INTEREST') {
      throw badInput('kind', 'PUBLIC_INTEREST_PRE_SUIT needs a PUBLIC_INTEREST case');
    }
    if (input.harmSpreading && input.kind !== 'PUBLIC_INTEREST_PRE_SUIT') {
      throw badInput('harmSpreading', 'applies to PUBLIC_INTEREST_PRE_SUIT suggestions only');
    }
    check.order('issuedAt', c.acceptedAt, input.issuedAt, 'the case acceptedAt');
    const doc = await suggestions.create(ctx, {
        number: check.nonEmpty('number', input.number, 100),
        kind: input.kind,
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        targetAgencyCode,
        sealed: c.sealed === true,
        content: check.nonEmpty('content', input.content),
        issuedAt: check.notFuture('issuedAt', input.issuedAt),
        harmSpreading: input.harmSpreading ?? false,
        status: 'DRAFT',
      });
    return doc; // the target sees the suggestion, and its case, once it is served (shareCase in suggestionSteps)
  },

  createReverseReferral: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    if (c.decision !== 'NON_PROSECUTION') {
      throw conflict('a reverse referral needs a case decided NON_PROSECUTION', { decision: c.decision ?? null });
    }
    const competentAgencyCode = check.agencyCode('competentAgencyCode', input.competentAgencyCode);
    if (competentAgencyCode === c.agencyCode) throw badInput('competentAgencyCode', 'must be the agency competent for the penalty, not the procuratorate');
    const nonProsecutedAt = c.decidedAt ?? c.acceptedAt;
    const enforcementCaseId = input.enforcementCaseId == null ? null : recordId('enforcementCaseId', input.enforcementCaseId);
    const referredAt = input.referredAt ?? null;
    if (referredAt) {
      check.notFuture('referredAt', referredAt);
      check.order('referredAt', nonProsecutedAt, referredAt, 'the decision date');
    }
    const status = referredAt ? 'REFERRED' : 'NON_PROSECUTED';
    const doc = await referrals.create(ctx, {
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        competentAgencyCode,
        sealed: c.sealed === true,
        enforcementCaseId,
        nonProsecutedAt,
        referredAt,
        status,
        pauses: [],
      });
    await shareCase(ctx, doc); // once referred (at creation or by referReverseReferral), the competent agency sees the case
    return doc;
  },
};

import { requireWriterOf } from '../../../lib/authz';
import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { ReverseReferralModel, SuggestionModel, type ReverseReferralDoc, type SuggestionDoc } from '../models';
import { caseMutations, recordId } from './caseMutations';

export const Mutation: MutationResolvers = {
  ...caseMutations,

  issueSuggestion: async (_, { input }, { identity, loaders }) => {
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    const targetAgencyCode = check.agencyCode('targetAgencyCode', input.targetAgencyCode);
    if (input.kind === 'PUBLIC_INTEREST_PRE_SUIT' && c.type !== 'PUBLIC_INTEREST') {
      throw badInput('kind', 'PUBLIC_INTEREST_PRE_SUIT needs a PUBLIC_INTEREST case');
    }
    if (input.harmSpreading && input.kind !== 'PUBLIC_INTEREST_PRE_SUIT') {
      throw badInput('harmSpreading', 'applies to PUBLIC_INTEREST_PRE_SUIT suggestions only');
    }
    check.order('issuedAt', c.acceptedAt, input.issuedAt, 'the case acceptedAt');
    try {
      const created = await SuggestionModel.create({
        number: check.nonEmpty('number', input.number, 100),
        kind: input.kind,
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        targetAgencyCode,
        content: check.nonEmpty('content', input.content),
        issuedAt: check.notFuture('issuedAt', input.issuedAt),
        harmSpreading: input.harmSpreading ?? false,
      });
      return created.toObject() as SuggestionDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  createReverseReferral: async (_, { input }, { identity, loaders }) => {
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    if (c.decision !== 'NON_PROSECUTION') {
      throw conflict('a reverse referral needs a case decided NON_PROSECUTION', { decision: c.decision ?? null });
    }
    const competentAgencyCode = check.agencyCode('competentAgencyCode', input.competentAgencyCode);
    const enforcementCaseId = input.enforcementCaseId == null ? null : recordId('enforcementCaseId', input.enforcementCaseId);
    const referredAt = input.referredAt ?? null;
    if (referredAt) {
      check.notFuture('referredAt', referredAt);
      check.order('referredAt', c.decidedAt ?? c.acceptedAt, referredAt, 'the decision date');
    }
    try {
      const created = await ReverseReferralModel.create({
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        competentAgencyCode,
        enforcementCaseId,
        referredAt,
        status: referredAt ? 'REFERRED' : 'NON_PROSECUTED',
      });
      return created.toObject() as ReverseReferralDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};

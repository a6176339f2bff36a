import { agencyByCode } from '../../../lib/agencies';
import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { updateVersioned } from '../../../lib/versioned';
import { caseDecision, newCase } from '../cases';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { EnforcementCaseModel, type EnforcementCaseDoc } from '../models';
import { transfers } from '../workflow';
import { imports } from './imports';
import { transferSteps } from './transferSteps';

export const Mutation: MutationResolvers = {
  createEnforcementCase: async (_, { input }, { identity }) => {
    try {
      return (await EnforcementCaseModel.create(newCase(identity, input))).toObject();
    } catch (e) {
      translateWriteError(e);
    }
  },

  updateEnforcementCase: async (_, { id, input }, { identity, loaders }) => {
    const current = await loaders.enforcementCase.load(id);
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    return updateVersioned<EnforcementCaseDoc>(EnforcementCaseModel, id, input.version, caseDecision(current, input));
  },

  reportCriminalTransfer: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const enforcementCase = await loaders.enforcementCase.load(input.enforcementCaseId);
    if (!enforcementCase) throw forbidden();
    requireWriterOf(identity, enforcementCase.agencyCode);
    check.agencyCode('policeAgencyCode', input.policeAgencyCode);
    if (agencyByCode(input.policeAgencyCode)?.type !== 'PUBLIC_SECURITY') throw badInput('policeAgencyCode', 'must be a public security (公安) agency');
    check.order('reportedAt', enforcementCase.filedAt, input.reportedAt, 'the case filedAt');
    if (await loaders.transferByCase.load(enforcementCase._id)) {
      throw conflict('this case has already been reported for transfer');
    }
    const reportedAt = check.notFuture('reportedAt', input.reportedAt);
    return transfers.create(ctx, {
      enforcementCaseId: enforcementCase._id,
      agencyCode: enforcementCase.agencyCode,
      policeAgencyCode: input.policeAgencyCode,
      suspectedCharge: check.nonEmpty('suspectedCharge', input.suspectedCharge, 200),
      reportedAt,
    });
  },

  ...transferSteps,
  ...imports,
};

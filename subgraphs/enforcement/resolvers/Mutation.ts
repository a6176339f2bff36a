import { agencyByCode } from '../../../lib/agencies';
import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { EnforcementCaseModel, type EnforcementCaseDoc } from '../models';
import { transfers } from '../workflow';
import { transferSteps } from './transferSteps';

export const Mutation: MutationResolvers = {
  createEnforcementCase: async (_, { input }, { identity }) => {
    const agencyCode = check.agencyCode('agencyCode', input.agencyCode ?? identity.agency);
    requireWriterOf(identity, agencyCode);
    check.oneOf({ personId: input.personId, creditCode: input.creditCode });
    const doc = {
      agencyCode,
      caseNumber: check.nonEmpty('caseNumber', input.caseNumber, 100),
      field: input.field,
      personId: input.personId ? check.personId('personId', input.personId) : null,
      creditCode: input.creditCode ? check.creditCode('creditCode', input.creditCode) : null,
      facts: check.nonEmpty('facts', input.facts),
      filedAt: check.notFuture('filedAt', input.filedAt),
    };
    try {
      return (await EnforcementCaseModel.create(doc)).toObject();
    } catch (e) {
      translateWriteError(e);
    }
  },

  updateEnforcementCase: async (_, { id, input }, { identity, loaders }) => {
    const current = await loaders.enforcementCase.load(id);
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    const decidedAt = input.decidedAt ?? current.decidedAt;
    const closedAt = input.closedAt ?? current.closedAt;
    check.order('decidedAt', current.filedAt, decidedAt, 'filedAt');
    check.order('closedAt', decidedAt ?? current.filedAt, closedAt, decidedAt ? 'decidedAt' : 'filedAt');
    if (input.penalty?.amount != null && input.penalty.amount < 0) throw badInput('penalty.amount', 'must not be negative');
    if (input.penalty && !decidedAt) throw badInput('decidedAt', 'is required when a penalty is recorded');
    const set = definedOnly({
      facts: input.facts == null ? undefined : check.nonEmpty('facts', input.facts),
      penalty: input.penalty ?? undefined,
      decidedAt: input.decidedAt ?? undefined,
      closedAt: input.closedAt ?? undefined,
      status: closedAt ? 'CLOSED' : decidedAt && current.status === 'INVESTIGATING' ? 'DECIDED' : undefined,
    });
    return updateVersioned<EnforcementCaseDoc>(EnforcementCaseModel, id, input.version, set);
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
};

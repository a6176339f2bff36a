import { requireWriterOf } from '../../../lib/authz';
import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { newId } from '../../../lib/mongo';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { DECISION_WORKING_DAYS, MONTHLY_WAGE } from '../config';
import { addWorkingDays } from '../deadlines';
import { caseApplicantKey, RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../models';
import { checkExclusions, checkMonths, NEXT_REFERRAL_STATUS, NEXT_STATUS, PAID, UNDECIDED } from '../rules';

const isDuplicate = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

/** Names the clash of a duplicate insert (FerretDB's duplicate-key errors do not say which key). */
async function explainDuplicate(doc: Pick<RescueApplicationDoc, '_id' | 'number' | 'procuratorateCaseId' | 'applicantId'>): Promise<never> {
  const key = caseApplicantKey(doc);
  const clash = await RescueApplicationModel.findOne({ $or: [{ number: doc.number }, { caseApplicantKey: key }] }, { number: 1 }).lean();
  if (clash && clash.number !== doc.number) {
    throw conflict('this person already has a rescue application for this case (one per case and person)', { fields: ['procuratorateCaseId', 'applicantId'] });
  }
  throw conflict(`an application numbered ${doc.number} already exists`, { fields: ['number'] });
}

export const Mutation: MutationResolvers = {
  createRescueApplication: async (_, { input }, { identity }) => {
    const agencyCode = check.agencyCode('agencyCode', input.agencyCode ?? identity.agency);
    requireWriterOf(identity, agencyCode);
    const overCapApproved = input.overCapApproved ?? false;
    const appliedAt = check.notFuture('appliedAt', input.appliedAt);
    const doc = {
      _id: newId(),
      agencyCode,
      number: check.nonEmpty('number', input.number, 100),
      applicantId: check.personId('applicantId', input.applicantId),
      procuratorateCaseId: input.procuratorateCaseId ? check.nonEmpty('procuratorateCaseId', input.procuratorateCaseId, 200) : null,
      situation: input.situation,
      exclusionsChecked: checkExclusions(input.exclusionsChecked),
      groups: [...new Set(input.groups ?? [])],
      months: checkMonths(input.months, overCapApproved),
      monthlyWage: MONTHLY_WAGE,
      overCapApproved,
      status: 'APPLIED' as const,
      appliedAt,
      decisionDueAt: addWorkingDays(appliedAt, DECISION_WORKING_DAYS),
    };
    try {
      return (await RescueApplicationModel.create(doc)).toObject();
    } catch (e) {
      if (isDuplicate(e)) return explainDuplicate(doc);
      translateWriteError(e);
    }
  },

  updateRescueApplication: async (_, { id, input }, { identity, loaders }) => {
    const current = await loaders.application.load(id);
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    const status = input.status ?? current.status;
    if (status !== current.status && !NEXT_STATUS[current.status].includes(status)) {
      throw conflict(`an application that is ${current.status} cannot become ${status}`, { status: current.status });
    }
    if ((input.months != null || input.overCapApproved != null) && !UNDECIDED.includes(current.status)) {
      throw conflict('months can change only before the decision', { status: current.status });
    }
    checkMonths(input.months ?? current.months, input.overCapApproved ?? current.overCapApproved);

    const decided = !UNDECIDED.includes(status);
    const decidedAt = input.decidedAt ?? current.decidedAt;
    if (input.decidedAt && !decided) throw badInput('decidedAt', 'is set together with status APPROVED or REJECTED');
    if (decided && !decidedAt) throw badInput('decidedAt', 'is required to approve or reject');
    if (input.decidedAt) check.notFuture('decidedAt', input.decidedAt);
    check.order('decidedAt', current.appliedAt, decidedAt, 'appliedAt');

    const rejectionReason = input.rejectionReason == null ? undefined : check.nonEmpty('rejectionReason', input.rejectionReason, 2000);
    if (rejectionReason && status !== 'REJECTED') throw badInput('rejectionReason', 'is given only when rejecting');
    if (status === 'REJECTED' && !(rejectionReason ?? current.rejectionReason)) throw badInput('rejectionReason', 'is required to reject');

    const paid = PAID.includes(status);
    const disbursedAt = input.disbursedAt ?? current.disbursedAt;
    if (input.disbursedAt && !paid) throw badInput('disbursedAt', 'is set together with status DISBURSED');
    if (paid && !disbursedAt) throw badInput('disbursedAt', 'is required to disburse');
    if (input.disbursedAt) check.notFuture('disbursedAt', input.disbursedAt);
    check.order('disbursedAt', decidedAt, disbursedAt, 'decidedAt');

    const set = definedOnly({
      status: input.status ?? undefined,
      months: input.months ?? undefined,
      overCapApproved: input.overCapApproved ?? undefined,
      decidedAt: input.decidedAt ?? undefined,
      rejectionReason,
      disbursedAt: input.disbursedAt ?? undefined,
    });
    return updateVersioned<RescueApplicationDoc>(RescueApplicationModel, id, input.version, set);
  },

  createSupportReferral: async (_, { input }, { identity, loaders }) => {
    const application = await loaders.application.load(input.applicationId);
    if (!application) throw forbidden();
    requireWriterOf(identity, application.agencyCode);
    const receivingAgencyCode = check.agencyCode('receivingAgencyCode', input.receivingAgencyCode);
    check.order('referredAt', application.appliedAt, input.referredAt, 'the application appliedAt');
    const referredAt = check.notFuture('referredAt', input.referredAt);
    try {
      const created = await SupportReferralModel.create({ applicationId: application._id, kind: input.kind, receivingAgencyCode, referredAt });
      return created.toObject() as SupportReferralDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  recordSupportOutcome: async (_, { id, version, status, outcome }, { identity, loaders }) => {
    const referral = await loaders.referral.load(id);
    if (!referral) throw forbidden();
    requireWriterOf(identity, referral.receivingAgencyCode);
    if (status === 'REFERRED') throw badInput('status', 'record ACCEPTED, COMPLETED or DECLINED');
    if (!NEXT_REFERRAL_STATUS[referral.status].includes(status)) {
      throw conflict(`a referral that is ${referral.status} cannot become ${status}`, { status: referral.status });
    }
    const text = outcome == null ? undefined : check.nonEmpty('outcome', outcome, 2000);
    if (status !== 'ACCEPTED' && !text) throw badInput('outcome', 'is required to complete or decline a referral');
    const set = definedOnly({ status, outcome: text, completedAt: status === 'COMPLETED' ? new Date() : undefined });
    return updateVersioned<SupportReferralDoc>(SupportReferralModel, id, version, set);
  },
};

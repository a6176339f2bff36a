import type { GraphQLError } from 'graphql';
import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { newId } from '../../../lib/mongo';
import { check } from '../../../lib/validate';
import { updateVersioned } from '../../../lib/versioned';
import { noteOf, type StepContext } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { applicationDetails, caseApplicantTaken, handlingAgency, newApplication, requireUndecided, type NewApplication } from '../applications';
import { caseApplicantKey, numberKey, RescueApplicationModel, type RescueApplicationDoc } from '../models';
import { applicationDerived, applications, MONTHLY_WAGE, referrals } from '../workflow';
import { imports } from './imports';

/** Names the clash of a duplicate insert (a duplicate-key error names an index, not what a clerk should change). */
async function explainDuplicate(doc: Pick<RescueApplicationDoc, '_id' | 'number' | 'procuratorateCaseId' | 'applicantId'>): Promise<never> {
  const clash = await RescueApplicationModel.findOne({ $or: [{ numberKey: numberKey(doc) }, { caseApplicantKey: caseApplicantKey(doc) }] }, { number: 1, status: 1 }).lean();
  if (clash && (!doc.number || clash.number !== doc.number)) throw caseApplicantTaken(clash);
  throw conflict(`an application numbered ${doc.number} already exists`, { fields: ['number'] });
}

async function insertApplication(ctx: StepContext, fields: NewApplication, note?: string | null): Promise<RescueApplicationDoc> {
  try {
    return await applications.create(ctx, fields as unknown as Parameters<typeof applications.create>[1], note);
  } catch (e) {
    // The only CONFLICT of a create is a duplicate key.
    if ((e as GraphQLError).extensions?.code === 'CONFLICT') return explainDuplicate(fields);
    throw e;
  }
}

/** A versioned write of fields that are not steps (no history entry), with the derived fields of the record as it will be. */
function writeApplication(current: RescueApplicationDoc, version: number, set: Partial<RescueApplicationDoc>): Promise<RescueApplicationDoc> {
  return updateVersioned<RescueApplicationDoc>(RescueApplicationModel, current._id, version, { ...set, ...applicationDerived({ ...current, ...set }) });
}

/** The application for a write that is not a step: FORBIDDEN unless the caller writes for its agency. */
async function writableApplication(identity: Identity, id: string): Promise<RescueApplicationDoc> {
  const current = await RescueApplicationModel.findById(id).lean<RescueApplicationDoc>();
  if (!current) throw forbidden();
  requireWriterOf(identity, current.agencyCode);
  return current;
}

/** Creates and the writes that are not steps (the steps: applicationSteps.ts, referralSteps.ts). */
export const Mutation: MutationResolvers = {
  notifyRescueRight: async (_, { input }, ctx) => {
    const agencyCode = handlingAgency(ctx.identity, input.agencyCode);
    const rightNotifiedAt = check.notFuture('rightNotifiedAt', input.rightNotifiedAt);
    return insertApplication(ctx, {
      _id: newId(),
      agencyCode,
      number: null,
      applicantId: check.personId('applicantId', input.applicantId),
      procuratorateCaseId: input.procuratorateCaseId ? check.nonEmpty('procuratorateCaseId', input.procuratorateCaseId, 200) : null,
      situation: input.situation,
      exclusionChecks: [],
      groups: [...new Set(input.groups ?? [])],
      months: null,
      monthlyWage: MONTHLY_WAGE,
      overCapApproval: null,
      status: 'NOTIFIED',
      rightNotifiedAt,
    }, noteOf(input.note));
  },

  createRescueApplication: (_, { input }, ctx) => insertApplication(ctx, newApplication(ctx.identity, input)),

  // Telling the applicant of the funds is no status change (no history entry): it stops the notification clock.
  notifyRescueApplicant: async (_, { id, version, notifiedAt }, { identity }) => {
    const current = await writableApplication(identity, id);
    if (current.status !== 'DISBURSED' || current.notifiedAt) {
      throw applications.refuse(
        current,
        current.notifiedAt
          ? 'the applicant was already notified of the funds'
          : `this rescue application is ${current.status}: the applicant is notified of the funds once they are received (DISBURSED)`,
      );
    }
    // On the funds' arrival, possibly before they are paid out: the payment date does not bound it.
    const at = applications.stepDate('notifiedAt', notifiedAt, { ...current, disbursedAt: null });
    return writeApplication(current, version, { notifiedAt: at });
  },

  updateRescueApplication: async (_, { id, input }, { identity }) => {
    const current = await writableApplication(identity, id);
    requireUndecided(current);
    return writeApplication(current, input.version, applicationDetails(current, input));
  },

  createSupportReferral: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const application = await loaders.application.load(input.applicationId);
    if (!application) throw forbidden();
    requireWriterOf(identity, application.agencyCode);
    const receivingAgencyCode = check.agencyCode('receivingAgencyCode', input.receivingAgencyCode);
    if (receivingAgencyCode === application.agencyCode) throw badInput('receivingAgencyCode', 'refer to another agency');
    // Bounded by the application's start only: a referral may be made at any step of it.
    const referredAt = check.notFuture('referredAt', input.referredAt ?? new Date());
    check.order('referredAt', application.appliedAt ?? application.rightNotifiedAt, referredAt, application.appliedAt ? 'the application appliedAt' : 'rightNotifiedAt');
    const note = noteOf(input.note);
    const referral = await referrals.create(ctx, {
      applicationId: application._id,
      agencyCode: application.agencyCode,
      kind: input.kind,
      referringAgencyCode: application.agencyCode,
      receivingAgencyCode,
      referredAt,
      note,
    }, note);
    // The receiving agency becomes a workflow counterpart of the application (policies.ts).
    await RescueApplicationModel.updateOne({ _id: application._id }, { $addToSet: { counterpartCodes: receivingAgencyCode } });
    loaders.application.clear(application._id);
    return referral;
  },

  ...imports,
};

import { agencyByCode } from '../../../lib/agencies';
import { requireWriterOf } from '../../../lib/authz';
import { badInput, conflict, forbidden, isDuplicateKey, translateWriteError } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { newId } from '../../../lib/mongo';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import { created, nextSteps, transition } from '../../../lib/workflow';
import type { MutationResolvers, RescueStatus, SupportReferralStatus } from '../__generated__/resolvers-types';
import { MONTHLY_WAGE } from '../config';
import { caseApplicantKey, numberKey, RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../models';
import {
  checkExclusions, checkMonths, checkNoExclusionApplies, checkOverCap, nextDueAt, optionalText, REFERRAL_MACHINE, RESCUE_MACHINE, stepDate, UNDECIDED,
} from '../rules';


/** Names the clash of a duplicate insert (a duplicate-key error names an index, not what a clerk should change). */
async function explainDuplicate(doc: Pick<RescueApplicationDoc, '_id' | 'number' | 'procuratorateCaseId' | 'applicantId'>): Promise<never> {
  const clash = await RescueApplicationModel.findOne({ $or: [{ numberKey: numberKey(doc) }, { caseApplicantKey: caseApplicantKey(doc) }] }, { number: 1, status: 1 }).lean();
  if (clash && (!doc.number || clash.number !== doc.number)) {
    const hint = clash.status === 'NOTIFIED' ? '; the victim was notified: record the application on that record (receiveRescueApplication)' : '';
    throw conflict(`this person already has a rescue application for this case (one per case and person)${hint}`, { fields: ['procuratorateCaseId', 'applicantId'] });
  }
  throw conflict(`an application numbered ${doc.number} already exists`, { fields: ['number'] });
}

/** The handling agency: a procuratorate, by default the caller's; the caller must write for it. */
function handlingAgency(identity: Identity, given: string | null | undefined): string {
  const code = check.agencyCode('agencyCode', given ?? identity.agency);
  if (agencyByCode(code)?.type !== 'PROCURATORATE') throw badInput('agencyCode', 'judicial rescue is handled by the procuratorate');
  requireWriterOf(identity, code);
  return code;
}

async function insertApplication(doc: Omit<RescueApplicationDoc, 'numberKey' | 'caseApplicantKey'>): Promise<RescueApplicationDoc> {
  try {
    return (await RescueApplicationModel.create(doc)).toObject() as RescueApplicationDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return explainDuplicate(doc);
    translateWriteError(e);
  }
}

async function numberIsFree(number: string): Promise<string> {
  if (await RescueApplicationModel.exists({ numberKey: number })) throw conflict(`an application numbered ${number} already exists`, { fields: ['number'] });
  return number;
}

/** One step of an application: the move, its fields, and the stored next deadline. */
function moveApplication(
  identity: Identity,
  id: string,
  version: number,
  to: RescueStatus,
  note: string | null,
  set: (current: RescueApplicationDoc) => Partial<RescueApplicationDoc> | Promise<Partial<RescueApplicationDoc>> = () => ({}),
): Promise<RescueApplicationDoc> {
  return transition<RescueStatus, RescueApplicationDoc>({
    model: RescueApplicationModel,
    machine: RESCUE_MACHINE,
    label: 'rescue application',
    id,
    version,
    to,
    identity,
    note,
    set: async (current) => {
      const fields = await set(current);
      return { ...fields, nextDueAt: nextDueAt({ ...current, ...fields }) };
    },
  });
}

function moveReferral(
  identity: Identity,
  id: string,
  version: number,
  to: SupportReferralStatus,
  note: string | null,
  set: (current: SupportReferralDoc) => Partial<SupportReferralDoc>,
): Promise<SupportReferralDoc> {
  return transition<SupportReferralStatus, SupportReferralDoc>({
    model: SupportReferralModel,
    machine: REFERRAL_MACHINE,
    label: 'support referral',
    id,
    version,
    to,
    identity,
    note,
    set,
  });
}

/** A versioned write of fields that are not steps (lib/versioned: one writer per version). */
function writeApplication(id: string, version: number, set: Partial<RescueApplicationDoc>): Promise<RescueApplicationDoc> {
  return updateVersioned<RescueApplicationDoc>(RescueApplicationModel, id, version, set);
}

export const Mutation: MutationResolvers = {
  notifyRescueRight: async (_, { input }, { identity }) => {
    const agencyCode = handlingAgency(identity, input.agencyCode);
    const rightNotifiedAt = check.notFuture('rightNotifiedAt', input.rightNotifiedAt);
    const _id = newId();
    return insertApplication({
      _id,
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
      listedAt: rightNotifiedAt,
      nextDueAt: null,
      history: [created(identity, 'NOTIFIED', optionalText('note', input.note))],
      version: 0,
    });
  },

  createRescueApplication: async (_, { input }, { identity }) => {
    const agencyCode = handlingAgency(identity, input.agencyCode);
    const overCapApproval = checkOverCap(input.overCapApproval);
    const appliedAt = check.notFuture('appliedAt', input.appliedAt);
    return insertApplication({
      _id: newId(),
      agencyCode,
      number: check.nonEmpty('number', input.number, 100),
      applicantId: check.personId('applicantId', input.applicantId),
      procuratorateCaseId: input.procuratorateCaseId ? check.nonEmpty('procuratorateCaseId', input.procuratorateCaseId, 200) : null,
      situation: input.situation,
      exclusionChecks: checkExclusions(input.exclusionChecks),
      groups: [...new Set(input.groups ?? [])],
      months: checkMonths(input.months, overCapApproval),
      monthlyWage: MONTHLY_WAGE,
      overCapApproval,
      status: 'APPLIED',
      appliedAt,
      listedAt: appliedAt,
      nextDueAt: nextDueAt({ appliedAt }),
      history: [created(identity, 'APPLIED')],
      version: 0,
    });
  },

  receiveRescueApplication: (_, { id, version, input }, { identity }) =>
    moveApplication(identity, id, version, 'APPLIED', optionalText('note', input.note), async (a) => {
      const overCapApproval = checkOverCap(input.overCapApproval);
      const appliedAt = stepDate('appliedAt', input.appliedAt, a.rightNotifiedAt, 'rightNotifiedAt');
      const number = await numberIsFree(check.nonEmpty('number', input.number, 100));
      return {
        number,
        numberKey: number,
        appliedAt,
        listedAt: appliedAt,
        situation: input.situation ?? a.situation,
        groups: input.groups ? [...new Set(input.groups)] : a.groups,
        exclusionChecks: checkExclusions(input.exclusionChecks),
        months: checkMonths(input.months, overCapApproval),
        overCapApproval,
        monthlyWage: MONTHLY_WAGE,
      };
    }),

  startRescueReview: (_, { id, version, reviewStartedAt, note }, { identity }) =>
    moveApplication(identity, id, version, 'UNDER_REVIEW', optionalText('note', note), (a) => ({
      reviewStartedAt: stepDate('reviewStartedAt', reviewStartedAt, a.appliedAt, 'appliedAt'),
    })),

  approveRescueApplication: (_, { id, version, decidedAt, months, overCapApproval, note }, { identity }) =>
    moveApplication(identity, id, version, 'APPROVED', optionalText('note', note), (a) => {
      checkNoExclusionApplies(a.exclusionChecks);
      const overCap = checkOverCap(overCapApproval) ?? a.overCapApproval ?? null;
      const m = months ?? a.months;
      if (m == null) throw badInput('months', 'is required to approve');
      return {
        months: checkMonths(m, overCap),
        overCapApproval: overCap,
        decidedAt: stepDate('decidedAt', decidedAt, a.reviewStartedAt ?? a.appliedAt, 'reviewStartedAt'),
      };
    }),

  rejectRescueApplication: (_, { id, version, reason, decidedAt }, { identity }) =>
    moveApplication(identity, id, version, 'REJECTED', reason.trim() || null, (a) => ({
      rejectionReason: check.nonEmpty('reason', reason, 2000),
      decidedAt: stepDate('decidedAt', decidedAt, a.reviewStartedAt ?? a.appliedAt, 'reviewStartedAt'),
    })),

  requestRescueFunds: (_, { id, version, fundsRequestedAt, note }, { identity }) =>
    moveApplication(identity, id, version, 'FUNDS_REQUESTED', optionalText('note', note), (a) => ({
      fundsRequestedAt: stepDate('fundsRequestedAt', fundsRequestedAt, a.decidedAt, 'decidedAt'),
    })),

  disburseRescueFunds: (_, { id, version, fundsReceivedAt, disbursedAt, notifiedAt, note }, { identity }) =>
    moveApplication(identity, id, version, 'DISBURSED', optionalText('note', note), (a) => {
      const received = stepDate('fundsReceivedAt', fundsReceivedAt, a.fundsRequestedAt, 'fundsRequestedAt');
      return {
        fundsReceivedAt: received,
        disbursedAt: stepDate('disbursedAt', disbursedAt, received, 'fundsReceivedAt'),
        notifiedAt: notifiedAt ? stepDate('notifiedAt', notifiedAt, received, 'fundsReceivedAt') : null,
      };
    }),

  notifyRescueApplicant: async (_, { id, version, notifiedAt }, { identity }) => {
    const current = await RescueApplicationModel.findById(id).lean<RescueApplicationDoc>();
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    if (current.status !== 'DISBURSED' || current.notifiedAt) {
      throw conflict(
        current.notifiedAt
          ? 'the applicant was already notified of the funds'
          : `this rescue application is ${current.status}: the applicant is notified of the funds once they are received (DISBURSED)`,
        { currentStatus: current.status, allowed: nextSteps(RESCUE_MACHINE, current.status) },
      );
    }
    const at = stepDate('notifiedAt', notifiedAt, current.fundsReceivedAt, 'fundsReceivedAt');
    return writeApplication(id, version, { notifiedAt: at, nextDueAt: nextDueAt({ ...current, notifiedAt: at }) });
  },

  followUpRescue: (_, { id, version, note, followedUpAt }, { identity }) =>
    moveApplication(identity, id, version, 'FOLLOW_UP', note.trim() || null, (a) => {
      if (!a.notifiedAt) throw conflict('notify the applicant of the funds first (notifyRescueApplicant)', { currentStatus: a.status, missing: 'notifiedAt' });
      return {
        followUpNote: check.nonEmpty('note', note, 2000),
        followedUpAt: stepDate('followedUpAt', followedUpAt, a.disbursedAt, 'disbursedAt'),
      };
    }),

  updateRescueApplication: async (_, { id, input }, { identity }) => {
    const current = await RescueApplicationModel.findById(id).lean<RescueApplicationDoc>();
    if (!current) throw forbidden();
    requireWriterOf(identity, current.agencyCode);
    if (!UNDECIDED.includes(current.status)) {
      throw conflict(`this rescue application is ${current.status}: its details can change only before the decision`, { currentStatus: current.status });
    }
    const overCapApproval = checkOverCap(input.overCapApproval) ?? undefined;
    const months = input.months ?? current.months;
    if (months != null) checkMonths(months, overCapApproval ?? current.overCapApproval);
    else if (input.overCapApproval) throw badInput('overCapApproval', 'set months first');
    const set = definedOnly({
      situation: input.situation ?? undefined,
      groups: input.groups ? [...new Set(input.groups)] : undefined,
      exclusionChecks: input.exclusionChecks ? checkExclusions(input.exclusionChecks) : undefined,
      months: input.months ?? undefined,
      overCapApproval,
    });
    return writeApplication(id, input.version, set);
  },

  createSupportReferral: async (_, { input }, { identity, loaders }) => {
    const application = await loaders.application.load(input.applicationId);
    if (!application) throw forbidden();
    requireWriterOf(identity, application.agencyCode);
    const receivingAgencyCode = check.agencyCode('receivingAgencyCode', input.receivingAgencyCode);
    if (receivingAgencyCode === application.agencyCode) throw badInput('receivingAgencyCode', 'refer to another agency');
    const start = application.appliedAt ?? application.rightNotifiedAt;
    const referredAt = stepDate('referredAt', input.referredAt, start, application.appliedAt ? 'the application appliedAt' : 'rightNotifiedAt');
    const note = optionalText('note', input.note);
    try {
      const doc = await SupportReferralModel.create({
        applicationId: application._id,
        agencyCode: application.agencyCode,
        kind: input.kind,
        referringAgencyCode: application.agencyCode,
        receivingAgencyCode,
        referredAt,
        note,
        status: 'REFERRED',
        history: [created(identity, 'REFERRED', note)],
      });
      // The receiving agency becomes a workflow counterpart of the application (access rules).
      await RescueApplicationModel.updateOne({ _id: application._id }, { $addToSet: { counterpartCodes: receivingAgencyCode } });
      return doc.toObject() as SupportReferralDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  acceptSupportReferral: (_, { id, version, acceptedAt, note }, { identity }) =>
    moveReferral(identity, id, version, 'ACCEPTED', optionalText('note', note), (r) => ({
      acceptedAt: stepDate('acceptedAt', acceptedAt, r.referredAt, 'referredAt'),
    })),

  declineSupportReferral: (_, { id, version, reason, declinedAt }, { identity }) =>
    moveReferral(identity, id, version, 'DECLINED', reason.trim() || null, (r) => ({
      declineReason: check.nonEmpty('reason', reason, 2000),
      declinedAt: stepDate('declinedAt', declinedAt, r.referredAt, 'referredAt'),
    })),

  completeSupportReferral: (_, { id, version, outcome, completedAt }, { identity }) =>
    moveReferral(identity, id, version, 'COMPLETED', outcome.trim() || null, (r) => ({
      outcome: check.nonEmpty('outcome', outcome, 2000),
      completedAt: stepDate('completedAt', completedAt, r.acceptedAt, 'acceptedAt'),
    })),
};

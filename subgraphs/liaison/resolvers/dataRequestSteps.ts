import { chinaDate } from '../../../lib/calendar';
import { badInput, isDuplicateKey, translateWriteError } from '../../../lib/errors';
import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { Context } from '../context';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { GRANT_DAYS_FOR_PAST_PERIOD, maxValidUntil } from '../deadlines';
import { grantIdFor, SharingGrantModel, type DataRequestDoc, type SharingGrantDoc } from '../models';
import { dataRequests } from '../workflow';

/** Validates a meeting id given with a coordination decision (only then). */
async function meetingFor(ctx: Context, current: DataRequestDoc, meetingId: string | null | undefined): Promise<string | null> {
  if (!meetingId) return null;
  if (current.status !== 'COORDINATION') throw badInput('meetingId', 'give a joint meeting only for a decision on a coordinated request');
  const meeting = await ctx.loaders.jointMeeting.load(meetingId);
  if (!meeting) throw badInput('meetingId', 'is not a recorded joint meeting');
  if (current.escalatedAt && chinaDate(meeting.date) < chinaDate(current.escalatedAt)) {
    throw badInput('meetingId', 'the meeting was held before the request was escalated');
  }
  return meeting._id;
}

type GrantTerms = Pick<SharingGrantDoc, 'allowsPersonalData' | 'validFrom' | 'validUntil'>;

/** Writes the grant of a request (idempotent by its derived id); returns it. */
async function writeGrant(r: DataRequestDoc, terms: GrantTerms): Promise<string> {
  const _id = grantIdFor(r._id);
  const grant: Omit<SharingGrantDoc, '_id'> = {
    requestId: r._id, granteeCode: r.requesterCode, providerCode: r.providerCode, resourceTypes: r.resourceTypes, scopeIds: r.scopeIds,
    scopeFilter: r.scopeFilter ?? null, purpose: r.purpose, legalBasis: r.legalBasis, ...terms,
  };
  try {
    await SharingGrantModel.updateOne({ _id }, { $setOnInsert: grant }, { upsert: true, runValidators: true });
  } catch (e) {
    if (!isDuplicateKey(e)) translateWriteError(e); // a concurrent retry inserted it: same grant
  }
  return _id;
}

type DataRequestSteps = Pick<MutationResolvers,
  | 'startComplianceCheck' | 'passComplianceCheck' | 'failComplianceCheck' | 'grantDataRequest' | 'denyDataRequest'
  | 'escalateDataRequest' | 'withdrawDataRequest'>;

/** The steps of a data request (workflow.ts); each takes effect now, and `nextDueAt` follows from the definition. */
export const dataRequestSteps: DataRequestSteps = {
  startComplianceCheck: (_, { id, version, note }, ctx) =>
    dataRequests.move(ctx, 'COMPLIANCE_CHECK', { id, version, note: noteOf(note), set: () => ({ complianceStartedAt: new Date() }) }),

  passComplianceCheck: (_, { id, version, note }, ctx) =>
    dataRequests.move(ctx, 'PROVIDER_REVIEW', { id, version, note: noteOf(note), set: () => ({ providerReviewStartedAt: new Date() }) }),

  failComplianceCheck: async (_, { id, version, reason }, ctx) => {
    return dataRequests.move(ctx, 'DENIED', {
      id, version, from: ['COMPLIANCE_CHECK'], note: historyNote(reason),
      set: () => ({ decidedAt: new Date(), decidedByCode: ctx.identity.agency, decisionReason: required('reason', reason) }),
    });
  },

  grantDataRequest: async (_, { id, version, input }, ctx) => {
    const decidedAt = new Date();
    let terms: GrantTerms | undefined;
    const granted = await dataRequests.move(ctx, 'GRANTED', {
      id, version, note: noteOf(input?.note),
      set: async (r) => {
        const meetingId = await meetingFor(ctx, r, input?.meetingId);
        const allowsPersonalData = input?.allowsPersonalData ?? r.wantsPersonalData;
        if (allowsPersonalData && !r.wantsPersonalData) throw badInput('allowsPersonalData', 'the request did not ask for personal data; a grant may only narrow it');
        const max = maxValidUntil(r, decidedAt);
        const validUntil = input?.validUntil ?? max;
        if (validUntil <= decidedAt) throw badInput('validUntil', 'must be in the future');
        if (validUntil > max) throw badInput('validUntil', `must not be after ${max.toISOString()} (the end of the requested period, or ${GRANT_DAYS_FOR_PAST_PERIOD} days for past records)`);
        terms = { allowsPersonalData, validFrom: decidedAt, validUntil };
        return { decidedAt, decidedByCode: ctx.identity.agency, decisionReason: noteOf(input?.note), meetingId };
      },
    });
    // Only the writer that won the move writes the grant (its id derives from the request: a retry is idempotent),
    // so a losing racer can neither leave a grant behind a denial nor remove the winner's.
    const grantId = await writeGrant(granted, terms!);
    await ctx.audit
      .record({ action: 'GRANT', resourceType: 'SharingGrant', resourceIds: [grantId, id], outcome: 'ALLOWED', grantId, purpose: granted.purpose })
      .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'grant made but its GRANT audit event was not stored'));
    return granted;
  },

  denyDataRequest: async (_, { id, version, reason, meetingId }, ctx) => {
    return dataRequests.move(ctx, 'DENIED', {
      id, version, from: ['PROVIDER_REVIEW', 'COORDINATION'], note: historyNote(reason),
      set: async (r) => ({
        decidedAt: new Date(), decidedByCode: ctx.identity.agency, decisionReason: required('reason', reason),
        meetingId: await meetingFor(ctx, r, meetingId),
      }),
    });
  },

  escalateDataRequest: (_, { id, version, reason }, ctx) =>
    dataRequests.move(ctx, 'COORDINATION', {
      id, version, note: historyNote(reason),
      set: () => ({ escalatedAt: new Date(), escalatedByCode: ctx.identity.agency, escalationReason: required('reason', reason) }),
    }),

  withdrawDataRequest: (_, { id, version, reason }, ctx) =>
    dataRequests.move(ctx, 'WITHDRAWN', { id, version, note: noteOf(reason, 'reason'), set: () => ({ withdrawnAt: new Date() }) }),
};

import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict, forbidden, isDuplicateKey, translateWriteError } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import type { Identity } from '../../../lib/identity';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import { created, participants, transition, type TransitionArgs } from '../../../lib/workflow';
import type { Context } from '../context';
import type { DataRequestResolvers, DataRequestStatus, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { auditReads, dataRequestRule, follow, partyFilter, readOne, sharingGrantRule } from '../access';
import { DataRequestModel, grantIdFor, SharingGrantModel, type DataRequestDoc, type SharingGrantDoc } from '../models';
import {
  dataRequestClocks, dataRequestMachine, dataRequestNextDueAt, dataRequestNextSteps, GRANT_DAYS_FOR_PAST_PERIOD, maxValidUntil,
} from '../workflows';
import { agencyOf } from './Agency';
import { dataRequestFilter } from './filters';

const LABEL = 'data request';
const optional = (field: string, value: string | null | undefined, max: number) => (value?.trim() ? check.nonEmpty(field, value, max) : null);

export const DataRequest: DataRequestResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readOne(ctx, dataRequestRule, id, await ctx.loaders.dataRequest.load(id));
  },
  id: (r) => r._id,
  requester: (r, _, { loaders }) => agencyOf(loaders, r.requesterCode),
  provider: (r, _, { loaders }) => agencyOf(loaders, r.providerCode),
  catalogued: (r) => r.catalogued !== false,
  decidedBy: (r, _, { loaders }) => (r.decidedByCode ? agencyOf(loaders, r.decidedByCode) : null),
  escalatedBy: (r, _, { loaders }) => (r.escalatedByCode ? agencyOf(loaders, r.escalatedByCode) : null),
  meeting: (r, _, { loaders }) => (r.meetingId ? loaders.jointMeeting.load(r.meetingId) : null),
  grant: async (r, _, ctx) => follow(ctx, sharingGrantRule, await ctx.loaders.grantByRequest.load(r._id)),
  version: (r) => r.version ?? 0,
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => dataRequestNextSteps(r),
  deadlines: (r) => dataRequestClocks(r),
  dueAt: (r) => dataRequestClocks(r)[0]?.dueAt ?? null,
  overdue: (r) => dataRequestClocks(r)[0]?.overdue ?? false,
};

export const dataRequestQuery: Pick<QueryResolvers, 'dataRequests' | 'dataRequest'> = {
  /** Filtered in the query (parties only, unless the caller sees all); reads of others' requests audited. */
  dataRequests: async (_, { filter, first, after }, ctx) => {
    const conn = await paginate<DataRequestDoc>(DataRequestModel, partyFilter(dataRequestRule, ctx.identity, dataRequestFilter(filter ?? {})), { first, after }, 'submittedAt');
    await auditReads(ctx, dataRequestRule, conn.nodes);
    return conn;
  },
  dataRequest: async (_, { id }, ctx) => readOne(ctx, dataRequestRule, id, await ctx.loaders.dataRequest.load(id)),
};

/**
 * The checks of lib/workflow's transition that come before the agency and role, with this machine's
 * extra rules: non-participants get FORBIDDEN; a move the request does not allow now (the joint meeting
 * is asked only once), or an act that does not start from `from` (DENIED by the compliance check and by
 * the provider are different acts), gets CONFLICT naming the allowed next steps.
 */
async function requireMove(id: string, identity: Identity, to: DataRequestStatus, from?: readonly DataRequestStatus[]): Promise<void> {
  const current = await DataRequestModel.findById(id).lean<DataRequestDoc>();
  if (!current || !participants(dataRequestMachine, current).has(identity.agency)) throw forbidden();
  const allowed = dataRequestNextSteps(current);
  if (!allowed.includes(to) || (from && !from.includes(current.status))) {
    const why = to === 'COORDINATION' && current.escalatedAt ? ' (the joint meeting has settled it already)' : '';
    throw conflict(`this ${LABEL} is ${current.status} and cannot move to ${to} this way${why}; allowed next: ${allowed.join(', ') || 'none (final)'}`, {
      currentStatus: current.status,
      allowed,
    });
  }
}

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

/** Writes the grant of a request (idempotent by its derived id); returns it. */
async function writeGrant(r: DataRequestDoc, terms: Omit<SharingGrantDoc, '_id' | 'requestId' | 'granteeCode' | 'providerCode' | 'resourceTypes' | 'scopeIds' | 'scopeFilter' | 'purpose' | 'legalBasis'>): Promise<string> {
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

const now = () => new Date();

/** One step of the request's machine: this machine's own checks, then lib/workflow's atomic transition. */
async function move(args: Omit<TransitionArgs<DataRequestStatus, DataRequestDoc>, 'model' | 'machine' | 'label'>, from?: readonly DataRequestStatus[]) {
  await requireMove(args.id, args.identity, args.to, from);
  return transition<DataRequestStatus, DataRequestDoc>({ model: DataRequestModel, machine: dataRequestMachine, label: LABEL, ...args });
}

export const dataRequestMutations: Pick<
  MutationResolvers,
  | 'submitDataRequest' | 'startComplianceCheck' | 'passComplianceCheck' | 'failComplianceCheck' | 'grantDataRequest' | 'denyDataRequest'
  | 'escalateDataRequest' | 'withdrawDataRequest'
> = {
  submitDataRequest: async (_, { input }, { identity }) => {
    requireRole(identity, ...WRITER_ROLES);
    const requesterCode = check.agencyCode('requester', identity.agency);
    const providerCode = check.agencyCode('providerCode', input.providerCode);
    if (providerCode === requesterCode) throw badInput('providerCode', 'must be another agency than yours');
    if (input.resourceTypes.length === 0) throw badInput('resourceTypes', 'name at least one kind of record');
    check.order('periodTo', input.periodFrom, input.periodTo, 'periodFrom');
    const submittedAt = now();
    const doc: Omit<DataRequestDoc, '_id'> = {
      requesterCode,
      providerCode,
      resourceTypes: [...new Set(input.resourceTypes)],
      scopeIds: [...new Set(input.scopeIds ?? [])],
      scopeFilter: optional('scopeFilter', input.scopeFilter, 2000),
      purpose: check.nonEmpty('purpose', input.purpose, 2000),
      legalBasis: check.nonEmpty('legalBasis', input.legalBasis, 2000),
      wantsPersonalData: input.wantsPersonalData,
      catalogued: input.catalogued !== false,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      status: 'SUBMITTED',
      submittedAt,
      version: 0,
      history: [{ ...created(identity, 'SUBMITTED'), at: submittedAt }],
    };
    try {
      const stored = await DataRequestModel.create({ ...doc, nextDueAt: dataRequestNextDueAt(doc as DataRequestDoc) });
      return stored.toObject() as DataRequestDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  startComplianceCheck: (_, { id, version, note }, { identity }) =>
    move({
      id, version, to: 'COMPLIANCE_CHECK', identity,
      note: optional('note', note, 2000),
      set: (r) => ({ complianceStartedAt: now(), nextDueAt: dataRequestNextDueAt({ ...r, status: 'COMPLIANCE_CHECK' }) }),
    }),

  passComplianceCheck: (_, { id, version, note }, { identity }) =>
    move({
      id, version, to: 'PROVIDER_REVIEW', identity,
      note: optional('note', note, 2000),
      set: (r) => {
        const at = now();
        return { providerReviewStartedAt: at, nextDueAt: dataRequestNextDueAt({ ...r, status: 'PROVIDER_REVIEW', providerReviewStartedAt: at }) };
      },
    }),

  failComplianceCheck: (_, { id, version, reason }, { identity }) =>
    move({
      id, version, to: 'DENIED', identity, note: reason.trim() || null,
      set: () => ({ decidedAt: now(), decidedByCode: identity.agency, decisionReason: check.nonEmpty('reason', reason, 2000), nextDueAt: null }),
    }, ['COMPLIANCE_CHECK']),

  grantDataRequest: async (_, { id, version, input }, ctx) => {
    const { identity } = ctx;
    const decidedAt = now();
    let terms: { allowsPersonalData: boolean; validFrom: Date; validUntil: Date } | undefined;
    const granted = await move({
      id, version, to: 'GRANTED', identity,
      note: optional('note', input?.note, 2000),
      set: async (r) => {
        const meetingId = await meetingFor(ctx, r, input?.meetingId);
        const allowsPersonalData = input?.allowsPersonalData ?? r.wantsPersonalData;
        if (allowsPersonalData && !r.wantsPersonalData) throw badInput('allowsPersonalData', 'the request did not ask for personal data; a grant may only narrow it');
        const max = maxValidUntil(r, decidedAt);
        const validUntil = input?.validUntil ?? max;
        if (validUntil <= decidedAt) throw badInput('validUntil', 'must be in the future');
        if (validUntil > max) throw badInput('validUntil', `must not be after ${max.toISOString()} (the end of the requested period, or ${GRANT_DAYS_FOR_PAST_PERIOD} days for past records)`);
        terms = { allowsPersonalData, validFrom: decidedAt, validUntil };
        return { decidedAt, decidedByCode: identity.agency, decisionReason: optional('note', input?.note, 2000), meetingId, nextDueAt: null };
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

  denyDataRequest: (_, { id, version, reason, meetingId }, ctx) =>
    move({
      id, version, to: 'DENIED', identity: ctx.identity, note: reason.trim() || null,
      set: async (r) => ({
        decidedAt: now(), decidedByCode: ctx.identity.agency, decisionReason: check.nonEmpty('reason', reason, 2000),
        meetingId: await meetingFor(ctx, r, meetingId), nextDueAt: null,
      }),
    }, ['PROVIDER_REVIEW', 'COORDINATION']),

  escalateDataRequest: (_, { id, version, reason }, { identity }) =>
    move({
      id, version, to: 'COORDINATION', identity, note: reason.trim() || null,
      set: () => ({ escalatedAt: now(), escalatedByCode: identity.agency, escalationReason: check.nonEmpty('reason', reason, 2000), nextDueAt: null }),
    }),

  withdrawDataRequest: (_, { id, version, reason }, { identity }) =>
    move({
      id, version, to: 'WITHDRAWN', identity,
      note: optional('reason', reason, 2000),
      set: () => ({ withdrawnAt: now(), nextDueAt: null }),
    }),
};

import { GraphQLError } from 'graphql';
import { PROCURATORATE_CODE } from '../../../lib/agencies';
import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { check } from '../../../lib/validate';
import { updateVersioned } from '../../../lib/versioned';
import { transition } from '../../../lib/workflow';
import type { MutationResolvers, TransferStatus } from '../__generated__/resolvers-types';
import { nextDueAt } from '../deadlines';
import { CriminalTransferModel, EnforcementCaseModel, TRANSFER_DATES, type CriminalTransferDoc } from '../models';
import { sentCounterparts } from '../policies';
import { act, TRANSFER_ACTS, TRANSFER_MACHINE, transferNextSteps } from '../workflow';

const LABEL = 'transfer';

/** The latest dated step of a transfer and its field (a new step must not come before it). */
function latestStep(t: CriminalTransferDoc): [Date, string] {
  let latest: [Date, string] = [t.reportedAt, 'reportedAt'];
  for (const field of TRANSFER_DATES) {
    const at = t[field];
    if (at && at > latest[0]) latest = [at, field];
  }
  return latest;
}

/** The date of a step (now when not given): not in the future, not before the transfer's latest step. */
function stepDate(field: string, value: Date | null | undefined, t: CriminalTransferDoc): Date {
  const at = check.notFuture(field, value ?? new Date());
  const [last, name] = latestStep(t);
  if (at < last) throw badInput(field, `must not be before ${name} (${chinaDate(last)})`);
  return at;
}

/** `set` plus the stored due date of the status the transfer will be in. */
function withDue(t: CriminalTransferDoc, set: Record<string, unknown>, status: TransferStatus = t.status): Record<string, unknown> {
  return { ...set, nextDueAt: nextDueAt({ ...t, ...set, status } as CriminalTransferDoc) };
}

/** A status move through lib/workflow `transition`; `set` validates against the current transfer and dates the move. */
async function move(identity: Identity, id: string, version: number, to: TransferStatus, note: string | null | undefined,
  set: (t: CriminalTransferDoc) => Record<string, unknown>) {
  try {
    return await transition<TransferStatus, CriminalTransferDoc>({
      model: CriminalTransferModel, machine: TRANSFER_MACHINE, label: LABEL, id, version, to, identity, note,
      set: (t) => withDue(t, set(t), to),
    });
  } catch (e) {
    throw await withoutSecondReconsideration(e, id, to);
  }
}

/**
 * lib/workflow names the machine's next steps in a refusal; a transfer reconsidered once cannot be
 * reconsidered again, so the refusal names the steps `allowedNextSteps` shows.
 */
async function withoutSecondReconsideration(e: unknown, id: string, to: TransferStatus): Promise<unknown> {
  const allowedBefore = e instanceof GraphQLError && e.extensions.code === 'CONFLICT' ? e.extensions.allowed : undefined;
  if (!Array.isArray(allowedBefore) || !allowedBefore.includes('RECONSIDERATION')) return e;
  const t = await CriminalTransferModel.findById(id, { status: 1, reconsiderationRequestedAt: 1 }).lean();
  if (!t?.reconsiderationRequestedAt) return e;
  const allowed = transferNextSteps(t);
  return conflict(`this ${LABEL} is ${t.status} and cannot move to ${to}; allowed next: ${allowed.join(', ') || 'none (final)'}`, { currentStatus: t.status, allowed });
}

/** A step that keeps the status (see TRANSFER_ACTS). */
function keep(identity: Identity, id: string, version: number, which: keyof typeof TRANSFER_ACTS, name: string, note: string | null | undefined,
  set: (t: CriminalTransferDoc) => Record<string, unknown>) {
  return act<TransferStatus, CriminalTransferDoc>({
    model: CriminalTransferModel, machine: TRANSFER_MACHINE, act: TRANSFER_ACTS[which], name, label: LABEL, id, version, identity, note,
    set: (t) => withDue(t, set(t)), allowed: transferNextSteps,
  });
}

const refuse = (t: CriminalTransferDoc, message: string) => conflict(message, { currentStatus: t.status, allowed: transferNextSteps(t) });

/** Optional free text of a step. */
const noteOf = (note: string | null | undefined) => (note == null || !note.trim() ? null : check.nonEmpty('note', note, 2000));

/** A required reason (refusal, non-filing, explanation): BAD_USER_INPUT when blank. */
const reasonOf = (field: string, value: string) => check.nonEmpty(field, value, 2000);

/**
 * The police and the procuratorate copied on a sent transfer become counterparts of its case (policies.ts).
 * `$addToSet`: idempotent, so a retried send adds them once; access data, so the case's version is not bumped.
 */
async function shareCaseWithCounterparts(t: Pick<CriminalTransferDoc, 'enforcementCaseId' | 'policeAgencyCode' | 'procuratorateCopyCode'>): Promise<void> {
  await EnforcementCaseModel.updateOne({ _id: t.enforcementCaseId }, { $addToSet: { counterpartCodes: { $each: sentCounterparts(t) } } });
}

/**
 * The case of a sent transfer is TRANSFERRED. Idempotent: a case already TRANSFERRED is left alone, so a retried
 * or racing send changes it once; a versioned write, so a clerk's concurrent edit of the case is not lost.
 */
async function markCaseTransferred(caseId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await EnforcementCaseModel.findById(caseId, { status: 1, version: 1 }).lean();
    if (!c || c.status === 'TRANSFERRED') return;
    try {
      await updateVersioned(EnforcementCaseModel, caseId, c.version, { status: 'TRANSFERRED' });
      return;
    } catch (e) {
      if (!(e instanceof GraphQLError && e.extensions.code === 'CONFLICT')) throw e;
    }
  }
  // Still contended: the transfer is sent all the same; a retried send repairs the case.
}

type TransferSteps = Pick<MutationResolvers,
  | 'approveTransfer' | 'refuseTransfer' | 'sendTransfer' | 'receiptTransfer' | 'startPoliceReview' | 'fileTransfer' | 'declineFiling'
  | 'requestReconsideration' | 'superviseTransfer' | 'explainNonFiling' | 'orderFiling' | 'handOverExhibits'>;

export const transferSteps: TransferSteps = {
  approveTransfer: (_, { id, version, approvedAt, note }, { identity }) =>
    move(identity, id, version, 'APPROVED', noteOf(note), (t) => ({ approvedAt: stepDate('approvedAt', approvedAt, t) })),

  refuseTransfer: (_, { id, version, reason, refusedAt }, { identity }) =>
    move(identity, id, version, 'REFUSED', reason.trim() || null, (t) => ({
      reason: reasonOf('reason', reason),
      refusedAt: stepDate('refusedAt', refusedAt, t),
    })),

  sendTransfer: async (_, { id, version, sentAt, note }, { identity }) => {
    let sent: CriminalTransferDoc;
    try {
      sent = await move(identity, id, version, 'SENT', noteOf(note), (t) => ({
        sentAt: stepDate('sentAt', sentAt, t),
        procuratorateCopyCode: PROCURATORATE_CODE,
        // From now on the police and the procuratorate see the transfer (policies.ts); a versioned write, so a set.
        counterpartCodes: [...new Set([...(t.counterpartCodes ?? []), ...sentCounterparts({ ...t, procuratorateCopyCode: PROCURATORATE_CODE })])],
      }));
    } catch (e) {
      // Sent already (a retry whose first answer was lost): make sure the case shows it, then refuse.
      const current = await CriminalTransferModel.findById(id, { sentAt: 1, enforcementCaseId: 1, policeAgencyCode: 1, procuratorateCopyCode: 1 }).lean();
      if (current?.sentAt) {
        await shareCaseWithCounterparts(current);
        await markCaseTransferred(current.enforcementCaseId);
      }
      throw e;
    }
    await shareCaseWithCounterparts(sent);
    await markCaseTransferred(sent.enforcementCaseId);
    return sent;
  },

  receiptTransfer: (_, { id, version, receiptedAt, note }, { identity }) =>
    move(identity, id, version, 'RECEIPTED', noteOf(note), (t) => ({ receiptedAt: stepDate('receiptedAt', receiptedAt, t) })),

  startPoliceReview: (_, { id, version, reviewStartedAt, note }, { identity }) =>
    move(identity, id, version, 'POLICE_REVIEW', noteOf(note), (t) => ({ reviewStartedAt: stepDate('reviewStartedAt', reviewStartedAt, t) })),

  fileTransfer: (_, { id, version, filedAt, note }, { identity }) =>
    move(identity, id, version, 'FILED', noteOf(note), (t) => {
      const at = stepDate('filedAt', filedAt, t);
      return t.status === 'RECONSIDERATION' ? { filedAt: at, reconsiderationDecidedAt: at } : { filedAt: at };
    }),

  declineFiling: (_, { id, version, reason, decidedAt }, { identity }) =>
    move(identity, id, version, 'NOT_FILED', reason.trim() || null, (t) => {
      const why = reasonOf('reason', reason);
      const at = stepDate('decidedAt', decidedAt, t);
      return t.status === 'RECONSIDERATION' ? { reason: why, reconsiderationDecidedAt: at } : { reason: why, notFiledAt: at };
    }),

  requestReconsideration: (_, { id, version, requestedAt, note }, { identity }) =>
    move(identity, id, version, 'RECONSIDERATION', noteOf(note), (t) => {
      if (t.reconsiderationRequestedAt) throw refuse(t, 'this transfer has been reconsidered once already; the procuratorate may supervise it');
      return { reconsiderationRequestedAt: stepDate('requestedAt', requestedAt, t) };
    }),

  superviseTransfer: (_, { id, version, startedAt, note }, { identity }) =>
    move(identity, id, version, 'PROCURATORATE_SUPERVISION', noteOf(note), (t) => ({ supervisionStartedAt: stepDate('startedAt', startedAt, t) })),

  explainNonFiling: (_, { id, version, explanation, explainedAt }, { identity }) =>
    keep(identity, id, version, 'explain', 'explained', explanation.trim() || null, (t) => {
      const text = reasonOf('explanation', explanation);
      if (t.explainedAt) throw refuse(t, 'the police have explained the non-filing already');
      if (t.orderedAt) throw refuse(t, 'the procuratorate has already ordered this transfer filed');
      return { explanation: text, explainedAt: stepDate('explainedAt', explainedAt, t) };
    }),

  orderFiling: (_, { id, version, orderedAt, note }, { identity }) =>
    keep(identity, id, version, 'order', 'ordered to file', noteOf(note), (t) => {
      if (t.orderedAt) throw refuse(t, 'filing has been ordered already');
      return { orderedAt: stepDate('orderedAt', orderedAt, t) };
    }),

  handOverExhibits: (_, { id, version, handedOverAt, note }, { identity }) =>
    keep(identity, id, version, 'handOver', 'handed over', noteOf(note), (t) => {
      if (t.exhibitsHandedOverAt) throw refuse(t, 'the exhibits have been handed over already');
      return { exhibitsHandedOverAt: stepDate('handedOverAt', handedOverAt, t) };
    }),
};

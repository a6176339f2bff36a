import { PROCURATORATE_CODE } from '../../../lib/agencies';
import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc } from '../models';
import { transfers } from '../workflow';

const dateOf = transfers.stepDate;

/**
 * The case of a sent transfer is TRANSFERRED and seen by the transfer's counterparts (policies.ts). Each write is
 * atomic and idempotent, so a retried or racing send changes the case once; the status write bumps the case's
 * version, so a clerk's edit read before it is refused (CONFLICT) rather than lost.
 */
async function showOnCase(t: CriminalTransferDoc): Promise<void> {
  const _id = t.enforcementCaseId;
  const codes = t.counterpartCodes ?? [];
  // Only a case that lacks something is written (a repaired retry, or anyone's refused retry, changes nothing else).
  await EnforcementCaseModel.updateOne({ _id, counterpartCodes: { $not: { $all: codes } } }, { $addToSet: { counterpartCodes: { $each: codes } } }, { timestamps: false });
  await EnforcementCaseModel.updateOne({ _id, status: { $ne: 'TRANSFERRED' } }, { $set: { status: 'TRANSFERRED' }, $inc: { version: 1 } });
}

type TransferSteps = Pick<MutationResolvers,
  | 'approveTransfer' | 'refuseTransfer' | 'sendTransfer' | 'receiptTransfer' | 'startPoliceReview' | 'fileTransfer' | 'declineFiling'
  | 'requestReconsideration' | 'superviseTransfer' | 'explainNonFiling' | 'orderFiling' | 'handOverExhibits' | 'closeSupervision'>;

export const transferSteps: TransferSteps = {
  approveTransfer: (_, { id, version, approvedAt, note }, ctx) =>
    transfers.move(ctx, 'APPROVED', { id, version, note: noteOf(note), set: (t) => ({ approvedAt: dateOf('approvedAt', approvedAt, t) }) }),

  refuseTransfer: (_, { id, version, reason, refusedAt }, ctx) =>
    transfers.move(ctx, 'REFUSED', {
      id, version, note: historyNote(reason),
      set: (t) => ({ reason: required('reason', reason), refusedAt: dateOf('refusedAt', refusedAt, t) }),
    }),

  sendTransfer: async (_, { id, version, sentAt, note }, ctx) => {
    let sent: CriminalTransferDoc;
    try {
      sent = await transfers.move(ctx, 'SENT', {
        id, version, note: noteOf(note),
        set: (t) => ({ sentAt: dateOf('sentAt', sentAt, t), procuratorateCopyCode: PROCURATORATE_CODE }),
      });
    } catch (e) {
      // Refused too: a retried send whose first answer was lost still makes sure the case shows the transfer.
      const already = await CriminalTransferModel.findById(id).lean<CriminalTransferDoc>();
      if (already?.sentAt) await showOnCase(already);
      throw e;
    }
    await showOnCase(sent);
    return sent;
  },

  receiptTransfer: (_, { id, version, receiptedAt, note }, ctx) =>
    transfers.move(ctx, 'RECEIPTED', { id, version, note: noteOf(note), set: (t) => ({ receiptedAt: dateOf('receiptedAt', receiptedAt, t) }) }),

  startPoliceReview: (_, { id, version, reviewStartedAt, note }, ctx) =>
    transfers.move(ctx, 'POLICE_REVIEW', { id, version, note: noteOf(note), set: (t) => ({ reviewStartedAt: dateOf('reviewStartedAt', reviewStartedAt, t) }) }),

  fileTransfer: (_, { id, version, filedAt, note }, ctx) =>
    transfers.move(ctx, 'FILED', {
      id, version, note: noteOf(note),
      set: (t) => {
        const at = dateOf('filedAt', filedAt, t);
        return t.status === 'RECONSIDERATION' ? { filedAt: at, reconsiderationDecidedAt: at } : { filedAt: at };
      },
    }),

  declineFiling: (_, { id, version, reason, decidedAt }, ctx) =>
    transfers.move(ctx, 'NOT_FILED', {
      id, version, note: historyNote(reason),
      set: (t) => {
        const why = required('reason', reason);
        const at = dateOf('decidedAt', decidedAt, t);
        return t.status === 'RECONSIDERATION' ? { reason: why, reconsiderationDecidedAt: at } : { reason: why, notFiledAt: at };
      },
    }),

  // Asked once only: the definition's `unless` refuses a second request.
  requestReconsideration: (_, { id, version, requestedAt, note }, ctx) =>
    transfers.move(ctx, 'RECONSIDERATION', { id, version, note: noteOf(note), set: (t) => ({ reconsiderationRequestedAt: dateOf('requestedAt', requestedAt, t) }) }),

  superviseTransfer: (_, { id, version, startedAt, note }, ctx) =>
    transfers.move(ctx, 'PROCURATORATE_SUPERVISION', { id, version, note: noteOf(note), set: (t) => ({ supervisionStartedAt: dateOf('startedAt', startedAt, t) }) }),

  // 不立案理由成立: only after the police's explanation and without an order to file (the definition's `unless`).
  closeSupervision: (_, { id, version, reason, closedAt }, ctx) =>
    transfers.move(ctx, 'SUPERVISION_CLOSED', {
      id, version, note: historyNote(reason),
      set: (t) => ({ supervisionClosedReason: required('reason', reason), supervisionClosedAt: dateOf('closedAt', closedAt, t) }),
    }),

  explainNonFiling: (_, { id, version, explanation, explainedAt }, ctx) =>
    transfers.act(ctx, 'explain', {
      id, version, note: historyNote(explanation),
      set: (t) => {
        const text = required('explanation', explanation);
        if (t.explainedAt) throw transfers.refuse(t, 'the police have explained the non-filing already');
        if (t.orderedAt) throw transfers.refuse(t, 'the procuratorate has already ordered this transfer filed');
        return { explanation: text, explainedAt: dateOf('explainedAt', explainedAt, t) };
      },
    }),

  orderFiling: (_, { id, version, orderedAt, note }, ctx) =>
    transfers.act(ctx, 'order', {
      id, version, note: noteOf(note),
      set: (t) => {
        if (t.orderedAt) throw transfers.refuse(t, 'filing has been ordered already');
        return { orderedAt: dateOf('orderedAt', orderedAt, t) };
      },
    }),

  handOverExhibits: (_, { id, version, handedOverAt, note }, ctx) =>
    transfers.act(ctx, 'handOver', {
      id, version, note: noteOf(note),
      set: (t) => {
        if (t.exhibitsHandedOverAt) throw transfers.refuse(t, 'the exhibits have been handed over already');
        return { exhibitsHandedOverAt: dateOf('handedOverAt', handedOverAt, t) };
      },
    }),
};

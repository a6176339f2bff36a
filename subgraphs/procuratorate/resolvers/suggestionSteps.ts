import { conflict } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { transition } from '../../../lib/workflow';
import type { MutationResolvers, SuggestionStatus } from '../__generated__/resolvers-types';
import { suggestionNextDueAt, suggestionReplyDueAt } from '../deadlines';
import { SUGGESTION_DATES, SuggestionModel, type SuggestionDoc } from '../models';
import { act, RECTIFICATION_PROGRESS, replyOverdue, SUGGESTION_MACHINE, suggestionNextSteps } from '../workflow';
import { historyNote, latestStep, noteOf, required, stepDate } from './steps';

const LABEL = 'suggestion';

/** The date of a step of `s`: now by default, not in the future, not before its latest step. */
const dateOf = (field: string, value: Date | null | undefined, s: SuggestionDoc) => stepDate(field, value, latestStep(s, SUGGESTION_DATES));

/** `set` plus the stored due dates of the status the suggestion will be in. */
function withDue(s: SuggestionDoc, set: Record<string, unknown>, status: SuggestionStatus): Record<string, unknown> {
  const next = { ...s, ...set, status } as SuggestionDoc;
  return { ...set, replyDueAt: suggestionReplyDueAt(next), nextDueAt: suggestionNextDueAt(next) };
}

function move(identity: Identity, id: string, version: number, to: SuggestionStatus, note: string | null,
  set: (s: SuggestionDoc) => Record<string, unknown>) {
  return transition<SuggestionStatus, SuggestionDoc>({
    model: SuggestionModel, machine: SUGGESTION_MACHINE, label: LABEL, id, version, to, identity, note,
    set: (s) => withDue(s, set(s), to),
  });
}

type SuggestionSteps = Pick<MutationResolvers,
  | 'approveSuggestion' | 'serveSuggestion' | 'objectToSuggestion' | 'upholdSuggestion' | 'amendSuggestion' | 'withdrawSuggestion'
  | 'replyToSuggestion' | 'startSuggestionRectification' | 'reportRectificationProgress' | 'verifySuggestion' | 'closeSuggestion'
  | 'escalateSuggestion'>;

export const suggestionSteps: SuggestionSteps = {
  approveSuggestion: (_, { id, version, approvedAt, note }, { identity }) =>
    move(identity, id, version, 'APPROVED', noteOf(note), (s) => ({ approvedAt: dateOf('approvedAt', approvedAt, s) })),

  serveSuggestion: (_, { id, version, servedAt, note }, { identity }) =>
    move(identity, id, version, 'SERVED', noteOf(note), (s) => ({ servedAt: dateOf('servedAt', servedAt, s) })),

  objectToSuggestion: (_, { id, version, reason, objectedAt }, { identity }) =>
    move(identity, id, version, 'OBJECTED', historyNote(reason), (s) => ({
      objectionReason: required('reason', reason),
      objectedAt: dateOf('objectedAt', objectedAt, s),
    })),

  upholdSuggestion: (_, { id, version, reason, decidedAt }, { identity }) =>
    move(identity, id, version, 'UPHELD', historyNote(reason), (s) => ({
      objectionAnswer: required('reason', reason),
      objectionDecidedAt: dateOf('decidedAt', decidedAt, s),
    })),

  amendSuggestion: (_, { id, version, content, note, decidedAt }, { identity }) =>
    move(identity, id, version, 'AMENDED', noteOf(note), (s) => ({
      content: required('content', content, 5000),
      originalContent: s.originalContent ?? s.content,
      objectionAnswer: noteOf(note),
      objectionDecidedAt: dateOf('decidedAt', decidedAt, s),
    })),

  withdrawSuggestion: (_, { id, version, reason, withdrawnAt }, { identity }) =>
    move(identity, id, version, 'WITHDRAWN', historyNote(reason), (s) => {
      const at = dateOf('withdrawnAt', withdrawnAt, s);
      return { withdrawalReason: required('reason', reason), withdrawnAt: at, objectionDecidedAt: at };
    }),

  replyToSuggestion: (_, { id, version, reply, repliedAt }, { identity }) =>
    move(identity, id, version, 'REPLIED', null, (s) => ({ reply: required('reply', reply, 5000), repliedAt: dateOf('repliedAt', repliedAt, s) })),

  startSuggestionRectification: (_, { id, version, plan, startedAt }, { identity }) =>
    move(identity, id, version, 'RECTIFYING', null, (s) => ({
      rectificationPlan: required('plan', plan, 5000),
      rectificationStartedAt: dateOf('startedAt', startedAt, s),
    })),

  reportRectificationProgress: (_, { id, version, progress, reportedAt }, { identity }) =>
    act<SuggestionStatus, SuggestionDoc>({
      model: SuggestionModel, machine: SUGGESTION_MACHINE, act: RECTIFICATION_PROGRESS, name: 'report rectification progress',
      label: LABEL, id, version, identity, note: historyNote(progress),
      set: (s) => ({ rectificationProgress: required('progress', progress, 5000), rectificationReportedAt: dateOf('reportedAt', reportedAt, s) }),
    }),

  verifySuggestion: (_, { id, version, note, verifiedAt }, { identity }) =>
    move(identity, id, version, 'VERIFIED', historyNote(note), (s) => ({
      verificationNote: required('note', note),
      verifiedAt: dateOf('verifiedAt', verifiedAt, s),
    })),

  closeSuggestion: (_, { id, version, closedAt, note }, { identity }) =>
    move(identity, id, version, 'CLOSED', noteOf(note), (s) => ({ closedAt: dateOf('closedAt', closedAt, s) })),

  escalateSuggestion: (_, { id, version, escalatedTo, reason, escalatedAt }, { identity }) =>
    move(identity, id, version, 'ESCALATED', historyNote(reason), (s) => {
      const to = required('escalatedTo', escalatedTo, 200);
      const why = required('reason', reason);
      const at = dateOf('escalatedAt', escalatedAt, s);
      if (!replyOverdue(s, at)) {
        throw conflict(`this suggestion's reply is not overdue (due ${suggestionReplyDueAt(s)?.toISOString()}): it can be escalated only after`, {
          currentStatus: s.status,
          allowed: suggestionNextSteps(s),
        });
      }
      return { escalatedTo: to, escalationReason: why, escalatedAt: at };
    }),
};

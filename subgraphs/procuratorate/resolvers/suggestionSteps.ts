import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { notOverdue, replyOverdue, suggestions } from '../workflow';
import { shareCase } from './counterparts';

const dateOf = suggestions.stepDate;

type SuggestionSteps = Pick<MutationResolvers,
  | 'approveSuggestion' | 'serveSuggestion' | 'objectToSuggestion' | 'upholdSuggestion' | 'amendSuggestion' | 'withdrawSuggestion'
  | 'replyToSuggestion' | 'startSuggestionRectification' | 'reportRectificationProgress' | 'verifySuggestion' | 'closeSuggestion'
  | 'escalateSuggestion' | 'discardSuggestion'>;

export const suggestionSteps: SuggestionSteps = {
  approveSuggestion: (_, { id, version, approvedAt, note }, ctx) =>
    suggestions.move(ctx, 'APPROVED', { id, version, note: noteOf(note), set: (s) => ({ approvedAt: dateOf('approvedAt', approvedAt, s) }) }),

  serveSuggestion: async (_, { id, version, servedAt, note }, ctx) => {
    const served = await suggestions.move(ctx, 'SERVED', { id, version, note: noteOf(note), set: (s) => ({ servedAt: dateOf('servedAt', servedAt, s) }) });
    await shareCase(ctx, served);
    return served;
  },

  objectToSuggestion: (_, { id, version, reason, objectedAt }, ctx) =>
    suggestions.move(ctx, 'OBJECTED', {
      id, version, note: historyNote(reason),
      set: (s) => ({ objectionReason: required('reason', reason), objectedAt: dateOf('objectedAt', objectedAt, s) }),
    }),

  upholdSuggestion: (_, { id, version, reason, decidedAt }, ctx) =>
    suggestions.move(ctx, 'UPHELD', {
      id, version, note: historyNote(reason),
      set: (s) => ({ objectionAnswer: required('reason', reason), objectionDecidedAt: dateOf('decidedAt', decidedAt, s) }),
    }),

  amendSuggestion: (_, { id, version, content, note, decidedAt }, ctx) =>
    suggestions.move(ctx, 'AMENDED', {
      id, version, note: noteOf(note),
      set: (s) => ({
        content: required('content', content, 5000),
        originalContent: s.originalContent ?? s.content,
        objectionAnswer: noteOf(note),
        objectionDecidedAt: dateOf('decidedAt', decidedAt, s),
      }),
    }),

  withdrawSuggestion: (_, { id, version, reason, withdrawnAt }, ctx) =>
    suggestions.move(ctx, 'WITHDRAWN', {
      id, version, note: historyNote(reason),
      set: (s) => {
        const at = dateOf('withdrawnAt', withdrawnAt, s);
        return { withdrawalReason: required('reason', reason), withdrawnAt: at, objectionDecidedAt: at };
      },
    }),

  replyToSuggestion: (_, { id, version, reply, repliedAt }, ctx) =>
    suggestions.move(ctx, 'REPLIED', { id, version, set: (s) => ({ reply: required('reply', reply, 5000), repliedAt: dateOf('repliedAt', repliedAt, s) }) }),

  startSuggestionRectification: (_, { id, version, plan, startedAt }, ctx) =>
    suggestions.move(ctx, 'RECTIFYING', {
      id, version,
      set: (s) => ({ rectificationPlan: required('plan', plan, 5000), rectificationStartedAt: dateOf('startedAt', startedAt, s) }),
    }),

  reportRectificationProgress: (_, { id, version, progress, reportedAt }, ctx) =>
    suggestions.act(ctx, 'reportProgress', {
      id, version, note: historyNote(progress),
      set: (s) => ({ rectificationProgress: required('progress', progress, 5000), rectificationReportedAt: dateOf('reportedAt', reportedAt, s) }),
    }),

  verifySuggestion: (_, { id, version, note, verifiedAt }, ctx) =>
    suggestions.move(ctx, 'VERIFIED', {
      id, version, note: historyNote(note),
      set: (s) => ({ verificationNote: required('note', note), verifiedAt: dateOf('verifiedAt', verifiedAt, s) }),
    }),

  closeSuggestion: (_, { id, version, closedAt, note }, ctx) =>
    suggestions.move(ctx, 'CLOSED', { id, version, note: noteOf(note), set: (s) => ({ closedAt: dateOf('closedAt', closedAt, s) }) }),

  discardSuggestion: (_, { id, version, reason, discardedAt }, ctx) =>
    suggestions.move(ctx, 'DISCARDED', {
      id, version, note: historyNote(reason),
      set: (s) => ({ discardReason: required('reason', reason), discardedAt: dateOf('discardedAt', discardedAt, s) }),
    }),

  escalateSuggestion: (_, { id, version, escalatedTo, reason, escalatedAt }, ctx) =>
    suggestions.move(ctx, 'ESCALATED', {
      id, version, note: historyNote(reason),
      set: (s) => {
        const to = required('escalatedTo', escalatedTo, 200);
        const why = required('reason', reason);
        const at = dateOf('escalatedAt', escalatedAt, s);
        // Overdue now (the step's condition) and at the date the clerk gives.
        if (!replyOverdue(s, at)) throw suggestions.refuse(s, notOverdue(s));
        return { escalatedTo: to, escalationReason: why, escalatedAt: at };
      },
    }),
};

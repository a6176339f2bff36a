import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { historyNote, noteOf, required, stepDate, type StepInput } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { suggestionReplyDueAt } from '../deadlines';
import { SuggestionModel, type PublicInterestStatus, type SuggestionDoc } from '../models';
import { publicInterestCases, type PublicInterestCaseDoc } from '../workflow';
import type { Context } from '../context';
import { recordId } from './caseMutations';

const dateOf = (field: string, value: Date | null | undefined, c: PublicInterestCaseDoc) => publicInterestCases.stepDate(field, value, c);

/** Only public-interest cases take these steps: the owner of another kind of case is told so (others get FORBIDDEN from the move). */
async function requirePublicInterest(ctx: Context, id: string): Promise<void> {
  const c = await ctx.loaders.procuratorateCase.load(id);
  if (c && c.type !== 'PUBLIC_INTEREST' && c.agencyCode === ctx.identity.agency) {
    throw conflict(`only public-interest cases take this step; this is a ${c.type} case (use updateProcuratorateCase)`, { currentStatus: c.status, allowed: [] });
  }
}

async function move(ctx: Context, to: PublicInterestStatus, step: StepInput<PublicInterestCaseDoc, PublicInterestStatus>) {
  await requirePublicInterest(ctx, step.id);
  return publicInterestCases.move(ctx, to, step);
}

/** The pre-suit suggestion to link: of this case, PUBLIC_INTEREST_PRE_SUIT, served, not withdrawn, issued after the case's latest step. */
async function preSuitSuggestion(c: PublicInterestCaseDoc, suggestionId: string): Promise<SuggestionDoc> {
  const s = await SuggestionModel.findById(recordId('suggestionId', suggestionId)).lean<SuggestionDoc>();
  if (!s || s.procuratorateCaseId !== c._id) throw badInput('suggestionId', 'is not a suggestion of this case');
  if (s.kind !== 'PUBLIC_INTEREST_PRE_SUIT') throw badInput('suggestionId', `is a ${s.kind} suggestion, not PUBLIC_INTEREST_PRE_SUIT`);
  if (!s.servedAt || s.status === 'WITHDRAWN') throw badInput('suggestionId', `is ${s.status}: serve the suggestion first (a withdrawn one cannot be linked)`);
  const latest = publicInterestCases.latestStep(c);
  if (latest && s.issuedAt < latest[0]) throw badInput('suggestionId', `was issued before the case's ${latest[1]} (${chinaDate(latest[0])})`);
  return s;
}

type CaseSteps = Pick<MutationResolvers,
  | 'filePublicInterestCase' | 'startPublicInterestConsultation' | 'recordPreSuitSuggestion' | 'followUpPublicInterestCase'
  | 'terminatePublicInterestCase' | 'issueTerminationNotice' | 'litigatePublicInterestCase'>;

export const caseSteps: CaseSteps = {
  filePublicInterestCase: (_, { id, version, filedAt, note }, ctx) =>
    move(ctx, 'FILED', { id, version, note: noteOf(note), set: (c) => ({ filedAt: dateOf('filedAt', filedAt, c) }) }),

  startPublicInterestConsultation: (_, { id, version, agencyCode, startedAt, note }, ctx) =>
    move(ctx, 'CONSULTATION', { id, version, note: noteOf(note), set: (c) => ({
      consultationAgencyCode: agencyCode == null ? null : check.agencyCode('agencyCode', agencyCode),
      consultationStartedAt: dateOf('startedAt', startedAt, c),
    }) }),

  recordPreSuitSuggestion: (_, { id, version, suggestionId, note }, ctx) =>
    move(ctx, 'PRE_SUIT_SUGGESTION', { id, version, note: noteOf(note), set: async (c) => {
      const s = await preSuitSuggestion(c, suggestionId);
      return { preSuitSuggestionId: s._id, preSuitSuggestionAt: s.issuedAt, preSuitReplyDueAt: suggestionReplyDueAt(s) };
    } }),

  followUpPublicInterestCase: (_, { id, version, note, followedUpAt }, ctx) =>
    move(ctx, 'FOLLOW_UP', { id, version, note: historyNote(note), set: (c) => ({
      followUpNote: required('note', note),
      followUpAt: dateOf('followedUpAt', followedUpAt, c),
    }) }),

  terminatePublicInterestCase: (_, { id, version, reason, terminatedAt, noticeIssuedAt }, ctx) =>
    move(ctx, 'TERMINATED', { id, version, note: historyNote(reason), set: (c) => {
      const why = required('reason', reason);
      const at = dateOf('terminatedAt', terminatedAt, c);
      const notice = noticeIssuedAt == null ? null : stepDate('noticeIssuedAt', noticeIssuedAt, [at, 'terminatedAt']);
      return { terminationReason: why, terminatedAt: at, closedAt: at, noticeIssuedAt: notice };
    } }),

  issueTerminationNotice: async (_, { id, version, noticeIssuedAt, note }, ctx) => {
    await requirePublicInterest(ctx, id);
    return publicInterestCases.act(ctx, 'issueNotice', {
      id, version, note: noteOf(note),
      set: (c) => {
        if (c.noticeIssuedAt) throw conflict('the termination notice has been issued already', { currentStatus: c.status, allowed: [] });
        return { noticeIssuedAt: dateOf('noticeIssuedAt', noticeIssuedAt, c) };
      },
    });
  },

  litigatePublicInterestCase: (_, { id, version, court, litigatedAt, note }, ctx) =>
    move(ctx, 'LITIGATED', { id, version, note: noteOf(note), set: (c) => {
      const where = required('court', court, 200);
      const at = dateOf('litigatedAt', litigatedAt, c);
      if (c.preSuitReplyDueAt && at <= c.preSuitReplyDueAt) {
        throw badInput('litigatedAt', `must be after the reply period of the pre-suit suggestion (${chinaDate(c.preSuitReplyDueAt)})`);
      }
      return { court: where, litigatedAt: at };
    } }),
};

import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { transition } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { caseNextDueAt, suggestionReplyDueAt } from '../deadlines';
import { ProcuratorateCaseModel, PUBLIC_INTEREST_DATES, SuggestionModel, type PublicInterestStatus, type SuggestionDoc } from '../models';
import { act, PUBLIC_INTEREST_MACHINE, TERMINATION_NOTICE, type PublicInterestCaseDoc } from '../workflow';
import type { Context } from '../context';
import { recordId } from './caseMutations';
import { historyNote, latestStep, noteOf, required, stepDate } from './steps';

const LABEL = 'public-interest case';

const dateOf = (field: string, value: Date | null | undefined, c: PublicInterestCaseDoc) => stepDate(field, value, latestStep(c, PUBLIC_INTEREST_DATES));

function withDue(c: PublicInterestCaseDoc, set: Record<string, unknown>, status: PublicInterestStatus): Record<string, unknown> {
  return { ...set, nextDueAt: caseNextDueAt({ ...c, ...set, status } as PublicInterestCaseDoc) };
}

/** Only public-interest cases take these steps: the owner of another kind of case is told so (others get FORBIDDEN from the move). */
async function requirePublicInterest(ctx: Context, id: string): Promise<void> {
  const c = await ctx.loaders.procuratorateCase.load(id);
  if (c && c.type !== 'PUBLIC_INTEREST' && c.agencyCode === ctx.identity.agency) {
    throw conflict(`only public-interest cases take this step; this is a ${c.type} case (use updateProcuratorateCase)`, { currentStatus: c.status, allowed: [] });
  }
}

async function move(ctx: Context, id: string, version: number, to: PublicInterestStatus, note: string | null,
  set: (c: PublicInterestCaseDoc) => Record<string, unknown> | Promise<Record<string, unknown>>) {
  await requirePublicInterest(ctx, id);
  return transition<PublicInterestStatus, PublicInterestCaseDoc>({
    model: ProcuratorateCaseModel, machine: PUBLIC_INTEREST_MACHINE, label: LABEL, id, version, to, identity: ctx.identity, note,
    set: async (c) => withDue(c, await set(c), to),
  });
}

/** The pre-suit suggestion to link: of this case, PUBLIC_INTEREST_PRE_SUIT, served, not withdrawn, issued after the case's latest step. */
async function preSuitSuggestion(c: PublicInterestCaseDoc, suggestionId: string): Promise<SuggestionDoc> {
  const s = await SuggestionModel.findById(recordId('suggestionId', suggestionId)).lean<SuggestionDoc>();
  if (!s || s.procuratorateCaseId !== c._id) throw badInput('suggestionId', 'is not a suggestion of this case');
  if (s.kind !== 'PUBLIC_INTEREST_PRE_SUIT') throw badInput('suggestionId', `is a ${s.kind} suggestion, not PUBLIC_INTEREST_PRE_SUIT`);
  if (!s.servedAt || s.status === 'WITHDRAWN') throw badInput('suggestionId', `is ${s.status}: serve the suggestion first (a withdrawn one cannot be linked)`);
  const latest = latestStep(c, PUBLIC_INTEREST_DATES);
  if (latest && s.issuedAt < latest[0]) throw badInput('suggestionId', `was issued before the case's ${latest[1]} (${chinaDate(latest[0])})`);
  return s;
}

type CaseSteps = Pick<MutationResolvers,
  | 'filePublicInterestCase' | 'startPublicInterestConsultation' | 'recordPreSuitSuggestion' | 'followUpPublicInterestCase'
  | 'terminatePublicInterestCase' | 'issueTerminationNotice' | 'litigatePublicInterestCase'>;

export const caseSteps: CaseSteps = {
  filePublicInterestCase: (_, { id, version, filedAt, note }, ctx) =>
    move(ctx, id, version, 'FILED', noteOf(note), (c) => ({ filedAt: dateOf('filedAt', filedAt, c) })),

  startPublicInterestConsultation: (_, { id, version, agencyCode, startedAt, note }, ctx) =>
    move(ctx, id, version, 'CONSULTATION', noteOf(note), (c) => ({
      consultationAgencyCode: agencyCode == null ? null : check.agencyCode('agencyCode', agencyCode),
      consultationStartedAt: dateOf('startedAt', startedAt, c),
    })),

  recordPreSuitSuggestion: (_, { id, version, suggestionId, note }, ctx) =>
    move(ctx, id, version, 'PRE_SUIT_SUGGESTION', noteOf(note), async (c) => {
      const s = await preSuitSuggestion(c, suggestionId);
      return { preSuitSuggestionId: s._id, preSuitSuggestionAt: s.issuedAt, preSuitReplyDueAt: suggestionReplyDueAt(s) };
    }),

  followUpPublicInterestCase: (_, { id, version, note, followedUpAt }, ctx) =>
    move(ctx, id, version, 'FOLLOW_UP', historyNote(note), (c) => ({
      followUpNote: required('note', note),
      followUpAt: dateOf('followedUpAt', followedUpAt, c),
    })),

  terminatePublicInterestCase: (_, { id, version, reason, terminatedAt, noticeIssuedAt }, ctx) =>
    move(ctx, id, version, 'TERMINATED', historyNote(reason), (c) => {
      const why = required('reason', reason);
      const at = dateOf('terminatedAt', terminatedAt, c);
      const notice = noticeIssuedAt == null ? null : stepDate('noticeIssuedAt', noticeIssuedAt, [at, 'terminatedAt']);
      return { terminationReason: why, terminatedAt: at, closedAt: at, noticeIssuedAt: notice };
    }),

  issueTerminationNotice: async (_, { id, version, noticeIssuedAt, note }, ctx) => {
    await requirePublicInterest(ctx, id);
    return act<PublicInterestStatus, PublicInterestCaseDoc>({
      model: ProcuratorateCaseModel, machine: PUBLIC_INTEREST_MACHINE, act: TERMINATION_NOTICE, name: 'issue the termination notice',
      label: LABEL, id, version, identity: ctx.identity, note: noteOf(note),
      set: (c) => {
        if (c.noticeIssuedAt) throw conflict('the termination notice has been issued already', { currentStatus: c.status, allowed: [] });
        return withDue(c, { noticeIssuedAt: dateOf('noticeIssuedAt', noticeIssuedAt, c) }, c.status);
      },
    });
  },

  litigatePublicInterestCase: (_, { id, version, court, litigatedAt, note }, ctx) =>
    move(ctx, id, version, 'LITIGATED', noteOf(note), (c) => {
      const where = required('court', court, 200);
      const at = dateOf('litigatedAt', litigatedAt, c);
      if (c.preSuitReplyDueAt && at <= c.preSuitReplyDueAt) {
        throw badInput('litigatedAt', `must be after the reply period of the pre-suit suggestion (${chinaDate(c.preSuitReplyDueAt)})`);
      }
      return { court: where, litigatedAt: at };
    }),
};

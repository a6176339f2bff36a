import { requireWriterOf } from '../../../lib/access';
import { badInput, conflict, forbidden } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Policy } from '../../../lib/access';
import type { Context } from '../context';
import type { Loaders } from '../loaders';
import { reverseReferralPolicy, suggestionPolicy } from '../policies';
import { ProcuratorateCaseModel } from '../models';
import { referrals, suggestions } from '../workflow';
import { caseMutations, recordId } from './caseMutations';
import { caseSteps } from './caseSteps';
import { referralSteps } from './referralSteps';
import { suggestionSteps } from './suggestionSteps';

/** The target of a suggestion or the competent agency of a referral becomes a workflow counterpart of the case (policies.ts). */
async function addCounterpart(loaders: Loaders, caseId: string, agencyCode: string): Promise<void> {
  await ProcuratorateCaseModel.updateOne({ _id: caseId }, { $addToSet: { counterpartCodes: agencyCode } });
  loaders.procuratorateCase.clear(caseId);
}

/**
 * The steps of suggestions and referrals that their workflow counterparts take (object, reply, decide...) are open
 * only while the caller may see the record: a sealed one (its case sealed) is its owner's alone, on every path, so
 * its counterpart gets FORBIDDEN, the same answer as for a record outside its workflow.
 */
function visibleOnly<S extends object, D>(steps: S, policy: Policy<D>, load: (ctx: Context, id: string) => Promise<D | null>): S {
  type Step = (parent: unknown, args: { id: string }, ctx: Context, info: unknown) => unknown;
  return Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [
      name,
      async (parent: unknown, args: { id: string }, ctx: Context, info: unknown) => {
        const doc = await load(ctx, args.id);
        if (doc && !(await ctx.access.decide(policy, doc))) throw forbidden();
        return (step as Step)(parent, args, ctx, info);
      },
    ]),
  ) as S;
}

export const Mutation: MutationResolvers = {
  ...caseMutations,
  ...caseSteps,
  ...visibleOnly(suggestionSteps, suggestionPolicy, (ctx, id) => ctx.loaders.suggestion.load(id)),
  ...visibleOnly(referralSteps, reverseReferralPolicy, (ctx, id) => ctx.loaders.referral.load(id)),

  issueSuggestion: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    const targetAgencyCode = check.agencyCode('targetAgencyCode', input.targetAgencyCode);
    if (targetAgencyCode === c.agencyCode) throw badInput('targetAgencyCode', 'must be another agency than the one issuing the suggestion');
    if (input.kind === 'PUBLIC_INTEREST_PRE_SUIT' && c.type !== 'PUBLIC_INTEREST') {
      throw badInput('kind', 'PUBLIC_INTEREST_PRE_SUIT needs a PUBLIC_INTEREST case');
    }
    if (input.harmSpreading && input.kind !== 'PUBLIC_INTEREST_PRE_SUIT') {
      throw badInput('harmSpreading', 'applies to PUBLIC_INTEREST_PRE_SUIT suggestions only');
    }
    check.order('issuedAt', c.acceptedAt, input.issuedAt, 'the case acceptedAt');
    const doc = await suggestions.create(ctx, {
        number: check.nonEmpty('number', input.number, 100),
        kind: input.kind,
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        targetAgencyCode,
        sealed: c.sealed === true,
        content: check.nonEmpty('content', input.content),
        issuedAt: check.notFuture('issuedAt', input.issuedAt),
        harmSpreading: input.harmSpreading ?? false,
        status: 'DRAFT',
      });
    await addCounterpart(loaders, c._id, targetAgencyCode);
    return doc;
  },

  createReverseReferral: async (_, { input }, ctx) => {
    const { identity, loaders } = ctx;
    const c = await loaders.procuratorateCase.load(input.procuratorateCaseId);
    if (!c) throw forbidden();
    requireWriterOf(identity, c.agencyCode);
    if (c.decision !== 'NON_PROSECUTION') {
      throw conflict('a reverse referral needs a case decided NON_PROSECUTION', { decision: c.decision ?? null });
    }
    const competentAgencyCode = check.agencyCode('competentAgencyCode', input.competentAgencyCode);
    if (competentAgencyCode === c.agencyCode) throw badInput('competentAgencyCode', 'must be the agency competent for the penalty, not the procuratorate');
    const nonProsecutedAt = c.decidedAt ?? c.acceptedAt;
    const enforcementCaseId = input.enforcementCaseId == null ? null : recordId('enforcementCaseId', input.enforcementCaseId);
    const referredAt = input.referredAt ?? null;
    if (referredAt) {
      check.notFuture('referredAt', referredAt);
      check.order('referredAt', nonProsecutedAt, referredAt, 'the decision date');
    }
    const status = referredAt ? 'REFERRED' : 'NON_PROSECUTED';
    const doc = await referrals.create(ctx, {
        procuratorateCaseId: c._id,
        agencyCode: c.agencyCode,
        competentAgencyCode,
        sealed: c.sealed === true,
        enforcementCaseId,
        nonProsecutedAt,
        referredAt,
        status,
        pauses: [],
      });
    await addCounterpart(loaders, c._id, competentAgencyCode);
    return doc;
  },
};

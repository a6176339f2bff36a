import type { Context } from '../context';
import { ProcuratorateCaseModel, type ReverseReferralDoc, type SuggestionDoc } from '../models';

/**
 * The counterparts of a suggestion or referral (its `counterpartCodes`, derived from the step that involves them:
 * served, referred) become counterparts of its case too (policies.ts). `$addToSet`: idempotent, and access data
 * only, so the case's version is not bumped.
 */
export async function shareCase(ctx: Context, record: Pick<SuggestionDoc | ReverseReferralDoc, 'procuratorateCaseId' | 'counterpartCodes'>): Promise<void> {
  const codes = record.counterpartCodes ?? [];
  if (!codes.length) return;
  await ProcuratorateCaseModel.updateOne({ _id: record.procuratorateCaseId }, { $addToSet: { counterpartCodes: { $each: codes } } });
  ctx.loaders.procuratorateCase.clear(record.procuratorateCaseId);
}

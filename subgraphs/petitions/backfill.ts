import { PETITION_BUREAU_CODE } from '../../lib/agencies';
import type { HotlineLine } from './__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel } from './models';
import { centreOf, REVIEW_AGENCY_CODE } from './policies';

const LINES: HotlineLine[] = ['L12345', 'L12309'];

/**
 * Completes the fields the access rules read (policies.ts) on records stored without them — records written
 * before the rules applied, or loaded past the workflows' `derive` (workflow.ts): a petition's `counterpartCodes`
 * (the 信访局; 县政府办 once a review was applied for) and a ticket's owner `centreCode`. Idempotent; writes only
 * what is missing. Runs once at start, before the subgraph listens.
 */
export async function backfillAccessFields(): Promise<void> {
  await PetitionModel.updateMany({ counterpartCodes: { $ne: PETITION_BUREAU_CODE } }, { $addToSet: { counterpartCodes: PETITION_BUREAU_CODE } });
  await PetitionModel.updateMany(
    { reviewAppliedAt: { $ne: null }, counterpartCodes: { $ne: REVIEW_AGENCY_CODE } },
    { $addToSet: { counterpartCodes: REVIEW_AGENCY_CODE } },
  );
  for (const line of LINES) {
    await HotlineTicketModel.updateMany({ line, centreCode: { $ne: centreOf(line) } }, { $set: { centreCode: centreOf(line) } });
  }
}

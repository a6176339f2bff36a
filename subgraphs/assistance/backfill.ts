import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from './models';

/**
 * Completes the fields the access rules read (subgraphs/assistance/policies.ts) on records stored
 * without them — bulk loads such as the demo seed, and referrals made before the rules applied:
 * a referral's owner `agencyCode` (its referring agency, the application's agency) and each
 * application's `counterpartCodes` (the receiving agencies of its referrals). Idempotent; writes only
 * what is missing. Runs once at start, before the subgraph listens.
 */
export async function backfillAccessFields(): Promise<void> {
  const ownerless = await SupportReferralModel.find({ agencyCode: { $exists: false } }, { referringAgencyCode: 1 }).lean<Pick<SupportReferralDoc, '_id' | 'referringAgencyCode'>[]>();
  if (ownerless.length) {
    await SupportReferralModel.bulkWrite(
      ownerless.map((r) => ({ updateOne: { filter: { _id: r._id }, update: { $set: { agencyCode: r.referringAgencyCode } } } })),
    );
  }

  const referrals = await SupportReferralModel.find({}, { applicationId: 1, receivingAgencyCode: 1 }).lean<Pick<SupportReferralDoc, 'applicationId' | 'receivingAgencyCode'>[]>();
  const receivers = new Map<string, Set<string>>();
  for (const r of referrals) receivers.set(r.applicationId, (receivers.get(r.applicationId) ?? new Set()).add(r.receivingAgencyCode));
  if (!receivers.size) return;
  const applications = await RescueApplicationModel.find({ _id: { $in: [...receivers.keys()] } }, { counterpartCodes: 1 }).lean<Pick<RescueApplicationDoc, '_id' | 'counterpartCodes'>[]>();
  const updates = applications
    .map((a) => ({ id: a._id, missing: [...receivers.get(a._id)!].filter((c) => !(a.counterpartCodes ?? []).includes(c)) }))
    .filter((u) => u.missing.length > 0)
    .map((u) => ({ updateOne: { filter: { _id: u.id }, update: { $addToSet: { counterpartCodes: { $each: u.missing } } } } }));
  if (updates.length) await RescueApplicationModel.bulkWrite(updates);
}

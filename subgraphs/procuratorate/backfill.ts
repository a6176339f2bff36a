import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from './models';

/**
 * Completes the access fields of records stored before counterparts entered at their step (policies.ts): a served
 * suggestion's target and a referred referral's competent agency as their `counterpartCodes`, and on each case the
 * counterparts of its served suggestions and referred referrals only — an agency added earlier for a draft or a
 * referral not yet sent is taken off (the transferring agency stays). Idempotent; writes only what differs. Runs at
 * start, before the subgraph listens; the case pass (a scan of every suggestion and referral) only when records from
 * before were found, so an up-to-date database costs two finds that match nothing.
 */
export async function backfillAccessFields(): Promise<void> {
  // Records from before: derive the field as workflow.ts does (plain updates; no pipeline updates, which not every backend has).
  const oldSuggestions = await SuggestionModel.find({ counterpartCodes: { $exists: false } }, { servedAt: 1, targetAgencyCode: 1 }).lean();
  for (const s of oldSuggestions) {
    await SuggestionModel.updateOne({ _id: s._id }, { $set: { counterpartCodes: s.servedAt ? [s.targetAgencyCode] : [] } });
  }
  const oldReferrals = await ReverseReferralModel.find({ counterpartCodes: { $exists: false } }, { referredAt: 1, competentAgencyCode: 1 }).lean();
  for (const r of oldReferrals) {
    await ReverseReferralModel.updateOne({ _id: r._id }, { $set: { counterpartCodes: r.referredAt ? [r.competentAgencyCode] : [] } });
  }
  // Cases carry old-rule counterparts only in a database whose suggestions or referrals predate the field.
  if (!oldSuggestions.length && !oldReferrals.length) return;

  const linked = [
    ...(await SuggestionModel.find({}, { procuratorateCaseId: 1, targetAgencyCode: 1, counterpartCodes: 1 }).lean()).map((s) => ({ caseId: s.procuratorateCaseId, agency: s.targetAgencyCode, involved: !!s.counterpartCodes?.length })),
    ...(await ReverseReferralModel.find({}, { procuratorateCaseId: 1, competentAgencyCode: 1, counterpartCodes: 1 }).lean()).map((r) => ({ caseId: r.procuratorateCaseId, agency: r.competentAgencyCode, involved: !!r.counterpartCodes?.length })),
  ];
  const byCase = new Map<string, { involved: Set<string>; pending: Set<string> }>();
  for (const l of linked) {
    const entry = byCase.get(l.caseId) ?? { involved: new Set<string>(), pending: new Set<string>() };
    (l.involved ? entry.involved : entry.pending).add(l.agency);
    byCase.set(l.caseId, entry);
  }
  const cases = await ProcuratorateCaseModel.find({ _id: { $in: [...byCase.keys()] } }, { counterpartCodes: 1 }).lean();
  const writes = cases.flatMap((c) => {
    const { involved, pending } = byCase.get(c._id)!;
    const now = c.counterpartCodes ?? [];
    // Keep what no linked record explains (the transferring agency); drop the not-yet-involved; add the involved.
    const want = [...new Set([...now.filter((a) => involved.has(a) || !pending.has(a)), ...involved])];
    return want.length === now.length && want.every((a) => now.includes(a)) ? [] : [{ updateOne: { filter: { _id: c._id }, update: { $set: { counterpartCodes: want } } } }];
  });
  if (writes.length) await ProcuratorateCaseModel.bulkWrite(writes);
}

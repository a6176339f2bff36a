import { refreshDerived } from '../../lib/workflow';
import { ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { referrals, suggestions } from '../../subgraphs/procuratorate/workflow';
import { suggestionNextDueAt } from '../../subgraphs/procuratorate/deadlines';
import { useDatabase } from '../helpers/db';

useDatabase();

// After the rules or the calendar change, stored due dates (the `overdue` filters read them) are recomputed from the
// records: once at start when the fingerprint of rules + calendar moved, or on demand; idempotent.
const day = (d: string) => new Date(`${d}T09:00:00+08:00`);

it('rewrites stale due dates once, reports what moved, and leaves the version alone', async () => {
  const base = { procuratorateCaseId: 'c'.repeat(24), agencyCode: '411221-JCY', targetAgencyCode: '411221-SCJ', kind: 'OTHER' as const, content: '建议', issuedAt: day('2025-12-01') };
  const served = await SuggestionModel.create(suggestions.prepare({ ...base, number: 'R-1', status: 'SERVED', servedAt: day('2025-12-30') }));
  const other = await SuggestionModel.create(suggestions.prepare({ ...base, number: 'R-2', status: 'DRAFT' }));
  // As stored under an earlier calendar: a due date one day off.
  const stale = new Date(served.nextDueAt!.getTime() - 86_400_000);
  await SuggestionModel.updateOne({ _id: served._id }, { $set: { nextDueAt: stale } });

  const first = await refreshDerived('procuratorate', [suggestions, referrals]);
  expect(first).toEqual([
    { resourceType: 'SUGGESTION', checked: 2, moved: 1, examples: [{ id: served._id, field: 'nextDueAt', before: stale, after: suggestionNextDueAt(served) }] },
    { resourceType: 'REVERSE_REFERRAL', checked: await ReverseReferralModel.countDocuments(), moved: 0, examples: [] },
  ]);
  const after = await SuggestionModel.findById(served._id).lean();
  expect(after).toMatchObject({ nextDueAt: suggestionNextDueAt(served), version: served.version });
  expect((await SuggestionModel.findById(other._id).lean())?.nextDueAt ?? null).toBeNull();

  expect(await refreshDerived('procuratorate', [suggestions, referrals])).toBeNull(); // same rules and calendar: nothing to do
  const forced = await refreshDerived('procuratorate', [suggestions, referrals], true);
  expect(forced!.map((r) => r.moved)).toEqual([0, 0]); // idempotent
});

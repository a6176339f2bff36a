import { backfillAccessFields } from '../../subgraphs/procuratorate/backfill';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { useDatabase } from '../helpers/db';

useDatabase();

// Records stored before counterparts entered at their step: a draft's target and an unreferred referral's competent
// agency were counterparts of the case from creation. The start-up backfill brings them in line with the rule.
const JCY = '411221-JCY';
const [SCJ, HBJ, ZRJ, MZJ] = ['411221-SCJ', '411221-HBJ', '411221-ZRJ', '411221-MZJ'];
const day = (d: string) => new Date(`${d}T09:00:00+08:00`);

it('derives the counterparts of old suggestions and referrals and keeps on each case only the involved ones', async () => {
  const kase = (await ProcuratorateCaseModel.create({
    caseNumber: '渑检刑诉受〔2016〕1号', type: 'CRIMINAL_PROSECUTION', title: '盗窃案', agencyCode: JCY, acceptedAt: day('2016-01-04'),
    status: 'DECIDED', counterpartCodes: [ZRJ, SCJ, HBJ, MZJ], history: [], // ZRJ sent its transfer; the others came from the old rule
  })).toObject();
  const base = { procuratorateCaseId: kase._id, agencyCode: JCY, kind: 'OTHER' as const, content: '建议', issuedAt: day('2016-02-01'), history: [] };
  const served = await SuggestionModel.create({ ...base, number: 'B-1', targetAgencyCode: SCJ, status: 'SERVED', servedAt: day('2016-02-03') });
  const draft = await SuggestionModel.create({ ...base, number: 'B-2', targetAgencyCode: MZJ, status: 'DRAFT' });
  const pending = await ReverseReferralModel.create({ procuratorateCaseId: kase._id, agencyCode: JCY, competentAgencyCode: HBJ, nonProsecutedAt: day('2016-02-01'), status: 'NON_PROSECUTED', history: [] });
  // As written before the field existed.
  await SuggestionModel.collection.updateMany({}, { $unset: { counterpartCodes: '' } });
  await ReverseReferralModel.collection.updateMany({}, { $unset: { counterpartCodes: '' } });

  await backfillAccessFields();
  await backfillAccessFields(); // idempotent

  expect((await SuggestionModel.findById(served._id).lean())?.counterpartCodes).toEqual([SCJ]);
  expect((await SuggestionModel.findById(draft._id).lean())?.counterpartCodes).toEqual([]);
  expect((await ReverseReferralModel.findById(pending._id).lean())?.counterpartCodes).toEqual([]);
  expect((await ProcuratorateCaseModel.findById(kase._id).lean())?.counterpartCodes?.sort()).toEqual([SCJ, ZRJ].sort());
});

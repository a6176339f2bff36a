import { SharingGrantModel } from '../../subgraphs/liaison/models';
import type { ResourceType } from '../../subgraphs/liaison/__generated__/resolvers-types';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../../subgraphs/procuratorate/models';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from '../../subgraphs/procuratorate/policies';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

// The access rules of the procuratorate subgraph in-process (the gateway paths are in
// tests/e2e/access-procuratorate.test.ts): the policies, the counterparts and sealed flags the workflow stores,
// the service role, links that may not be followed, and sealed records in the dashboard.
useDatabase();

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const HBJ = '411221-HBJ';
const ZRJ = '411221-ZRJ';
const MZJ = '411221-MZJ';
const officer = identity(JCY);
const DAY = 86_400_000;

const CREATE = `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: ProcuratorateCaseUpdate!) { updateProcuratorateCase(id: $id, input: $input) { version sealed } }`;
const SUGGEST = `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { id } }`;
const REFER = `mutation($input: ReverseReferralInput!) { createReverseReferral(input: $input) { id } }`;
const ONE = `query($id: ID!) { procuratorateCase(id: $id) { id preSuitSuggestion { id } } }`;

let seq = 0;
function ok(r: Result): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads any shape
  expect(r.errors).toBeUndefined();
  return r.data!;
}

async function createCase(patch: Record<string, unknown> = {}): Promise<string> {
  const input = { caseNumber: `渑检刑诉受〔2017〕A${++seq}号`, type: 'CRIMINAL_PROSECUTION', title: '盗窃案', acceptedAt: '2017-03-01', ...patch };
  return ok(await execute(procuratorate, officer, CREATE, { input })).createProcuratorateCase.id;
}

const suggest = async (caseId: string, targetAgencyCode = SCJ) =>
  ok(await execute(procuratorate, officer, SUGGEST, { input: { procuratorateCaseId: caseId, number: `渑检建〔2017〕A${++seq}号`, kind: 'OTHER', targetAgencyCode, content: '建议', issuedAt: '2017-04-01' } })).issueSuggestion.id as string;

/** Approves and serves a suggestion: its target takes part in it, and reads it, from service on. */
async function serve(id: string): Promise<string> {
  ok(await execute(procuratorate, identity(JCY, ['supervisor']), `mutation($id: ID!) { approveSuggestion(id: $id, version: 0, approvedAt: "2017-04-01") { id } }`, { id }));
  ok(await execute(procuratorate, officer, `mutation($id: ID!) { serveSuggestion(id: $id, version: 1, servedAt: "2017-04-02") { id } }`, { id }));
  return id;
}

async function nonProsecuted(patch: Record<string, unknown> = {}): Promise<string> {
  const id = await createCase(patch);
  ok(await execute(procuratorate, officer, UPDATE, { id, input: { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY', decidedAt: '2017-04-01' } }));
  return id;
}

const refer = async (caseId: string, competentAgencyCode = HBJ) =>
  ok(await execute(procuratorate, officer, REFER, { input: { procuratorateCaseId: caseId, competentAgencyCode, referredAt: '2017-04-03' } })).createReverseReferral.id as string;

async function grantTo(grantee: string, resourceTypes: ResourceType[], scopeIds: string[] = []) {
  await SharingGrantModel.deleteMany({});
  await SharingGrantModel.create({
    _id: `g-${grantee}`, granteeCode: grantee, providerCode: JCY, resourceTypes, scopeIds, purpose: '核查', legalBasis: '依法', allowsPersonalData: false,
    validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null,
  });
}

beforeEach(() => SharingGrantModel.deleteMany({}));

describe('the policies', () => {
  it('name the same rule as functions and as stored fields', () => {
    const kase = { _id: 'c', agencyCode: JCY, counterpartCodes: [SCJ], sealed: true };
    expect([procuratorateCasePolicy.owner(kase as never), procuratorateCasePolicy.counterparts!(kase as never), procuratorateCasePolicy.sealed!(kase as never)])
      .toEqual([JCY, [SCJ], true]);
    expect(procuratorateCasePolicy.fields).toEqual({ owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' });
    // A suggestion's target and a referral's competent agency are stored as counterparts from the step that involves them.
    const s = { agencyCode: JCY, targetAgencyCode: SCJ, counterpartCodes: [SCJ], sealed: false };
    expect([suggestionPolicy.owner(s as never), suggestionPolicy.counterparts!(s as never), suggestionPolicy.sealed!(s as never)]).toEqual([JCY, [SCJ], false]);
    expect(suggestionPolicy.fields).toEqual({ owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' });
    const r = { agencyCode: JCY, competentAgencyCode: HBJ, counterpartCodes: [HBJ], sealed: true };
    expect([reverseReferralPolicy.owner(r as never), reverseReferralPolicy.counterparts!(r as never), reverseReferralPolicy.sealed!(r as never)]).toEqual([JCY, [HBJ], true]);
    expect(reverseReferralPolicy.fields).toEqual({ owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' });
  });
});

describe('the counterparts the workflow stores on a case', () => {
  it('the agency that sent the source transfer, given with sourceTransferId', async () => {
    const id = await createCase({ sourceTransferId: 'a'.repeat(24), sourceAgencyCode: ZRJ });
    expect((await ProcuratorateCaseModel.findById(id).lean())?.counterpartCodes).toEqual([ZRJ]);
    expect((await ProcuratorateCaseModel.findById(await createCase()).lean())?.counterpartCodes).toEqual([]);
  });

  it.each([
    ['not a member agency', { sourceTransferId: 'b'.repeat(24), sourceAgencyCode: '411221-XXX' }],
    ['without a transfer', { sourceAgencyCode: ZRJ }],
    ['the handling agency itself', { sourceTransferId: 'c'.repeat(24), sourceAgencyCode: JCY }],
  ])('refuses a sourceAgencyCode %s and writes nothing', async (_, patch) => {
    const before = await ProcuratorateCaseModel.countDocuments();
    const r = await execute(procuratorate, officer, CREATE, { input: { caseNumber: `渑检刑诉受〔2017〕B${++seq}号`, type: 'CRIMINAL_PROSECUTION', title: '盗窃案', acceptedAt: '2017-03-01', ...patch } });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe('sourceAgencyCode');
    expect(await ProcuratorateCaseModel.countDocuments()).toBe(before);
  });

  it('the targets of its served suggestions and the competent agencies of its referred referrals, once each', async () => {
    const id = await nonProsecuted();
    await suggest(id, MZJ); // a draft: its target takes no part yet
    await serve(await suggest(id, SCJ));
    await serve(await suggest(id, SCJ));
    await refer(id, HBJ);
    await refer(id, SCJ);
    expect((await ProcuratorateCaseModel.findById(id).lean())?.counterpartCodes).toEqual([SCJ, HBJ]);
    // Each of them now sees the case; an agency without a part does not.
    for (const agency of [SCJ, HBJ]) expect(ok(await execute(procuratorate, identity(agency), ONE, { id })).procuratorateCase.id).toBe(id);
    expect(errorCode(await execute(procuratorate, identity(MZJ), ONE, { id }))).toBe('FORBIDDEN');
  });

  it('not when the suggestion cannot be written', async () => {
    const id = await createCase();
    const number = `渑检建〔2017〕C${++seq}号`;
    const input = { procuratorateCaseId: id, number, kind: 'OTHER', targetAgencyCode: SCJ, content: '建议', issuedAt: '2017-04-01' };
    await serve(ok(await execute(procuratorate, officer, SUGGEST, { input })).issueSuggestion.id);
    const dup = await execute(procuratorate, officer, SUGGEST, { input: { ...input, targetAgencyCode: HBJ } });
    expect(errorCode(dup)).toBe('CONFLICT');
    expect((await ProcuratorateCaseModel.findById(id).lean())?.counterpartCodes).toEqual([SCJ]);
  });
});

describe('sealed cases and their suggestions and referrals', () => {
  it('a suggestion or referral of a sealed case is stored sealed, and hidden from its counterpart', async () => {
    const id = await nonProsecuted({ sealed: true, personIds: [personIdOf(validIdNumber(701, '20090101'))] });
    const s = await suggest(id, SCJ);
    const r = await refer(id, HBJ);
    expect((await SuggestionModel.findById(s).lean())?.sealed).toBe(true);
    expect((await ReverseReferralModel.findById(r).lean())?.sealed).toBe(true);
    const scj = identity(SCJ);
    expect(ok(await execute(procuratorate, scj, `{ suggestions(filter: { targetAgencyCode: "${SCJ}" }) { nodes { id } } }`)).suggestions.nodes).not.toContainEqual({ id: s });
    expect(errorCode(await execute(procuratorate, scj, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Suggestion { id } } }`, { r: [{ __typename: 'Suggestion', id: s }] }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(HBJ), `query($r: [_Any!]!) { _entities(representations: $r) { ... on ReverseReferral { id } } }`, { r: [{ __typename: 'ReverseReferral', id: r }] }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, scj, ONE, { id }))).toBe('FORBIDDEN');
  });

  it('sealing a case later seals its suggestions and referrals; unsealing opens them again', async () => {
    const id = await nonProsecuted();
    const s = await serve(await suggest(id, SCJ));
    const r = await refer(id, HBJ);
    const seenBy = async (agency: string) => {
      const d = ok(await execute(procuratorate, identity(agency), `query($c: ID!) { suggestions(filter: { targetAgencyCode: "${SCJ}" }) { nodes { id } }
        reverseReferrals(filter: { procuratorateCaseId: $c }) { totalCount nodes { id } } }`, { c: id }));
      return { suggestion: d.suggestions.nodes.some((n: { id: string }) => n.id === s), referrals: d.reverseReferrals.totalCount };
    };
    expect([await seenBy(SCJ), await seenBy(HBJ)]).toEqual([{ suggestion: true, referrals: 0 }, { suggestion: false, referrals: 1 }]);
    expect(ok(await execute(procuratorate, officer, UPDATE, { id, input: { version: 1, sealed: true } })).updateProcuratorateCase).toEqual({ version: 2, sealed: true });
    expect([(await SuggestionModel.findById(s).lean())?.sealed, (await ReverseReferralModel.findById(r).lean())?.sealed]).toEqual([true, true]);
    expect([await seenBy(SCJ), await seenBy(HBJ)]).toEqual([{ suggestion: false, referrals: 0 }, { suggestion: false, referrals: 0 }]);
    expect(await seenBy(JCY)).toEqual({ suggestion: true, referrals: 1 }); // the owner still sees them
    ok(await execute(procuratorate, officer, UPDATE, { id, input: { version: 2, sealed: false } }));
    expect([await seenBy(SCJ), await seenBy(HBJ)]).toEqual([{ suggestion: true, referrals: 0 }, { suggestion: false, referrals: 1 }]);
  });

  it('the counterpart cannot take its steps on a sealed suggestion or referral (FORBIDDEN, nothing written); the owner still can', async () => {
    const open = await nonProsecuted();
    const id = await nonProsecuted({ sealed: true });
    const served = { status: 'SERVED', servedAt: new Date('2017-04-02'), counterpartCodes: [SCJ] }; // as serving stores it
    const [s, sOpen] = [await suggest(id, SCJ), await suggest(open, SCJ)];
    await SuggestionModel.updateMany({ _id: { $in: [s, sOpen] } }, served);
    const [r, rOpen] = [await refer(id, HBJ), await refer(open, HBJ)];
    await ReverseReferralModel.updateMany({ _id: { $in: [r, rOpen] } }, { status: 'OPINION_ISSUED', opinionIssuedAt: new Date('2017-04-10') });
    const REPLY = `mutation($id: ID!) { replyToSuggestion(id: $id, version: 0, reply: "已整改", repliedAt: "2017-05-01") { id status } }`;
    const DECIDE = `mutation($id: ID!) { recordReverseAgencyDecision(id: $id, version: 0, kind: NO_PENALTY, decision: "不予处罚", decidedAt: "2017-05-01") { id status } }`;
    const scj = identity(SCJ, ['officer']);
    const hbj = identity(HBJ, ['officer']);
    const refused = [await execute(procuratorate, scj, REPLY, { id: s }), await execute(procuratorate, hbj, DECIDE, { id: r })];
    expect(refused.map(errorCode)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(refused)).not.toMatch(/SERVED|OPINION_ISSUED/);
    expect([(await SuggestionModel.findById(s).lean())?.status, (await ReverseReferralModel.findById(r).lean())?.status]).toEqual(['SERVED', 'OPINION_ISSUED']);
    // The same steps on the unsealed records go through.
    expect(ok(await execute(procuratorate, scj, REPLY, { id: sOpen })).replyToSuggestion).toEqual({ id: sOpen, status: 'REPLIED' });
    expect(ok(await execute(procuratorate, hbj, DECIDE, { id: rOpen })).recordReverseAgencyDecision).toEqual({ id: rOpen, status: 'AGENCY_DECIDED' });
    // The owner's own steps on the sealed records are not affected.
    const ESCALATE = `mutation($id: ID!) { escalateSuggestion(id: $id, version: 0, escalatedTo: "县政府", reason: "逾期") { id status } }`;
    expect(ok(await execute(procuratorate, officer, ESCALATE, { id: s })).escalateSuggestion).toEqual({ id: s, status: 'ESCALATED' });
  });

  it('the joint office’s services read unsealed records across agencies, never sealed ones', async () => {
    const open = await createCase();
    const sealed = await createCase({ sealed: true });
    const service = identity('hub', ['service']);
    expect(ok(await execute(procuratorate, service, ONE, { id: open })).procuratorateCase.id).toBe(open);
    expect(errorCode(await execute(procuratorate, service, ONE, { id: sealed }))).toBe('FORBIDDEN');
    const listed = ok(await execute(procuratorate, service, `{ procuratorateCases(first: 100, filter: { acceptedFrom: "2017-03-01", acceptedTo: "2017-03-02" }) { totalCount nodes { id } } }`)).procuratorateCases;
    expect(listed.nodes).toContainEqual({ id: open });
    expect(listed.nodes).not.toContainEqual({ id: sealed });
    expect(listed.totalCount).toBe(listed.nodes.length);
  });

  it('are never counted in the dashboard: cases, suggestions, referrals', async () => {
    type Stats = Record<string, number>;
    const stats = async () => {
      const d = ok(await execute(procuratorate, identity(MZJ), `{ _entities(representations: [{ __typename: "Dashboard", period: "2016" }]) {
        ... on Dashboard { procuratorate { casesAccepted suggestionsIssued suggestionsReplied suggestionsOverdue reverseReferrals opinionsIssued resultsReported } } } }`));
      return d._entities[0].procuratorate as Stats;
    };
    const before = await stats();
    const id = await createCase({ acceptedAt: '2016-02-01', sealed: true });
    await ProcuratorateCaseModel.updateOne({ _id: id }, { decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY', decidedAt: new Date('2016-03-01'), status: 'DECIDED' });
    ok(await execute(procuratorate, officer, SUGGEST, { input: { procuratorateCaseId: id, number: `渑检建〔2016〕D${++seq}号`, kind: 'OTHER', targetAgencyCode: SCJ, content: '建议', issuedAt: '2016-03-02' } }));
    const r = ok(await execute(procuratorate, officer, REFER, { input: { procuratorateCaseId: id, competentAgencyCode: HBJ, referredAt: '2016-03-03' } })).createReverseReferral.id;
    await SuggestionModel.updateMany({ procuratorateCaseId: id }, { servedAt: new Date('2016-03-05'), repliedAt: new Date('2016-04-01'), status: 'REPLIED' });
    await ReverseReferralModel.updateOne({ _id: r }, { opinionIssuedAt: new Date('2016-04-01'), resultReportedAt: new Date('2016-06-01'), status: 'RESULT_REPORTED' });
    expect(await stats()).toEqual(before);
    // The same records unsealed are counted (the test can fail).
    await Promise.all([ProcuratorateCaseModel, SuggestionModel, ReverseReferralModel].map((m) =>
      (m as typeof SuggestionModel).updateMany({ $or: [{ _id: id }, { procuratorateCaseId: id }] }, { sealed: false })));
    const after = await stats();
    expect(Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]))).toEqual({
      casesAccepted: 1, suggestionsIssued: 1, suggestionsReplied: 1, suggestionsOverdue: 0, reverseReferrals: 1, opinionsIssued: 1, resultsReported: 1,
    });
  });
});

describe('links the caller may not follow', () => {
  it('a pre-suit suggestion under a grant of cases only is null, not an error', async () => {
    const id = await createCase({ type: 'PUBLIC_INTEREST', publicInterestField: '生态环境' });
    const s = await suggest(id, HBJ);
    await ProcuratorateCaseModel.updateOne({ _id: id }, { preSuitSuggestionId: s });
    expect(ok(await execute(procuratorate, officer, ONE, { id })).procuratorateCase).toEqual({ id, preSuitSuggestion: { id: s } });
    await grantTo(MZJ, ['PROCURATORATE_CASE']);
    expect(ok(await execute(procuratorate, identity(MZJ), ONE, { id })).procuratorateCase).toEqual({ id, preSuitSuggestion: null });
    await grantTo(MZJ, ['PROCURATORATE_CASE', 'SUGGESTION']);
    expect(ok(await execute(procuratorate, identity(MZJ), ONE, { id })).procuratorateCase).toEqual({ id, preSuitSuggestion: { id: s } });
  });

  it('a transfer’s case is null for an agency that may not see it, and the case for one under a grant', async () => {
    const transfer = 'd'.repeat(24);
    const id = await createCase({ sourceTransferId: transfer, sourceAgencyCode: ZRJ });
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CriminalTransfer { procuratorateCase { id } } } }`;
    const reps = { r: [{ __typename: 'CriminalTransfer', id: transfer }] };
    expect(ok(await execute(procuratorate, identity(MZJ), q, reps))._entities).toEqual([{ procuratorateCase: null }]);
    expect(ok(await execute(procuratorate, identity(ZRJ), q, reps))._entities).toEqual([{ procuratorateCase: { id } }]);
    await grantTo(MZJ, ['PROCURATORATE_CASE'], [id]);
    expect(ok(await execute(procuratorate, identity(MZJ), q, reps))._entities).toEqual([{ procuratorateCase: { id } }]);
  });
});

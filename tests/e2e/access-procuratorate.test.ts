import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';
import { auditEventsOf, isoNow as now, readEvent as read, replaceGrant, sortedIds as ids, type TestGrant } from '../helpers/grants';

// The access rules of the procuratorate subgraph (docs/access-guide.md) through the gateway: the owner, workflow
// counterparts (a suggestion's target, a referral's competent agency, the agency that sent a transfer), other
// agencies with and without a SharingGrant, sealed juvenile records on every path and in counts, and the audit.
useDatabase();

let hub: Hub;
const JCY = '411221-JCY'; // owner of every record here
const SCJ = '411221-SCJ'; // target of suggestions S1 (case C1) and S3 (sealed case C3)
const HBJ = '411221-HBJ'; // competent agency of reverse referral R2 (case C2)
const ZRJ = '411221-ZRJ'; // sent the transfer case C4 came from
const MZJ = '411221-MZJ'; // an agency without a part in these records
const clerk: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const zrj: Caller = { agency: ZRJ, roles: ['officer'], userId: 'zrj-clerk' };
const mzj: Caller = { agency: MZJ, roles: ['officer'], userId: 'mzj-clerk' };
const DAY = 86_400_000;
const TRANSFER = 'f'.repeat(24);

let personId = '';
let c1 = '';
let c2 = '';
let c3 = ''; // sealed
let c4 = '';
let s1 = '';
let s3 = ''; // on the sealed case
let r2 = '';

const LIST = `query($p: ID!) { procuratorateCases(filter: { personId: $p }) { totalCount nodes { id } edges { node { id } } } }`;
const ONE = `query($id: ID!) { procuratorateCase(id: $id) { id caseNumber reverseReferrals { id } } }`;
const PERSON = `query($p: ID!) { person(id: $p) { procuratorateCases { totalCount nodes { id } } } }`;
const SUGGESTIONS = `{ suggestions(filter: { issuedFrom: "2019-01-01", issuedTo: "2020-01-01" }) { totalCount nodes { id procuratorateCase { id } } } }`;
const REFERRALS = `{ reverseReferrals { totalCount nodes { id procuratorateCase { id } } } }`;
const DASHBOARD = `{ dashboard(period: "2019") { procuratorate { casesAccepted casesByType { status count } suggestionsIssued reverseReferrals } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on ProcuratorateCase { id caseNumber } ... on Suggestion { id number } ... on ReverseReferral { id status }
  ... on Person { id procuratorateCases { totalCount nodes { id } } } ... on CriminalTransfer { id procuratorateCase { id } } } }`;


/** What MZJ sees of C1, C2 and the sealed C3 on every path. */
async function seenByMzj() {
  const list = await hub.ok(mzj, LIST, { p: personId });
  const person = await hub.ok(mzj, PERSON, { p: personId });
  const single = await Promise.all([c1, c2, c3].map((id) => hub.query(mzj, ONE, { id })));
  const entity = await Promise.all([c1, c2, c3].map((id) => entities(mzj, [{ __typename: 'ProcuratorateCase', id }])));
  const personEntity = await entities(mzj, [{ __typename: 'Person', id: personId }]);
  expect(personEntity.errors).toBeUndefined();
  const listed = list.procuratorateCases;
  expect(ids(listed.edges.map((e: { node: { id: string } }) => e.node))).toEqual(ids(listed.nodes));
  return {
    list: ids(listed.nodes),
    totalCount: listed.totalCount as number,
    person: ids(person.person.procuratorateCases.nodes),
    personCount: person.person.procuratorateCases.totalCount as number,
    personEntity: personEntity.data!._entities[0].procuratorateCases.totalCount as number,
    single: single.map((r) => (r.errors ? code(r) : r.data!.procuratorateCase.id)),
    entities: entity.map((r) => (r.errors ? code(r) : r.data!._entities[0].id)),
  };
}

/** An `_entities` call to the procuratorate subgraph, signed as the gateway signs it for `who`. */
const entities = (who: Caller, reps: Record<string, unknown>[]) => hub.direct('procuratorate', who, ENTITIES, { reps });

/** Replaces the grants with this one (active, all records of its type, no personal data, unless patched). */
const grant = (patch: Partial<TestGrant> = {}) => replaceGrant({ _id: 'g-case', granteeCode: MZJ, providerCode: JCY, resourceTypes: ['PROCURATORATE_CASE'], purpose: '特困人员救助供养审核', legalBasis: '社会救助暂行办法第十一条', allowsPersonalData: false, ...patch });

beforeAll(async () => {
  hub = await startHub();
  await SharingGrantModel.deleteMany({});
  personId = (await hub.ok(clerk, `mutation($n: String!) { registerPerson(input: { name: "赵六", idNumber: $n }) { id } }`, { n: validIdNumber(911, '20080101') })).registerPerson.id;
  const CREATE = `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) { id } }`;
  const create = async (n: number, patch: Record<string, unknown>) =>
    (await hub.ok(clerk, CREATE, { input: { caseNumber: `渑检刑诉受〔2019〕9${n}号`, type: 'CRIMINAL_PROSECUTION', title: '盗窃案', acceptedAt: `2019-0${n}-01`, ...patch } })).createProcuratorateCase.id as string;
  c1 = await create(1, { personIds: [personId] });
  c2 = await create(2, { victimIds: [personId] });
  c3 = await create(3, { personIds: [personId], sealed: true });
  c4 = await create(4, { sourceTransferId: TRANSFER, sourceAgencyCode: ZRJ });
  const SUGGEST = `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { id } }`;
  // Approved and served: the target agency takes part (and reads) from service on.
  const suggest = async (caseId: string, n: number) => {
    const id = (await hub.ok(clerk, SUGGEST, { input: { procuratorateCaseId: caseId, number: `渑检建〔2019〕9${n}号`, kind: 'SOCIAL_GOVERNANCE', targetAgencyCode: SCJ, content: '建议加强监管', issuedAt: '2019-06-01' } })).issueSuggestion.id as string;
    await hub.ok({ ...clerk, roles: ['supervisor'] }, `mutation($id: ID!) { approveSuggestion(id: $id, version: 0, approvedAt: "2019-06-02") { id } }`, { id });
    await hub.ok(clerk, `mutation($id: ID!) { serveSuggestion(id: $id, version: 1, servedAt: "2019-06-03") { id } }`, { id });
    return id;
  };
  s1 = await suggest(c1, 1);
  s3 = await suggest(c3, 3);
  await hub.ok(clerk, `mutation($id: ID!) { updateProcuratorateCase(id: $id, input: { version: 0, decision: NON_PROSECUTION, nonProsecutionKind: DISCRETIONARY, decidedAt: "2019-05-01" }) { id } }`, { id: c2 });
  r2 = (await hub.ok(clerk, `mutation($c: ID!) { createReverseReferral(input: { procuratorateCaseId: $c, competentAgencyCode: "${HBJ}", referredAt: "2019-05-03" }) { id } }`, { c: c2 })).createReverseReferral.id;
});
afterAll(() => hub.stop());

describe('the owner agency', () => {
  it('sees its cases, the sealed one included, on every path', async () => {
    const list = await hub.ok(clerk, LIST, { p: personId });
    expect(list.procuratorateCases.totalCount).toBe(3);
    expect(ids(list.procuratorateCases.nodes)).toEqual([c1, c2, c3].sort());
    expect((await hub.ok(clerk, PERSON, { p: personId })).person.procuratorateCases.totalCount).toBe(3);
    expect((await hub.ok(clerk, ONE, { id: c3 })).procuratorateCase.id).toBe(c3);
    expect((await hub.ok(clerk, ONE, { id: c2 })).procuratorateCase.reverseReferrals).toEqual([{ id: r2 }]);
    expect((await entities(clerk, [{ __typename: 'ProcuratorateCase', id: c3 }])).data?._entities).toEqual([{ id: c3, caseNumber: '渑检刑诉受〔2019〕93号' }]);
    const suggestions = (await hub.ok(clerk, SUGGESTIONS)).suggestions;
    expect(suggestions.totalCount).toBe(2);
    expect(ids(suggestions.nodes)).toEqual([s1, s3].sort());
  });
});

describe('another agency without a grant', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('finds none of them in the root lists, with a totalCount that excludes them', async () => {
    expect((await hub.ok(mzj, LIST, { p: personId })).procuratorateCases).toEqual({ totalCount: 0, nodes: [], edges: [] });
    expect((await hub.ok(mzj, SUGGESTIONS)).suggestions).toEqual({ totalCount: 0, nodes: [] });
    expect((await hub.ok(mzj, REFERRALS)).reverseReferrals).toEqual({ totalCount: 0, nodes: [] });
  });

  it('gets FORBIDDEN for the root single, the same answer as for an id that does not exist', async () => {
    const r = await hub.query(mzj, ONE, { id: c1 });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.data?.procuratorateCase ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('渑检刑诉受');
    expect(code(await hub.query(mzj, ONE, { id: '000000000000000000000000' }))).toBe('FORBIDDEN');
  });

  it('gets FORBIDDEN through _entities, for cases, suggestions and referrals', async () => {
    for (const rep of [{ __typename: 'ProcuratorateCase', id: c1 }, { __typename: 'Suggestion', id: s1 }, { __typename: 'ReverseReferral', id: r2 }]) {
      const r = await entities(mzj, [rep]);
      expect(code(r)).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null)).not.toContain(rep.id);
    }
    // The same call by the owner resolves (the refusal is the rule, not the call).
    expect((await entities(clerk, [{ __typename: 'Suggestion', id: s1 }])).data?._entities).toEqual([{ id: s1, number: '渑检建〔2019〕91号' }]);
  });

  it('finds none of them under Person.procuratorateCases, nor the case of a transfer it did not send', async () => {
    expect((await hub.ok(mzj, PERSON, { p: personId })).person.procuratorateCases).toEqual({ totalCount: 0, nodes: [] });
    expect((await entities(mzj, [{ __typename: 'CriminalTransfer', id: TRANSFER }])).data?._entities).toEqual([{ id: TRANSFER, procuratorateCase: null }]);
  });
});

describe('another agency under a SharingGrant', () => {
  const none = { list: [], totalCount: 0, person: [], personCount: 0, personEntity: 0, single: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'], entities: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'] };

  it('sees the provider’s unsealed cases on every path while the grant is active, never the sealed one', async () => {
    await grant();
    expect(await seenByMzj()).toEqual({
      list: [c1, c2].sort(), totalCount: 2, person: [c1, c2].sort(), personCount: 2, personEntity: 2,
      single: [c1, c2, 'FORBIDDEN'], entities: [c1, c2, 'FORBIDDEN'],
    });
  });

  it('sees nothing under a revoked grant', async () => {
    await grant({ revokedAt: new Date(Date.now() - 1000) });
    expect(await seenByMzj()).toEqual(none);
  });

  it('sees nothing under an expired grant', async () => {
    await grant({ validFrom: new Date(Date.now() - 30 * DAY), validUntil: new Date(Date.now() - 1000) });
    expect(await seenByMzj()).toEqual(none);
  });

  it('sees nothing under a grant of another kind of record or from another provider', async () => {
    await grant({ resourceTypes: ['ENFORCEMENT_CASE'] });
    expect(await seenByMzj()).toEqual(none);
    await grant({ providerCode: SCJ });
    expect(await seenByMzj()).toEqual(none);
  });

  it('sees only the ids in the scope of a grant limited to scopeIds, and never a sealed case even when named', async () => {
    await grant({ scopeIds: [c2] });
    expect(await seenByMzj()).toEqual({ list: [c2], totalCount: 1, person: [c2], personCount: 1, personEntity: 1, single: ['FORBIDDEN', c2, 'FORBIDDEN'], entities: ['FORBIDDEN', c2, 'FORBIDDEN'] });
    await grant({ scopeIds: [c3] });
    expect(await seenByMzj()).toEqual(none);
    await grant({ scopeIds: [c3], resourceTypes: ['PROCURATORATE_CASE', 'SUGGESTION'], allowsPersonalData: true });
    expect(await seenByMzj()).toEqual(none);
  });

  it('does not see the referrals or suggestions under a grant of cases only, nor the case under a grant of suggestions only', async () => {
    await grant();
    expect((await hub.ok(mzj, ONE, { id: c2 })).procuratorateCase).toMatchObject({ id: c2, reverseReferrals: [] });
    expect((await hub.ok(mzj, REFERRALS)).reverseReferrals.totalCount).toBe(0);
    expect((await hub.ok(mzj, SUGGESTIONS)).suggestions.totalCount).toBe(0);
    await grant({ resourceTypes: ['SUGGESTION'] });
    // The suggestion of the unsealed case, its case link null (not an error); the sealed case's suggestion never.
    expect((await hub.ok(mzj, SUGGESTIONS)).suggestions).toEqual({ totalCount: 1, nodes: [{ id: s1, procuratorateCase: null }] });
    expect(code(await entities(mzj, [{ __typename: 'Suggestion', id: s3 }]))).toBe('FORBIDDEN');
    await grant({ resourceTypes: ['REVERSE_REFERRAL'] });
    expect((await hub.ok(mzj, REFERRALS)).reverseReferrals).toEqual({ totalCount: 1, nodes: [{ id: r2, procuratorateCase: null }] });
  });
});

describe('workflow counterparts', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('the target agency sees its suggestion and the suggestion’s case, not the other cases nor the sealed one', async () => {
    expect((await hub.ok(scj, SUGGESTIONS)).suggestions).toEqual({ totalCount: 1, nodes: [{ id: s1, procuratorateCase: { id: c1 } }] });
    expect((await entities(scj, [{ __typename: 'Suggestion', id: s1 }])).data?._entities).toEqual([{ id: s1, number: '渑检建〔2019〕91号' }]);
    expect(code(await entities(scj, [{ __typename: 'Suggestion', id: s3 }]))).toBe('FORBIDDEN');
    expect((await hub.ok(scj, ONE, { id: c1 })).procuratorateCase).toMatchObject({ id: c1 });
    expect(code(await hub.query(scj, ONE, { id: c2 }))).toBe('FORBIDDEN');
    expect(code(await hub.query(scj, ONE, { id: c3 }))).toBe('FORBIDDEN');
    expect((await hub.ok(scj, LIST, { p: personId })).procuratorateCases).toMatchObject({ totalCount: 1, nodes: [{ id: c1 }] });
    expect((await hub.ok(scj, PERSON, { p: personId })).person.procuratorateCases).toEqual({ totalCount: 1, nodes: [{ id: c1 }] });
  });

  it('the competent agency sees its referral and the referred case with the referral', async () => {
    expect((await hub.ok(hbj, REFERRALS)).reverseReferrals).toEqual({ totalCount: 1, nodes: [{ id: r2, procuratorateCase: { id: c2 } }] });
    expect((await hub.ok(hbj, ONE, { id: c2 })).procuratorateCase).toMatchObject({ id: c2, reverseReferrals: [{ id: r2 }] });
    expect(code(await hub.query(hbj, ONE, { id: c1 }))).toBe('FORBIDDEN');
    expect((await hub.ok(hbj, LIST, { p: personId })).procuratorateCases).toMatchObject({ totalCount: 1, nodes: [{ id: c2 }] });
  });

  it('the agency that sent the transfer sees the case opened from it', async () => {
    expect((await entities(zrj, [{ __typename: 'CriminalTransfer', id: TRANSFER }])).data?._entities).toEqual([{ id: TRANSFER, procuratorateCase: { id: c4 } }]);
    expect((await hub.ok(zrj, ONE, { id: c4 })).procuratorateCase).toMatchObject({ id: c4 });
    expect(code(await hub.query(zrj, ONE, { id: c1 }))).toBe('FORBIDDEN');
  });
});

describe('sealed records in counts', () => {
  it('are never in any agency’s dashboard, the owner’s included', async () => {
    await grant({ resourceTypes: ['PROCURATORATE_CASE', 'SUGGESTION'] });
    // Accepted in 2019: C1, C2, C4 (C3 is sealed); issued: S1 (S3 belongs to the sealed case); referred: R2.
    const expected = { casesAccepted: 3, casesByType: [{ status: 'CRIMINAL_PROSECUTION', count: 3 }], suggestionsIssued: 1, reverseReferrals: 1 };
    for (const who of [clerk, mzj, scj]) expect((await hub.ok(who, DASHBOARD)).dashboard.procuratorate).toEqual(expected);
  });
});

describe('the audit of cross-agency reads', () => {
  const events = (id: string, agency: string, from: string) => auditEventsOf(hub, id, agency, from);

  it('records READ ALLOWED with the grant id for a granted single, and READ DENIED for refused ones', async () => {
    await grant({ _id: 'g-audit', scopeIds: [c1] });
    let from = now();
    await hub.ok(mzj, ONE, { id: c1 });
    expect(await events(c1, MZJ, from)).toEqual([read('ALLOWED', 'PROCURATORATE_CASE', [c1], 'g-audit')]);
    from = now();
    expect(code(await hub.query(mzj, ONE, { id: c2 }))).toBe('FORBIDDEN');
    expect(await events(c2, MZJ, from)).toEqual([read('DENIED', 'PROCURATORATE_CASE', [c2], null)]);
    from = now();
    expect(code(await entities(mzj, [{ __typename: 'ProcuratorateCase', id: c3 }]))).toBe('FORBIDDEN');
    expect(await events(c3, MZJ, from)).toEqual([read('DENIED', 'PROCURATORATE_CASE', [c3], null)]);
  });

  it('records the granted records read through the root list and Person.procuratorateCases', async () => {
    await grant({ _id: 'g-audit', scopeIds: [c1] });
    let from = now();
    await hub.ok(mzj, LIST, { p: personId });
    expect(await events(c1, MZJ, from)).toEqual([read('ALLOWED', 'PROCURATORATE_CASE', [c1], 'g-audit')]);
    from = now();
    await hub.ok(mzj, PERSON, { p: personId });
    expect(await events(c1, MZJ, from)).toEqual([read('ALLOWED', 'PROCURATORATE_CASE', [c1], 'g-audit')]);
  });

  it('records a counterpart’s reads without a grant, and no READ events for the owner’s own reads', async () => {
    await SharingGrantModel.deleteMany({});
    let from = now();
    await hub.ok(scj, SUGGESTIONS);
    expect(await events(s1, SCJ, from)).toEqual([read('ALLOWED', 'SUGGESTION', [s1], null)]);
    expect(await events(c1, SCJ, from)).toEqual([read('ALLOWED', 'PROCURATORATE_CASE', [c1], null)]);
    from = now();
    await hub.ok(clerk, ONE, { id: c1 });
    await hub.ok(clerk, LIST, { p: personId });
    expect((await events(c1, JCY, from)).filter((e) => e.action === 'READ')).toEqual([]);
  });
});

import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';
import { auditEventsOf, isoNow as now, readEvent as read, replaceGrant, sortedIds as ids, type TestGrant } from '../helpers/grants';

// The access rules of the enforcement subgraph (docs/access-guide.md) through the gateway: the owner agency, the
// workflow counterparts of a sent criminal transfer (the police and the procuratorate), other agencies with and
// without a SharingGrant, and the audit of cross-agency reads and refusals.
useDatabase();

let hub: Hub;
const SCJ = '411221-SCJ'; // owner of every case here
const GAJ = '411221-GAJ'; // police agency of the transfers
const JCY = '411221-JCY'; // procuratorate copied when a transfer is sent
const HBJ = '411221-HBJ'; // an agency without a part in these records
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const scjHead: Caller = { agency: SCJ, roles: ['supervisor'], userId: 'scj-head' };
const gaj: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-clerk' };
const jcy: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

let personId = '';
let c1 = ''; // no transfer
let c2 = ''; // no transfer
let c3 = ''; // transfer t3, SENT
let c4 = ''; // transfer t4, approved but not sent
let t3 = '';
let t4 = '';
let t4Version = 0;

const CASES = `query($p: ID!) { enforcementCases(filter: { personId: $p }) { totalCount nodes { id } edges { node { id } } } }`;
const CASE = `query($id: ID!) { enforcementCase(id: $id) { id caseNumber transfer { id } } }`;
const PERSON = `query($p: ID!) { person(id: $p) { enforcementCases { totalCount nodes { id } } } }`;
const TRANSFERS = `{ criminalTransfers(filter: { agencyCode: "${SCJ}" }) { totalCount nodes { id enforcementCase { id } } } }`;
const TRANSFER = `query($id: ID!) { criminalTransfer(id: $id) { id status enforcementCase { id } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on EnforcementCase { id caseNumber } ... on CriminalTransfer { id status } } }`;


/** What `who` sees of the four cases on every path. */
async function casesSeenBy(who: Caller) {
  const all = [c1, c2, c3, c4];
  const list = await hub.ok(who, CASES, { p: personId });
  const person = await hub.ok(who, PERSON, { p: personId });
  const single = await Promise.all(all.map((id) => hub.query(who, CASE, { id })));
  const entity = await Promise.all(all.map((id) => entities(who, [{ __typename: 'EnforcementCase', id }])));
  expect(ids(list.enforcementCases.edges.map((e: { node: { id: string } }) => e.node))).toEqual(ids(list.enforcementCases.nodes));
  return {
    list: ids(list.enforcementCases.nodes),
    totalCount: list.enforcementCases.totalCount as number,
    person: ids(person.person.enforcementCases.nodes),
    personCount: person.person.enforcementCases.totalCount as number,
    single: single.map((r) => (r.errors ? code(r) : r.data!.enforcementCase.id)),
    entities: entity.map((r) => (r.errors ? code(r) : r.data!._entities[0].id)),
  };
}

/** An `_entities` call to the enforcement subgraph, signed as the gateway signs it for `who`. */
const entities = (who: Caller, reps: Record<string, unknown>[]) => hub.direct('enforcement', who, ENTITIES, { reps });

/** Replaces the grants with this one (active, all records of its type, no personal data, unless patched). */
const grant = (patch: Partial<TestGrant> = {}) => replaceGrant({ _id: 'g-enf', granteeCode: HBJ, providerCode: SCJ, resourceTypes: ['ENFORCEMENT_CASE'], purpose: '生态环境损害线索核查', legalBasis: '行政执法机关移送涉嫌犯罪案件的规定', allowsPersonalData: false, ...patch });

beforeAll(async () => {
  hub = await startHub();
  await SharingGrantModel.deleteMany({});
  personId = (await hub.ok(scj, `mutation($n: String!) { registerPerson(input: { name: "赵六", idNumber: $n }) { id } }`, { n: validIdNumber(911, '19750505') })).registerPerson.id;
  const CREATE = `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`;
  const create = async (n: number) =>
    (await hub.ok(scj, CREATE, { input: { caseNumber: `渑市监罚〔2026〕9${n}号`, field: 'MARKET', personId, facts: '销售假冒注册商标的商品', filedAt: daysAgo(40 - n) } })).createEnforcementCase.id as string;
  [c1, c2, c3, c4] = [await create(1), await create(2), await create(3), await create(4)];
  const REPORT = `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { id version } }`;
  const APPROVE = `mutation($id: ID!, $v: Int!) { approveTransfer(id: $id, version: $v) { version } }`;
  const report = async (caseId: string) => {
    const t = (await hub.ok(scj, REPORT, { input: { enforcementCaseId: caseId, policeAgencyCode: GAJ, suspectedCharge: '销售假冒注册商标的商品罪', reportedAt: daysAgo(20) } })).reportCriminalTransfer;
    return { id: t.id as string, version: (await hub.ok(scjHead, APPROVE, { id: t.id, v: t.version })).approveTransfer.version as number };
  };
  const sent = await report(c3);
  t3 = sent.id;
  await hub.ok(scj, `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { status } }`, { id: t3, v: sent.version });
  const approved = await report(c4);
  t4 = approved.id;
  t4Version = approved.version;
});
afterAll(() => hub.stop());

describe('the owner agency', () => {
  it('sees its cases and transfers on every path', async () => {
    expect(await casesSeenBy(scj)).toEqual({ list: [c1, c2, c3, c4].sort(), totalCount: 4, person: [c1, c2, c3, c4].sort(), personCount: 4, single: [c1, c2, c3, c4], entities: [c1, c2, c3, c4] });
    expect((await hub.ok(scj, TRANSFERS)).criminalTransfers).toMatchObject({ totalCount: 2 });
    expect((await hub.ok(scj, CASE, { id: c4 })).enforcementCase.transfer).toEqual({ id: t4 });
  });
});

describe('another agency without a grant', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('finds none of the cases in the root list, with a totalCount that excludes them', async () => {
    expect((await hub.ok(hbj, CASES, { p: personId })).enforcementCases).toEqual({ totalCount: 0, nodes: [], edges: [] });
    expect((await hub.ok(hbj, `{ enforcementCases { totalCount } }`)).enforcementCases.totalCount).toBe(0);
    expect((await hub.ok(hbj, TRANSFERS)).criminalTransfers).toEqual({ totalCount: 0, nodes: [] });
  });

  it('gets FORBIDDEN for the root single, the same answer as for an id that does not exist', async () => {
    const r = await hub.query(hbj, CASE, { id: c1 });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.data?.enforcementCase ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('渑市监罚');
    expect(code(await hub.query(hbj, CASE, { id: '000000000000000000000000' }))).toBe('FORBIDDEN');
    expect(code(await hub.query(hbj, TRANSFER, { id: t3 }))).toBe('FORBIDDEN');
  });

  it('gets FORBIDDEN through _entities, for cases and transfers', async () => {
    for (const rep of [{ __typename: 'EnforcementCase', id: c1 }, { __typename: 'CriminalTransfer', id: t3 }]) {
      const r = await entities(hbj, [rep]);
      expect(code(r)).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null)).not.toContain(rep.id);
    }
    // The same call by the owner resolves (the refusal is the rule, not the call).
    expect((await entities(scj, [{ __typename: 'EnforcementCase', id: c1 }])).data?._entities).toEqual([{ id: c1, caseNumber: '渑市监罚〔2026〕91号' }]);
  });

  it('finds none of them under Person.enforcementCases', async () => {
    expect((await hub.ok(hbj, PERSON, { p: personId })).person.enforcementCases).toEqual({ totalCount: 0, nodes: [] });
  });

  it('still gets the dashboard aggregates, which count every agency’s cases', async () => {
    const year = String(new Date(daysAgo(39)).getUTCFullYear());
    const q = `query($y: String!) { dashboard(period: $y) { enforcement { casesFiled transfersSent } } }`;
    const forHbj = (await hub.ok(hbj, q, { y: year })).dashboard.enforcement;
    expect(forHbj).toEqual((await hub.ok(scj, q, { y: year })).dashboard.enforcement);
    expect(forHbj.casesFiled).toBeGreaterThanOrEqual(1); // HBJ holds none: these are other agencies' cases
  });
});

describe('another agency under a SharingGrant', () => {
  const none = { list: [], totalCount: 0, person: [], personCount: 0, single: Array(4).fill('FORBIDDEN'), entities: Array(4).fill('FORBIDDEN') };

  it('sees the provider’s cases on every path while the grant is active', async () => {
    await grant();
    const all = [c1, c2, c3, c4];
    expect(await casesSeenBy(hbj)).toEqual({ list: [...all].sort(), totalCount: 4, person: [...all].sort(), personCount: 4, single: all, entities: all });
  });

  it('does not see the transfers under a grant of cases only: the link is null, not an error', async () => {
    await grant();
    expect((await hub.ok(hbj, CASE, { id: c3 })).enforcementCase).toEqual({ id: c3, caseNumber: '渑市监罚〔2026〕93号', transfer: null });
    expect((await hub.ok(hbj, TRANSFERS)).criminalTransfers.totalCount).toBe(0);
    expect(code(await hub.query(hbj, TRANSFER, { id: t3 }))).toBe('FORBIDDEN');
  });

  it('sees nothing under a revoked grant', async () => {
    await grant({ revokedAt: new Date(Date.now() - 1000) });
    expect(await casesSeenBy(hbj)).toEqual(none);
  });

  it('sees nothing under an expired grant', async () => {
    await grant({ validFrom: new Date(Date.now() - 30 * DAY), validUntil: new Date(Date.now() - 1000) });
    expect(await casesSeenBy(hbj)).toEqual(none);
  });

  it('sees nothing under a grant of another kind of record or from another provider', async () => {
    await grant({ resourceTypes: ['PETITION'] });
    expect(await casesSeenBy(hbj)).toEqual(none);
    await grant({ providerCode: '411221-ZRJ' });
    expect(await casesSeenBy(hbj)).toEqual(none);
  });

  it('sees only the ids in the scope of a grant limited to scopeIds', async () => {
    await grant({ scopeIds: [c2] });
    expect(await casesSeenBy(hbj)).toEqual({
      list: [c2], totalCount: 1, person: [c2], personCount: 1, single: ['FORBIDDEN', c2, 'FORBIDDEN', 'FORBIDDEN'], entities: ['FORBIDDEN', c2, 'FORBIDDEN', 'FORBIDDEN'],
    });
  });
});

describe('the workflow counterparts of a criminal transfer (the police and the procuratorate)', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it.each([['the police', gaj], ['the procuratorate', jcy]])('%s see the SENT transfer and its case, not the unsent one', async (_, who) => {
    expect((await hub.ok(who, TRANSFERS)).criminalTransfers).toEqual({ totalCount: 1, nodes: [{ id: t3, enforcementCase: { id: c3 } }] });
    expect((await hub.ok(who, TRANSFER, { id: t3 })).criminalTransfer).toEqual({ id: t3, status: 'SENT', enforcementCase: { id: c3 } });
    expect(code(await hub.query(who, TRANSFER, { id: t4 }))).toBe('FORBIDDEN');
    expect(code(await entities(who, [{ __typename: 'CriminalTransfer', id: t4 }]))).toBe('FORBIDDEN');
    expect((await entities(who, [{ __typename: 'CriminalTransfer', id: t3 }])).data?._entities).toEqual([{ id: t3, status: 'SENT' }]);
    expect(await casesSeenBy(who)).toEqual({
      list: [c3], totalCount: 1, person: [c3], personCount: 1, single: ['FORBIDDEN', 'FORBIDDEN', c3, 'FORBIDDEN'], entities: ['FORBIDDEN', 'FORBIDDEN', c3, 'FORBIDDEN'],
    });
    expect((await hub.ok(who, CASE, { id: c3 })).enforcementCase.transfer).toEqual({ id: t3 });
  });

  it('see a transfer and its case from the moment it is sent', async () => {
    const SEND = `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { id status enforcementCase { id } } }`;
    const sent = await hub.ok(scj, SEND, { id: t4, v: t4Version });
    expect(sent.sendTransfer).toEqual({ id: t4, status: 'SENT', enforcementCase: { id: c4 } });
    for (const who of [gaj, jcy]) {
      expect(ids((await hub.ok(who, TRANSFERS)).criminalTransfers.nodes)).toEqual([t3, t4].sort());
      expect((await hub.ok(who, TRANSFER, { id: t4 })).criminalTransfer).toEqual({ id: t4, status: 'SENT', enforcementCase: { id: c4 } });
      expect((await hub.ok(who, CASES, { p: personId })).enforcementCases.totalCount).toBe(2);
    }
    // Another agency still sees neither.
    expect(code(await hub.query(hbj, TRANSFER, { id: t4 }))).toBe('FORBIDDEN');
  });
});

describe('the audit of cross-agency reads', () => {
  const events = (id: string, agency: string, from: string) => auditEventsOf(hub, id, agency, from);

  it('records READ ALLOWED with the grant id for a granted single, and READ DENIED for a refused one', async () => {
    await grant({ _id: 'g-audit', scopeIds: [c1] });
    let from = now();
    await hub.ok(hbj, CASE, { id: c1 });
    expect(await events(c1, HBJ, from)).toEqual([read('ALLOWED', 'ENFORCEMENT_CASE', [c1], 'g-audit')]);
    from = now();
    expect(code(await hub.query(hbj, CASE, { id: c2 }))).toBe('FORBIDDEN');
    expect(await events(c2, HBJ, from)).toEqual([read('DENIED', 'ENFORCEMENT_CASE', [c2], null)]);
    from = now();
    expect(code(await entities(hbj, [{ __typename: 'EnforcementCase', id: c2 }]))).toBe('FORBIDDEN');
    expect(await events(c2, HBJ, from)).toEqual([read('DENIED', 'ENFORCEMENT_CASE', [c2], null)]);
  });

  it('records the granted records read through the root list and Person.enforcementCases', async () => {
    await grant({ _id: 'g-audit', scopeIds: [c1] });
    let from = now();
    await hub.ok(hbj, CASES, { p: personId });
    expect(await events(c1, HBJ, from)).toEqual([read('ALLOWED', 'ENFORCEMENT_CASE', [c1], 'g-audit')]);
    from = now();
    await hub.ok(hbj, PERSON, { p: personId });
    expect(await events(c1, HBJ, from)).toEqual([read('ALLOWED', 'ENFORCEMENT_CASE', [c1], 'g-audit')]);
  });

  it('records a counterpart’s reads without a grant, and no READ events for the owner’s own reads', async () => {
    await SharingGrantModel.deleteMany({});
    let from = now();
    await hub.ok(gaj, TRANSFER, { id: t3 });
    expect(await events(t3, GAJ, from)).toEqual([read('ALLOWED', 'CRIMINAL_TRANSFER', [t3], null)]);
    expect(await events(c3, GAJ, from)).toEqual([read('ALLOWED', 'ENFORCEMENT_CASE', [c3], null)]);
    from = now();
    await hub.ok(scj, CASE, { id: c3 });
    await hub.ok(scj, CASES, { p: personId });
    await hub.ok(scj, TRANSFERS);
    expect((await events(c3, SCJ, from)).filter((e) => e.action === 'READ')).toEqual([]);
    expect((await events(t3, SCJ, from)).filter((e) => e.action === 'READ')).toEqual([]);
  });
});

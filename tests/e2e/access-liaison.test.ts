import { AlertModel, PersonModel, SharingGrantModel, type AlertDoc } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';
import { sortedIds as ids } from '../helpers/grants';

// The access rules of the joint office's subgraph through the gateway: sealed persons (未成年人犯罪记录封存)
// only for an agency holding a record on them; data requests, grants and alerts only for their parties,
// the joint office (and auditors, services); cross-agency reads, refusals and auditors' queries audited.
useDatabase();

let hub: Hub;
const JCY = '411221-JCY'; // procuratorate, seat of the joint office
const SCJ = '411221-SCJ';
const GAJ = '411221-GAJ';
const HBJ = '411221-HBJ';
const MZJ = '411221-MZJ';
const jcy: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-prosecutor' };
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const gaj: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-clerk' };
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const mzj: Caller = { agency: MZJ, roles: ['officer'], userId: 'mzj-clerk' };
const office: Caller = { agency: JCY, roles: ['liaison_admin'], userId: 'jcy-liaison' };
const scjAdmin: Caller = { agency: SCJ, roles: ['liaison_admin'], userId: 'scj-liaison' }; // not the joint office
const auditor: Caller = { agency: JCY, roles: ['auditor'], userId: 'jcy-auditor' };
const checker: Caller = { agency: JCY, roles: ['auditor'], userId: 'jcy-audit-reader' }; // reads the trail in these tests
const service: Caller = { agency: 'hub', roles: ['service'], userId: 'service:procuratorate' };
const DAY = 86_400_000;

const minorNumber = validIdNumber(701, `${new Date().getUTCFullYear() - 15}0301`);
const adultNumber = validIdNumber(702, '19790505');
let minor = ''; // sealed; JCY holds a sealed case on the minor, SCJ an enforcement case
let adult = ''; // not sealed; SCJ only
let sealedCase = '';
let r1 = ''; // SCJ → GAJ
let r2 = ''; // HBJ → GAJ
let g1 = ''; // SCJ from GAJ
let alertScj = '';
let alertGaj = '';
let alertNone = '';


const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Person { id name sealed } ... on DataRequest { id purpose } ... on SharingGrant { id purpose } ... on Alert { id message } } }`;
const entities = (who: Caller, reps: Record<string, unknown>[]) => hub.direct('liaison', who, ENTITIES, { reps });

interface Event { actor: string; actorAgency: string; action: string; resourceType: string; resourceIds: string[]; outcome: string; purpose: string | null }
const EVENTS = `query($actor: String, $id: ID, $from: DateTime) { auditEvents(filter: { actor: $actor, resourceId: $id, from: $from }, first: 100) {
  nodes { actor actorAgency action resourceType resourceIds outcome purpose } } }`;
/** The trail, read by a separate auditor (whose own reads are audited under its own name). */
async function events(filter: { actor?: string; id?: string; from?: string }): Promise<Event[]> {
  return (await hub.ok(checker, EVENTS, filter)).auditEvents.nodes as Event[];
}

beforeAll(async () => {
  hub = await startHub();
  await SharingGrantModel.deleteMany({});
  const REGISTER = `mutation($n: String!, $name: String!) { registerPerson(input: { name: $name, idNumber: $n, phone: "13700001111" }) { id } }`;
  minor = (await hub.ok(jcy, REGISTER, { n: minorNumber, name: '小封' })).registerPerson.id;
  adult = (await hub.ok(scj, REGISTER, { n: adultNumber, name: '赵公开' })).registerPerson.id;
  const ENF = `mutation($p: ID!, $n: String!) { createEnforcementCase(input: { caseNumber: $n, field: MARKET, personId: $p, facts: "无照经营", filedAt: "2026-01-05" }) { id } }`;
  await hub.ok(scj, ENF, { p: minor, n: '渑市监罚〔2026〕71号' });
  await hub.ok(scj, ENF, { p: adult, n: '渑市监罚〔2026〕72号' });
  sealedCase = (await hub.ok(jcy, `mutation($p: ID!) { createProcuratorateCase(input: { caseNumber: "渑检未检受〔2026〕7号", type: CRIMINAL_PROSECUTION,
    title: "涉嫌盗窃案", personIds: [$p], acceptedAt: "2026-01-10", sealed: true }) { id } }`, { p: minor })).createProcuratorateCase.id;
  await PersonModel.updateOne({ _id: minor }, { sealed: true }); // 未成年人犯罪记录封存

  const SUBMIT = `mutation($input: DataRequestInput!) { submitDataRequest(input: $input) { id } }`;
  const request = (providerCode: string, purpose: string) => ({
    providerCode, resourceTypes: ['CRIMINAL_TRANSFER'], purpose, legalBasis: '国务院令第310号', wantsPersonalData: false, periodFrom: '2025-01-01', periodTo: '2025-06-30',
  });
  r1 = (await hub.ok(scj, SUBMIT, { input: request(GAJ, '核查移送案件办理情况') })).submitDataRequest.id;
  r2 = (await hub.ok(hbj, SUBMIT, { input: request(GAJ, '核查环境违法线索') })).submitDataRequest.id;
  g1 = (await SharingGrantModel.create({
    requestId: r1, granteeCode: SCJ, providerCode: GAJ, resourceTypes: ['CRIMINAL_TRANSFER'], scopeIds: [], purpose: '核查移送案件办理情况',
    legalBasis: '国务院令第310号', allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), revokedAt: null,
  }))._id;
  const alert = (agencyCode: string | null, message: string): Omit<AlertDoc, '_id'> => ({ rule: 'TRANSFER_OVERDUE', severity: 'WARNING', message, agencyCode, raisedAt: new Date() });
  [alertScj, alertGaj, alertNone] = (await AlertModel.create([alert(SCJ, '市场监管局移送逾期'), alert(GAJ, '公安局回执逾期'), alert(null, '联席办预警')])).map((a) => a._id);
});
afterAll(() => hub.stop());

describe('a sealed person', () => {
  const PERSON = `query($id: ID!) { person(id: $id) { id name sealed idNumberMasked } }`;
  const BY_NUMBER = `query($n: String!) { personByIdNumber(idNumber: $n) { id name sealed } }`;
  const DISCOVER = `query($id: ID!) { discover(personId: $id) { agency { code } resourceType count } }`;

  it('is FORBIDDEN to an agency holding no record on it via person(id), the same answer as for a missing id', async () => {
    const r = await hub.query(hbj, PERSON, { id: minor });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.data?.person ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('小封');
    const missing = await hub.query(hbj, PERSON, { id: personIdOf(validIdNumber(799)) });
    expect(code(missing)).toBe('FORBIDDEN');
    expect(missing.errors![0].message).toBe(r.errors![0].message);
  });

  it('is FORBIDDEN via personByIdNumber and _entities, as missing ones are', async () => {
    const r = await hub.query(hbj, BY_NUMBER, { n: minorNumber });
    expect(code(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r)).not.toContain('小封');
    expect(code(await hub.query(hbj, BY_NUMBER, { n: validIdNumber(798) }))).toBe('FORBIDDEN');
    const e = await entities(hbj, [{ __typename: 'Person', id: minor }]);
    expect(code(e)).toBe('FORBIDDEN');
    expect(JSON.stringify(e)).not.toContain('小封');
    expect(code(await entities(hbj, [{ __typename: 'Person', id: personIdOf(validIdNumber(797)) }]))).toBe('FORBIDDEN');
  });

  it('is visible to the agency holding a sealed record on it and to one holding another record, on every path', async () => {
    for (const who of [jcy, scj]) {
      expect((await hub.ok(who, PERSON, { id: minor })).person).toMatchObject({ id: minor, name: '小封', sealed: true });
      expect((await hub.ok(who, BY_NUMBER, { n: minorNumber })).personByIdNumber).toEqual({ id: minor, name: '小封', sealed: true });
      const e = await entities(who, [{ __typename: 'Person', id: minor }]);
      expect(e.errors).toBeUndefined();
      expect(e.data!._entities).toEqual([{ id: minor, name: '小封', sealed: true }]);
    }
  });

  it('still resolves as a Person stub of the owner\'s own sealed case', async () => {
    const r = await hub.ok(jcy, `query($id: ID!) { procuratorateCase(id: $id) { sealed suspects { id name idNumber } } }`, { id: sealedCase });
    expect(r.procuratorateCase).toEqual({ sealed: true, suspects: [{ id: minor, name: '小封', idNumber: minorNumber }] });
  });

  it('is never counted in discovery for others; the holding agency discovers its non-sealed records', async () => {
    expect((await hub.ok(hbj, DISCOVER, { id: minor })).discover).toEqual([]);
    // The holders: JCY's sealed case is never counted, SCJ's case is.
    for (const who of [jcy, scj]) {
      expect((await hub.ok(who, DISCOVER, { id: minor })).discover).toEqual([{ agency: { code: SCJ }, resourceType: 'ENFORCEMENT_CASE', count: 1 }]);
    }
  });

  it('is not disclosed by registering its number again: the answer is the caller\'s own input, nothing changes', async () => {
    const r = await hub.ok(hbj, `mutation($n: String!) { registerPerson(input: { name: "另一个名字", idNumber: $n }) { id name sealed phoneMasked } }`, { n: minorNumber });
    expect(r.registerPerson).toEqual({ id: minor, name: '另一个名字', sealed: false, phoneMasked: null });
    expect(JSON.stringify(r)).not.toContain('小封');
    expect(await PersonModel.findById(minor).lean()).toMatchObject({ name: '小封', sealed: true });
  });

  it('audits the refused attempts as READ DENIED and the refused discovery as DISCOVER DENIED', async () => {
    const trail = (await events({ actor: hbj.userId, id: minor })).filter((e) => e.outcome === 'DENIED');
    expect(trail.filter((e) => e.action === 'READ' && e.resourceType === 'PERSON').length).toBeGreaterThanOrEqual(4); // person, byNumber, _entities, register
    expect(trail).toContainEqual(expect.objectContaining({ action: 'DISCOVER', resourceType: 'PERSON', actorAgency: HBJ }));
    expect(await events({ actor: jcy.userId, id: minor })).not.toContainEqual(expect.objectContaining({ outcome: 'DENIED' }));
  });

  it('leaves a non-sealed person\'s name and masked data visible to every member', async () => {
    const r = await hub.ok(hbj, PERSON, { id: adult });
    expect(r.person).toEqual({ id: adult, name: '赵公开', sealed: false, idNumberMasked: `411***********${adultNumber.slice(-4)}` });
    expect((await hub.ok(mzj, BY_NUMBER, { n: adultNumber })).personByIdNumber).toEqual({ id: adult, name: '赵公开', sealed: false });
    expect((await entities(mzj, [{ __typename: 'Person', id: adult }])).data!._entities).toEqual([{ id: adult, name: '赵公开', sealed: false }]);
  });
});

describe('data requests, grants and alerts of other agencies', () => {
  const ONE = {
    dataRequest: `query($id: ID!) { dataRequest(id: $id) { id purpose } }`,
    sharingGrant: `query($id: ID!) { sharingGrant(id: $id) { id purpose } }`,
    alert: `query($id: ID!) { alert(id: $id) { id message } }`,
  };
  const lists = async (who: Caller) => {
    const d = await hub.ok(who, `{ r: dataRequests(first: 100) { totalCount nodes { id } } g: sharingGrants(first: 100) { totalCount nodes { id } }
      a: alerts(first: 100) { totalCount nodes { id } } }`);
    return {
      requests: { ids: ids(d.r.nodes), totalCount: d.r.totalCount }, grants: { ids: ids(d.g.nodes), totalCount: d.g.totalCount },
      alerts: { ids: ids(d.a.nodes), totalCount: d.a.totalCount },
    };
  };

  it('are absent from the lists of an agency that is no party, with a totalCount that excludes them', async () => {
    expect(await lists(mzj)).toEqual({ requests: { ids: [], totalCount: 0 }, grants: { ids: [], totalCount: 0 }, alerts: { ids: [], totalCount: 0 } });
  });

  it('are listed to their parties only: requester, provider, grantee, the alert\'s agency', async () => {
    expect(await lists(scj)).toEqual({ requests: { ids: [r1], totalCount: 1 }, grants: { ids: [g1], totalCount: 1 }, alerts: { ids: [alertScj], totalCount: 1 } });
    expect(await lists(gaj)).toEqual({
      requests: { ids: [r1, r2].sort(), totalCount: 2 }, grants: { ids: [g1], totalCount: 1 }, alerts: { ids: [alertGaj], totalCount: 1 },
    });
    expect(await lists(hbj)).toEqual({ requests: { ids: [r2], totalCount: 1 }, grants: { ids: [], totalCount: 0 }, alerts: { ids: [], totalCount: 0 } });
    // A filter for another agency's alerts finds none of them either.
    expect((await hub.ok(gaj, `{ alerts(filter: { agencyCode: "${SCJ}" }) { totalCount nodes { id } } }`)).alerts).toEqual({ totalCount: 0, nodes: [] });
    // A liaison_admin role at another agency is not the joint office.
    expect(await lists(scjAdmin)).toEqual(await lists(scj));
  });

  it('are FORBIDDEN through the root lookups to a non-party, the same answer as for a missing id', async () => {
    for (const [field, id] of [['dataRequest', r1], ['sharingGrant', g1], ['alert', alertScj]] as const) {
      const r = await hub.query(mzj, ONE[field], { id });
      expect(code(r)).toBe('FORBIDDEN');
      expect(r.data?.[field] ?? null).toBeNull();
      expect(JSON.stringify(r)).not.toMatch(/核查|逾期/);
      expect(code(await hub.query(mzj, ONE[field], { id: '000000000000000000000000' }))).toBe('FORBIDDEN');
    }
    expect(code(await hub.query(gaj, ONE.alert, { id: alertScj }))).toBe('FORBIDDEN'); // a party of the request, not of SCJ's alert
    expect(code(await hub.query(scj, ONE.dataRequest, { id: r2 }))).toBe('FORBIDDEN');
  });

  it('are FORBIDDEN through _entities to a non-party, and resolve for a party', async () => {
    for (const rep of [{ __typename: 'DataRequest', id: r1 }, { __typename: 'SharingGrant', id: g1 }, { __typename: 'Alert', id: alertScj }]) {
      const r = await entities(mzj, [rep]);
      expect(code(r)).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null)).not.toContain(rep.id);
    }
    const r = await entities(scj, [{ __typename: 'DataRequest', id: r1 }, { __typename: 'SharingGrant', id: g1 }, { __typename: 'Alert', id: alertScj }]);
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities).toEqual([{ id: r1, purpose: '核查移送案件办理情况' }, { id: g1, purpose: '核查移送案件办理情况' }, { id: alertScj, message: '市场监管局移送逾期' }]);
  });

  it('are all visible to the joint office (lists, lookups and _entities), auditors (requests, grants) and services', async () => {
    const all = await lists(office);
    expect(all.requests).toEqual({ ids: [r1, r2].sort(), totalCount: 2 });
    expect(all.grants).toEqual({ ids: [g1], totalCount: 1 });
    expect(all.alerts).toEqual({ ids: [alertScj, alertGaj, alertNone].sort(), totalCount: 3 });
    expect((await hub.ok(office, ONE.dataRequest, { id: r1 })).dataRequest.id).toBe(r1);
    expect((await hub.ok(office, ONE.alert, { id: alertGaj })).alert.id).toBe(alertGaj);
    expect((await entities(office, [{ __typename: 'SharingGrant', id: g1 }])).data!._entities).toEqual([{ id: g1, purpose: '核查移送案件办理情况' }]);
    const audit = await lists(auditor);
    expect([audit.requests.totalCount, audit.grants.totalCount, audit.alerts.totalCount]).toEqual([2, 1, 0]);
    const s = await hub.direct('liaison', service, `{ dataRequests { totalCount } sharingGrants { totalCount } alerts { totalCount } }`, {});
    expect(s.data).toEqual({ dataRequests: { totalCount: 2 }, sharingGrants: { totalCount: 1 }, alerts: { totalCount: 3 } });
  });

  it('audits the joint office\'s reads of others\' records as READ, and not a party\'s reads of its own', async () => {
    const from = new Date().toISOString();
    await hub.ok(office, `{ dataRequests(first: 100) { nodes { id grant { id } } } alerts(first: 100) { nodes { id } } }`);
    await hub.ok(office, ONE.sharingGrant, { id: g1 });
    const trail = await events({ actor: office.userId, from });
    const read = (type: string) => trail.filter((e) => e.action === 'READ' && e.resourceType === type && e.outcome === 'ALLOWED').flatMap((e) => e.resourceIds);
    expect(read('DATA_REQUEST').sort()).toEqual([r1, r2].sort());
    expect(read('SHARING_GRANT')).toEqual([g1, g1]); // the nested grant and the lookup
    expect(read('ALERT').sort()).toEqual([alertScj, alertGaj, alertNone].sort());
    expect(trail.every((e) => e.actorAgency === JCY)).toBe(true);

    const partyFrom = new Date().toISOString();
    await lists(scj);
    await hub.ok(scj, ONE.dataRequest, { id: r1 });
    expect((await events({ actor: scj.userId, from: partyFrom })).filter((e) => e.action === 'READ')).toEqual([]);
  });

  it('audits refused lookups as READ DENIED', async () => {
    const from = new Date().toISOString();
    await hub.query(mzj, ONE.dataRequest, { id: r1 });
    await entities(mzj, [{ __typename: 'SharingGrant', id: g1 }]);
    await hub.query(mzj, ONE.alert, { id: alertGaj });
    const trail = await events({ actor: mzj.userId, from });
    expect(trail).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'READ', outcome: 'DENIED', resourceType: 'DATA_REQUEST', resourceIds: [r1], actorAgency: MZJ }),
      expect.objectContaining({ action: 'READ', outcome: 'DENIED', resourceType: 'SHARING_GRANT', resourceIds: [g1] }),
      expect.objectContaining({ action: 'READ', outcome: 'DENIED', resourceType: 'ALERT', resourceIds: [alertGaj] }),
    ]));
  });
});

describe('auditing the auditors', () => {
  it('records an auditor\'s query of the audit log as READ AUDIT_EVENT, with what was searched and found', async () => {
    const r = await hub.ok(auditor, `query($id: ID!) { auditEvents(filter: { resourceId: $id }, first: 5) { nodes { id } } }`, { id: r1 });
    const found = (r.auditEvents.nodes as { id: string }[]).map((n) => n.id);
    expect(found.length).toBeGreaterThan(0);
    const trail = await events({ actor: auditor.userId });
    expect(trail).toContainEqual(expect.objectContaining({
      actorAgency: JCY, action: 'READ', resourceType: 'AUDIT_EVENT', outcome: 'ALLOWED', resourceIds: found, purpose: expect.stringContaining(r1),
    }));
  });

  it('refuses anyone else and records the refusal', async () => {
    const r = await hub.query(scj, `{ auditEvents { nodes { id } } }`);
    expect(code(r)).toBe('FORBIDDEN');
    expect(await events({ actor: scj.userId })).toContainEqual(expect.objectContaining({ action: 'READ', resourceType: 'AUDIT_EVENT', outcome: 'DENIED' }));
  });
});

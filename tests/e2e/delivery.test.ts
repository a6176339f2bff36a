import { issueUserToken } from '../../lib/identity';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { ProcuratorateCaseModel } from '../../subgraphs/procuratorate/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { isoNow, sortedIds as ids } from '../helpers/grants';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';

// Delivery of granted data (docs/domain.md#delivery-of-granted-data) through the gateway: data requests granted
// through their workflow, the requester fetching the grant's records, the audit each fetch leaves, and what the
// provider sees of it.
useDatabase();

let hub: Hub;
const JCY = '411221-JCY'; // the requester (grantee) of the enforcement grants; provider of the procuratorate grant
const SCJ = '411221-SCJ'; // the provider of the enforcement grants
const HBJ = '411221-HBJ'; // another enforcement agency: its case must never be delivered under SCJ's grant
const GAJ = '411221-GAJ'; // a third agency, requester of a grant of its own
const jcy: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const jcyHead: Caller = { agency: JCY, roles: ['supervisor'], userId: 'jcy-head' };
const jointOffice: Caller = { agency: JCY, roles: ['liaison_admin'], userId: 'jcy-office' };
const auditor: Caller = { agency: JCY, roles: ['auditor'], userId: 'jcy-auditor' };
const scj: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const scjHead: Caller = { agency: SCJ, roles: ['supervisor'], userId: 'scj-head' };
const hbj: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const gaj: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-clerk' };

const idNumber = validIdNumber(777, '19790303');
let c1 = '';
let c2 = '';
let c3 = '';
let hbjCase = '';
let openCase = '';
let sealedCase = '';

/** Submits a data request as `requester` and takes it through the workflow to GRANTED by `providerHead`. */
async function grantedRequest(requester: Caller, providerHead: Caller, input: Record<string, unknown>): Promise<{ id: string; grantId: string }> {
  const submitted = await hub.ok(requester, `mutation($input: DataRequestInput!) { submitDataRequest(input: $input) { id version } }`, {
    input: {
      providerCode: providerHead.agency, purpose: '行政执法与刑事司法衔接监督', legalBasis: '《行政执法机关移送涉嫌犯罪案件的规定》第十四条',
      wantsPersonalData: false, periodFrom: '2025-01-01', periodTo: new Date(Date.now() + 180 * 86_400_000).toISOString(), ...input,
    },
  });
  let { id, version } = submitted.submitDataRequest as { id: string; version: number };
  const step = async (who: Caller, mutation: string) =>
    ({ version } = (await hub.ok(who, `mutation($id: ID!, $v: Int!) { r: ${mutation}(id: $id, version: $v) { version } }`, { id, v: version })).r);
  await step(jointOffice, 'startComplianceCheck');
  await step(jointOffice, 'passComplianceCheck');
  const granted = await hub.ok(providerHead, `mutation($id: ID!, $v: Int!) { grantDataRequest(id: $id, version: $v) { status grant { id active } } }`, { id, v: version });
  expect(granted.grantDataRequest).toMatchObject({ status: 'GRANTED', grant: { active: true } });
  return { id, grantId: granted.grantDataRequest.grant.id };
}

const DELIVERED = `query($id: ID!, $first: Int) { dataRequest(id: $id) { grant { id enforcementCases(first: $first) {
  totalCount nodes { id caseNumber person { idNumber idNumberMasked } } } } } }`;
const BY_GRANT = `query($id: ID!) { sharingGrant(id: $id) { enforcementCases { totalCount nodes { id } } } }`;
const DELIVERIES = `query($id: ID!) { sharingGrant(id: $id) { deliveries { at agency { code } user channel resourceType recordCount recordIds } } }`;
const EVENTS = `query($grant: ID!, $from: DateTime) { auditEvents(filter: { grantId: $grant, from: $from }, first: 100) {
  nodes { action outcome resourceType resourceIds grantId actor actorAgency purpose } } }`;

/** The audit events of a grant since `from`, as an auditor reads them. */
async function eventsOf(grantId: string, from: string) {
  return (await hub.ok(auditor, EVENTS, { grant: grantId, from })).auditEvents.nodes as { action: string; resourceType: string; resourceIds: string[]; outcome: string }[];
}

let scoped: { id: string; grantId: string }; // JCY ← SCJ enforcement cases c1, c3 and HBJ's case; no personal data
let open: { id: string; grantId: string }; // JCY ← SCJ every enforcement case and transfer, personal data allowed
beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
  const personId = (await hub.ok(scj, `mutation($n: String!) { registerPerson(input: { name: "钱七", idNumber: $n }) { id } }`, { n: idNumber })).registerPerson.id;
  const CREATE = `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`;
  const create = async (who: Caller, caseNumber: string, field: string, filedAt: string) =>
    (await hub.ok(who, CREATE, { input: { caseNumber, field, personId, facts: '销售过期食品', filedAt } })).createEnforcementCase.id as string;
  c1 = await create(scj, '渑市监罚〔2026〕31号', 'FOOD_DRUG', '2026-01-05');
  c2 = await create(scj, '渑市监罚〔2026〕32号', 'FOOD_DRUG', '2026-01-06');
  c3 = await create(scj, '渑市监罚〔2026〕33号', 'MARKET', '2026-01-07');
  hbjCase = await create(hbj, '渑环罚〔2026〕34号', 'ECOLOGY', '2026-01-08');
  const kase = { type: 'CRIMINAL_PROSECUTION' as const, title: '涉嫌盗窃案', agencyCode: JCY, personIds: [], victimIds: [], creditCodes: [], status: 'ACCEPTED' as const, version: 0 };
  openCase = (await ProcuratorateCaseModel.create({ ...kase, caseNumber: '渑检刑诉受〔2026〕41号', acceptedAt: new Date('2026-01-10'), sealed: false }))._id;
  sealedCase = (await ProcuratorateCaseModel.create({ ...kase, caseNumber: '渑检刑诉受〔2026〕42号', acceptedAt: new Date('2026-01-11'), sealed: true }))._id;
  scoped = await grantedRequest(jcy, scjHead, { resourceTypes: ['ENFORCEMENT_CASE'], scopeIds: [c1, c3, hbjCase] });
});
afterAll(() => hub.stop());

describe('delivery of granted data', () => {
  it('delivers to the requester exactly the provider\'s records in the grant\'s scope, masked without personal data', async () => {
    const r = await hub.ok(jcy, DELIVERED, { id: scoped.id });
    const conn = r.dataRequest.grant.enforcementCases;
    expect(conn.totalCount).toBe(2);
    expect(ids(conn.nodes)).toEqual([c1, c3].sort());
    expect(conn.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toEqual(['渑市监罚〔2026〕33号', '渑市监罚〔2026〕31号']); // latest filed first
    for (const n of conn.nodes) expect(n.person).toEqual({ idNumber: null, idNumberMasked: `411***********${idNumber.slice(-4)}` });
    expect(JSON.stringify(r)).not.toContain(idNumber);
  });

  it('leaves one DELIVER event per fetch, with the ids, the grant and its purpose, and no READ of the same records', async () => {
    const from = isoNow();
    const r = await hub.ok(jcy, DELIVERED, { id: scoped.id, first: 1 });
    expect(r.dataRequest.grant.enforcementCases.nodes.map((n: { id: string }) => n.id)).toEqual([c3]);
    const events = (await eventsOf(scoped.grantId, from)).filter((e) => e.resourceType === 'ENFORCEMENT_CASE');
    expect(events).toEqual([{
      action: 'DELIVER', outcome: 'ALLOWED', resourceType: 'ENFORCEMENT_CASE', resourceIds: [c3], grantId: scoped.grantId,
      actor: 'jcy-clerk', actorAgency: JCY, purpose: '行政执法与刑事司法衔接监督',
    }]);
  });

  it('answers an empty list for a resource type the grant does not cover', async () => {
    const r = await hub.ok(jcy, `query($id: ID!) { sharingGrant(id: $id) { criminalTransfers { totalCount nodes { id } } } }`, { id: scoped.grantId });
    expect(r.sharingGrant.criminalTransfers).toEqual({ totalCount: 0, nodes: [] });
  });

  it('refuses anyone but the grantee through the same grant id: the provider, a third agency, directly or through the gateway', async () => {
    const provider = await hub.query(scj, BY_GRANT, { id: scoped.grantId });
    expect(code(provider)).toBe('FORBIDDEN');
    expect(provider.errors![0].message).toMatch(/no sharing grant .* is in force for your agency/);
    expect(code(await hub.query(gaj, BY_GRANT, { id: scoped.grantId }))).toBe('FORBIDDEN');
    const direct = await hub.direct('enforcement', gaj, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on SharingGrant { enforcementCases { totalCount nodes { id } } } } }`,
      { reps: [{ __typename: 'SharingGrant', id: scoped.grantId }] });
    expect(code(direct)).toBe('FORBIDDEN');
    expect(JSON.stringify(direct)).not.toContain(c1);
  });

  it('shows the provider (and the grantee) what was delivered, when, to whom, newest first', async () => {
    const before = Date.now();
    await hub.ok(jcy, DELIVERED, { id: scoped.id });
    for (const who of [scj, jcy]) {
      const list = (await hub.ok(who, DELIVERIES, { id: scoped.grantId })).sharingGrant.deliveries;
      expect(list.length).toBeGreaterThanOrEqual(3); // this test's fetch and the two before it; refusals are not deliveries
      expect(list[0]).toEqual({ at: expect.any(String), agency: { code: JCY }, user: 'jcy-clerk', channel: 'GRAPHQL', resourceType: 'ENFORCEMENT_CASE', recordCount: 2, recordIds: [c3, c1] });
      expect(Date.parse(list[0].at)).toBeGreaterThanOrEqual(before - 1000);
      expect(list.every((d: { agency: { code: string } }) => d.agency.code === JCY)).toBe(true);
      expect([...list].sort((a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at))).toEqual(list);
    }
  });

  it('does not show a grant\'s deliveries to the requester of another grant', async () => {
    const other = await grantedRequest(gaj, scjHead, { resourceTypes: ['CRIMINAL_TRANSFER'] });
    expect(code(await hub.query(gaj, DELIVERIES, { id: scoped.grantId }))).toBe('FORBIDDEN');
    expect((await hub.ok(gaj, DELIVERIES, { id: other.grantId })).sharingGrant.deliveries).toEqual([]);
  });

  it('delivers every record of the type, raw personal data included, under a grant without scope that allows it', async () => {
    open = await grantedRequest(jcy, scjHead, { resourceTypes: ['ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER'], wantsPersonalData: true });
    const conn = (await hub.ok(jcy, DELIVERED, { id: open.id })).dataRequest.grant.enforcementCases;
    expect(conn.totalCount).toBe(3);
    expect(ids(conn.nodes)).toEqual([c1, c2, c3].sort()); // never HBJ's case
    for (const n of conn.nodes) expect(n.person.idNumber).toBe(idNumber);
  });

  it('audits an export of the delivery as EXPORT, which the provider sees among the deliveries', async () => {
    const from = isoNow();
    const token = await issueUserToken({ userId: 'jcy-exporter', agency: JCY, roles: ['officer'] });
    const res = await fetch(new URL('/export', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query($id: ID!) { sharingGrant(id: $id) { enforcementCases { nodes { caseNumber } } } }`, variables: { id: open.grantId }, format: 'csv' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('渑市监罚〔2026〕32号');
    const events = (await eventsOf(open.grantId, from)).filter((e) => e.resourceType === 'ENFORCEMENT_CASE');
    expect(events).toEqual([expect.objectContaining({ action: 'EXPORT', outcome: 'ALLOWED', grantId: open.grantId, actor: 'jcy-exporter' })]);
    expect(events[0].resourceIds.sort()).toEqual([c1, c2, c3].sort());
    const [latest] = (await hub.ok(scj, DELIVERIES, { id: open.grantId })).sharingGrant.deliveries;
    expect(latest).toMatchObject({ agency: { code: JCY }, user: 'jcy-exporter', channel: 'EXPORT', resourceType: 'ENFORCEMENT_CASE', recordCount: 3 });
  });

  it('stops delivering once the grant is revoked', async () => {
    await hub.ok(scjHead, `mutation($id: ID!) { revokeGrant(id: $id, reason: "核查已完成") { active } }`, { id: scoped.grantId });
    const r = await hub.query(jcy, BY_GRANT, { id: scoped.grantId });
    expect(code(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r)).not.toContain(c1);
  });

  it('never delivers a sealed record, even one named in the grant\'s scope', async () => {
    const g = await grantedRequest(scj, jcyHead, { resourceTypes: ['PROCURATORATE_CASE'], scopeIds: [openCase, sealedCase] });
    const r = await hub.ok(scj, `query($id: ID!) { sharingGrant(id: $id) { procuratorateCases { totalCount nodes { id } } } }`, { id: g.grantId });
    expect(r.sharingGrant.procuratorateCases).toEqual({ totalCount: 1, nodes: [{ id: openCase }] });
    const all = await grantedRequest(scj, jcyHead, { resourceTypes: ['PROCURATORATE_CASE'] });
    const r2 = await hub.ok(scj, `query($id: ID!) { sharingGrant(id: $id) { procuratorateCases { totalCount nodes { id } } } }`, { id: all.grantId });
    expect(r2.sharingGrant.procuratorateCases).toEqual({ totalCount: 1, nodes: [{ id: openCase }] });
  });
});

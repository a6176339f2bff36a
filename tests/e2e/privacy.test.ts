import { PersonModel, SharingGrantModel } from '../../subgraphs/liaison/models';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { ProcuratorateCaseModel } from '../../subgraphs/procuratorate/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { startHub, type Hub } from '../helpers/hub';

// Personal data, discovery and sealed records through the gateway, with the audit trail they leave.
useDatabase();

let hub: Hub;
const SCJ = { agency: '411221-SCJ' };
const HBJ = { agency: '411221-HBJ', roles: ['viewer' as const] };
const JCY = { agency: '411221-JCY' };
const AUDITOR = { agency: '411221-JCY', roles: ['auditor' as const] };
const idNumber = validIdNumber(555, '19800202');
let personId = '';
let minorId = '';

const PII = `query($id: ID!) { person(id: $id) { idNumberMasked idNumber phone a: idNumber ...F } } fragment F on Person { other: idNumber }`;

async function grant(patch: Record<string, unknown> = {}) {
  await SharingGrantModel.deleteMany({});
  const day = 86_400_000;
  await SharingGrantModel.create({
    _id: 'g-test', granteeCode: HBJ.agency, providerCode: SCJ.agency, resourceTypes: ['ENFORCEMENT_CASE'], scopeIds: [],
    purpose: '生态环境公益诉讼线索核查', legalBasis: '行政诉讼法第二十五条', allowsPersonalData: true,
    validFrom: new Date(Date.now() - day), validUntil: new Date(Date.now() + 30 * day), revokedAt: null, ...patch,
  });
}

beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
  const p = await hub.query(SCJ, `mutation($n: String!) { registerPerson(input: { name: "李四", idNumber: $n, phone: "13912345678" }) { id } }`, { n: idNumber });
  personId = p.data!.registerPerson.id;
  const c = await hub.query(SCJ, `mutation($p: ID!) { createEnforcementCase(input: { caseNumber: "渑市监罚〔2026〕1号", field: MARKET, personId: $p, facts: "无照经营", filedAt: "2026-01-05" }) { id } }`, { p: personId });
  expect(c.errors).toBeUndefined();
  const m = await hub.query(JCY, `mutation($n: String!) { registerPerson(input: { name: "小明", idNumber: $n }) { id } }`, { n: validIdNumber(556, '20120101') });
  minorId = m.data!.registerPerson.id;
  await PersonModel.updateOne({ _id: minorId }, { sealed: true });
  await ProcuratorateCaseModel.create({
    caseNumber: '渑检刑诉受〔2026〕1号', type: 'CRIMINAL_PROSECUTION', title: '涉嫌盗窃案', agencyCode: JCY.agency, personIds: [minorId],
    victimIds: [], creditCodes: [], status: 'ACCEPTED', acceptedAt: new Date('2026-01-10'), sealed: true, version: 0,
  });
});
afterAll(() => hub.stop());

describe('masking and unmasking', () => {
  it('shows the raw number to the agency that holds a record on the person, under every alias and fragment', async () => {
    const r = await hub.query(SCJ, PII, { id: personId });
    expect(r.data!.person).toEqual({ idNumberMasked: `411***********${idNumber.slice(-4)}`, idNumber, phone: '13912345678', a: idNumber, other: idNumber });
  });

  it('masks for an agency without a record or grant, under every alias and fragment', async () => {
    await SharingGrantModel.deleteMany({});
    const r = await hub.query(HBJ, PII, { id: personId });
    expect(r.data!.person).toEqual({ idNumberMasked: expect.stringMatching(/^411\*+\d{4}$/), idNumber: null, phone: null, a: null, other: null });
    expect(JSON.stringify(r)).not.toContain(idNumber);
  });

  it('unmasks under an active grant that allows personal data, and not under a revoked, expired or no-PII one', async () => {
    await grant();
    expect((await hub.query(HBJ, PII, { id: personId })).data!.person.idNumber).toBe(idNumber);
    await grant({ revokedAt: new Date() });
    expect((await hub.query(HBJ, PII, { id: personId })).data!.person.idNumber).toBeNull();
    await grant({ validUntil: new Date(Date.now() - 1000) });
    expect((await hub.query(HBJ, PII, { id: personId })).data!.person.idNumber).toBeNull();
    await grant({ allowsPersonalData: false });
    expect((await hub.query(HBJ, PII, { id: personId })).data!.person.idNumber).toBeNull();
    await grant({ resourceTypes: ['PETITION'] });
    expect((await hub.query(HBJ, PII, { id: personId })).data!.person.idNumber).toBeNull();
  });

  it('audits every unmasking attempt, allowed and denied, with the grant used', async () => {
    await grant();
    await hub.query(HBJ, PII, { id: personId });
    const r = await hub.query(AUDITOR, `query($id: ID!) { auditEvents(filter: { resourceId: $id, actorAgency: "411221-HBJ" }, first: 100) { nodes { action outcome fieldsUnmasked grantId } } }`, { id: personId });
    const events = r.data!.auditEvents.nodes as { action: string; outcome: string; grantId: string | null }[];
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'UNMASK', outcome: 'ALLOWED', grantId: 'g-test', fieldsUnmasked: ['idNumber'] }),
      expect.objectContaining({ action: 'UNMASK', outcome: 'DENIED', grantId: null }),
    ]));
  });
});

describe('discovery', () => {
  it('tells which agencies hold which kinds of record on a person, and is audited', async () => {
    const r = await hub.query(HBJ, `query($id: ID!) { discover(personId: $id) { agency { code name } resourceType count } }`, { id: personId });
    expect(r.data!.discover).toEqual([{ agency: { code: SCJ.agency, name: '渑池县市场监督管理局' }, resourceType: 'ENFORCEMENT_CASE', count: 1 }]);
    const a = await hub.query(AUDITOR, `query($id: ID!) { auditEvents(filter: { resourceId: $id }, first: 100) { nodes { action actorAgency } } }`, { id: personId });
    expect(a.data!.auditEvents.nodes).toContainEqual({ action: 'DISCOVER', actorAgency: HBJ.agency });
  });

  it('never shows or counts sealed juvenile records, and never unmasks a sealed person under a grant', async () => {
    const d = await hub.query(SCJ, `query($id: ID!) { discover(personId: $id) { agency { code } count } }`, { id: minorId });
    expect(d.data!.discover).toEqual([]);
    await SharingGrantModel.deleteMany({});
    await SharingGrantModel.create({
      _id: 'g-minor', granteeCode: SCJ.agency, providerCode: JCY.agency, resourceTypes: ['PROCURATORATE_CASE'], scopeIds: [], purpose: 'x',
      legalBasis: 'y', allowsPersonalData: true, validFrom: new Date(Date.now() - 1000), validUntil: new Date(Date.now() + 86_400_000), revokedAt: null,
    });
    // A sealed person is not even found by an agency holding no record on them, grant or not.
    const other = await hub.query(SCJ, PII, { id: minorId });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(other)).not.toContain(validIdNumber(556, '20120101'));
    expect((await hub.query(JCY, PII, { id: minorId })).data!.person.idNumber).toMatch(/^411221/);
  });

  it('refuses a discovery without exactly one party', async () => {
    const r = await hub.query(HBJ, '{ discover { count } }');
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

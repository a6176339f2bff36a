import type { Model } from 'mongoose';
import { AccessControl, type Policy } from '../../lib/access';
import type { AuditEntry } from '../../lib/audit';
import type { Grant } from '../../lib/grants';
import type { Role } from '../../lib/identity';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../../subgraphs/enforcement/models';
import { enforcementCasePolicy, transferPolicy } from '../../subgraphs/enforcement/policies';
import { enforcement } from '../../subgraphs/enforcement/server';
import { AuditEventModel, SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { validCreditCode } from '../helpers/fixtures';
import { execute, identity } from '../helpers/subgraph';

// The enforcement policies (subgraphs/enforcement/policies.ts): the MongoDB filter and the functions say the same
// thing, the send step stores the counterparts, and a link the caller may not follow is null.
useDatabase();

const SCJ = '411221-SCJ';
const HBJ = '411221-HBJ';
const GAJ = '411221-GAJ';
const JCY = '411221-JCY';
const DAY = 86_400_000;

function grant(patch: Partial<Grant> = {}): Grant {
  return {
    id: 'g', granteeCode: HBJ, providerCode: SCJ, resourceTypes: ['ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER'], scopeIds: [], purpose: 'p', legalBasis: 'l',
    allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null, ...patch,
  };
}

function control(agency: string, grants: Grant[], roles: Role[] = ['officer']) {
  const audit: AuditEntry[] = [];
  const access = new AccessControl(identity(agency, roles), async () => grants, { record: async (e) => void audit.push(e) });
  return { access, audit };
}

describe('the filter and the functions of each policy', () => {
  const caseIds = { own: 'c-own', sent: 'c-sent', unsent: 'c-unsent', other: 'c-other', scoped: 'c-scoped' };
  beforeAll(async () => {
    const c = (id: string, agencyCode: string, counterpartCodes: string[] = []) => ({
      _id: id, caseNumber: id, agencyCode, field: 'MARKET', creditCode: validCreditCode(1), facts: 'x', filedAt: new Date('2025-01-01'), counterpartCodes,
    });
    await EnforcementCaseModel.insertMany([
      c(caseIds.own, SCJ), c(caseIds.sent, SCJ, [GAJ, JCY]), c(caseIds.unsent, SCJ), c(caseIds.other, '411221-ZRJ'), c(caseIds.scoped, SCJ),
    ]);
    const t = (id: string, caseId: string, agencyCode: string, sent: boolean) => ({
      _id: id, enforcementCaseId: caseId, agencyCode, policeAgencyCode: GAJ, suspectedCharge: 'x', status: sent ? 'SENT' : 'APPROVED',
      reportedAt: new Date('2025-01-05'), sentAt: sent ? new Date('2025-01-06') : null, procuratorateCopyCode: sent ? JCY : null,
      counterpartCodes: sent ? [GAJ, JCY] : [],
    });
    await CriminalTransferModel.insertMany([t('t-sent', caseIds.sent, SCJ, true), t('t-unsent', caseIds.unsent, SCJ, false), t('t-other', caseIds.other, '411221-ZRJ', true)]);
  });

  const callers: [string, string, Grant[], Role[]][] = [
    ['the owner', SCJ, [], ['officer']],
    ['the police', GAJ, [], ['officer']],
    ['the procuratorate', JCY, [], ['officer']],
    ['an agency without a grant', HBJ, [], ['officer']],
    ['an agency under a grant', HBJ, [grant()], ['officer']],
    ['an agency under a grant limited to one id', HBJ, [grant({ scopeIds: [caseIds.scoped, 't-sent'] })], ['officer']],
    ['an agency under a revoked grant', HBJ, [grant({ revokedAt: new Date() })], ['officer']],
    ['an agency under an expired grant', HBJ, [grant({ validUntil: new Date(Date.now() - 1000) })], ['officer']],
    ['an agency under a grant of cases only', HBJ, [grant({ resourceTypes: ['ENFORCEMENT_CASE'] })], ['officer']],
    ['an agency under a grant of another provider', HBJ, [grant({ providerCode: '411221-ZRJ' })], ['officer']],
    ['a grant held by another agency', HBJ, [grant({ granteeCode: '411221-MZJ' })], ['officer']],
    ['a service', '411221-ZFB', [], ['service']],
  ];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- either model, read as plain documents
  async function compare<D extends { _id: string }>(policy: Policy<D>, model: Model<any>, agency: string, grants: Grant[], roles: Role[] = ['officer']) {
    const { access } = control(agency, grants, roles);
    const all = (await model.find().lean()) as D[];
    const byFunction = (await Promise.all(all.map(async (d) => ((await access.decide(policy, d)) ? d._id : null)))).filter(Boolean).sort();
    const byFilter = ((await model.find(await access.filter(policy)).lean()) as D[]).map((d) => d._id).sort();
    return { byFunction, byFilter };
  }

  it.each(callers)('cases: %s (%s) — the filter selects exactly what decide() allows', async (_, agency, grants, roles) => {
    const { byFunction, byFilter } = await compare<EnforcementCaseDoc>(enforcementCasePolicy, EnforcementCaseModel, agency, grants, roles);
    expect(byFilter).toEqual(byFunction);
  });

  it.each(callers)('transfers: %s (%s) — the filter selects exactly what decide() allows', async (_, agency, grants, roles) => {
    const { byFunction, byFilter } = await compare<CriminalTransferDoc>(transferPolicy, CriminalTransferModel, agency, grants, roles);
    expect(byFilter).toEqual(byFunction);
  });

  it('lets the police and the procuratorate see a sent transfer and its case, never an unsent one', async () => {
    for (const agency of [GAJ, JCY]) {
      expect((await compare(transferPolicy, CriminalTransferModel, agency, [])).byFilter).toEqual(['t-other', 't-sent']);
      expect((await compare(enforcementCasePolicy, EnforcementCaseModel, agency, [])).byFilter).toEqual([caseIds.sent]);
    }
    expect((await compare(enforcementCasePolicy, EnforcementCaseModel, HBJ, [grant({ scopeIds: [caseIds.scoped] })])).byFilter).toEqual([caseIds.scoped]);
    expect((await compare(enforcementCasePolicy, EnforcementCaseModel, HBJ, [])).byFilter).toEqual([]);
  });
});

describe('the send step and the links between a case and its transfer', () => {
  const officer = identity(SCJ);
  const head = identity(SCJ, ['supervisor']);
  let caseId = '';
  let transferId = '';
  let version = 0;
  const T = `id status version enforcementCase { id }`;

  beforeAll(async () => {
    const c = await execute(enforcement, officer, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`, {
      input: { caseNumber: '渑市监罚〔2025〕access', field: 'MARKET', creditCode: validCreditCode(77), facts: '无照经营', filedAt: '2025-03-01' },
    });
    caseId = c.data!.createEnforcementCase.id;
    const t = await execute(enforcement, officer, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { id version } }`, {
      input: { enforcementCaseId: caseId, policeAgencyCode: GAJ, suspectedCharge: '销售假冒注册商标的商品罪', reportedAt: '2025-03-10' },
    });
    transferId = t.data!.reportCriminalTransfer.id;
    const a = await execute(enforcement, head, `mutation($id: ID!) { approveTransfer(id: $id, version: 0) { version } }`, { id: transferId });
    version = a.data!.approveTransfer.version;
  });
  beforeEach(() => SharingGrantModel.deleteMany({}));

  const single = (agency: string) =>
    execute(enforcement, identity(agency), `query($id: ID!, $c: ID!) { criminalTransfer(id: $id) { id enforcementCase { id } } enforcementCase(id: $c) { id transfer { id } } }`, { id: transferId, c: caseId });

  it('stores no counterparts before the send, and the police and the procuratorate on the transfer and the case when sent', async () => {
    expect((await CriminalTransferModel.findById(transferId).lean())!.counterpartCodes).toEqual([]);
    expect((await EnforcementCaseModel.findById(caseId).lean())!.counterpartCodes).toEqual([]);
    expect((await single(GAJ)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const sent = await execute(enforcement, officer, `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { ${T} } }`, { id: transferId, v: version });
    expect(sent.errors).toBeUndefined();
    expect((await CriminalTransferModel.findById(transferId).lean())!.counterpartCodes).toEqual([GAJ, JCY]);
    expect((await EnforcementCaseModel.findById(caseId).lean())!.counterpartCodes).toEqual([GAJ, JCY]);
    for (const agency of [GAJ, JCY]) {
      const r = await single(agency);
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ criminalTransfer: { id: transferId, enforcementCase: { id: caseId } }, enforcementCase: { id: caseId, transfer: { id: transferId } } });
    }
    // A retried send adds them once.
    const retry = await execute(enforcement, officer, `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { id } }`, { id: transferId, v: version });
    expect(retry.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await EnforcementCaseModel.findById(caseId).lean())!.counterpartCodes).toEqual([GAJ, JCY]);
  });

  it('keeps under Enterprise.enforcementCases only the cases the caller may see', async () => {
    const ENTERPRISE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { enforcementCases { totalCount nodes { id } } } } }`;
    const seen = async (agency: string) =>
      (await execute(enforcement, identity(agency), ENTERPRISE, { reps: [{ __typename: 'Enterprise', creditCode: validCreditCode(77) }] })).data!._entities[0].enforcementCases;
    expect(await seen(SCJ)).toEqual({ totalCount: 1, nodes: [{ id: caseId }] });
    expect(await seen(GAJ)).toEqual({ totalCount: 1, nodes: [{ id: caseId }] }); // sent in the test before
    expect(await seen(HBJ)).toEqual({ totalCount: 0, nodes: [] });
  });

  it('answers null, not an error, for a link the caller may not follow', async () => {
    const base = {
      granteeCode: HBJ, providerCode: SCJ, scopeIds: [], purpose: '核查', legalBasis: '依据', allowsPersonalData: false,
      validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null,
    };
    await SharingGrantModel.create({ ...base, _id: 'g-transfers', resourceTypes: ['CRIMINAL_TRANSFER'] });
    const transfers = await execute(enforcement, identity(HBJ), `query($id: ID!) { criminalTransfer(id: $id) { id enforcementCase { id } } }`, { id: transferId });
    expect(transfers.errors).toBeUndefined();
    expect(transfers.data!.criminalTransfer).toEqual({ id: transferId, enforcementCase: null });

    await SharingGrantModel.deleteMany({});
    await SharingGrantModel.create({ ...base, _id: 'g-cases', resourceTypes: ['ENFORCEMENT_CASE'] });
    const cases = await execute(enforcement, identity(HBJ), `query($c: ID!) { enforcementCase(id: $c) { id transfer { id } } }`, { c: caseId });
    expect(cases.errors).toBeUndefined();
    expect(cases.data!.enforcementCase).toEqual({ id: caseId, transfer: null });
  });
});

describe('audit events per request, not per record', () => {
  const readsSince = async (at: Date, resourceType: string) =>
    (await AuditEventModel.find({ at: { $gte: at }, action: 'READ', resourceType }).sort({ seq: 1 }).lean()).map((e) => ({ outcome: e.outcome, ids: [...e.resourceIds].sort() }));

  it('audits the transfers followed from a page of cases in one event, whatever the page size', async () => {
    const at = new Date();
    const r = await execute(enforcement, identity(GAJ), `{ enforcementCases(first: 100) { nodes { id transfer { id } } } }`);
    expect(r.errors).toBeUndefined();
    const followed = (r.data!.enforcementCases.nodes as { transfer: { id: string } | null }[]).map((n) => n.transfer?.id).filter(Boolean).sort();
    expect(followed.length).toBeGreaterThanOrEqual(2);
    expect(await readsSince(at, 'CRIMINAL_TRANSFER')).toEqual([{ outcome: 'ALLOWED', ids: followed }]);
  });

  it('audits the representations of one _entities call in one ALLOWED and one DENIED event', async () => {
    const at = new Date();
    const r = await execute(enforcement, identity(GAJ), `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on CriminalTransfer { id } } }`,
      { reps: ['t-sent', 't-other', 't-unsent'].map((id) => ({ __typename: 'CriminalTransfer', id })) });
    expect(r.data!._entities).toEqual([{ id: 't-sent' }, { id: 't-other' }, null]);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await readsSince(at, 'CRIMINAL_TRANSFER')).toEqual(expect.arrayContaining([{ outcome: 'ALLOWED', ids: ['t-other', 't-sent'] }, { outcome: 'DENIED', ids: ['t-unsent'] }]));
    expect(await readsSince(at, 'CRIMINAL_TRANSFER')).toHaveLength(2);
  });
});

import type { Model } from 'mongoose';
import { AccessControl, type Policy } from '../../lib/access';
import type { AuditEntry } from '../../lib/audit';
import type { Grant } from '../../lib/grants';
import type { Role } from '../../lib/identity';
import { backfillAccessFields } from '../../subgraphs/assistance/backfill';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../../subgraphs/assistance/models';
import { rescueApplicationPolicy, supportReferralPolicy } from '../../subgraphs/assistance/policies';
import { assistance } from '../../subgraphs/assistance/server';
import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { errorCode, execute, identity } from '../helpers/subgraph';

// The access rules of the assistance subgraph in-process: the policies' functions and filters agree,
// the counterpart and owner fields are maintained, a link the caller may not follow is null, and the
// dashboard stays an aggregate for every agency.
useDatabase();

const JCY = '411221-JCY';
const RSJ = '411221-RSJ';
const MZJ = '411221-MZJ';
const officer = identity(JCY);
const DAY = 86_400_000;
const CHECKED = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'].map((exclusion) => ({ exclusion, applies: false }));
const CREATE = `mutation($input: RescueApplicationInput!) { createRescueApplication(input: $input) { id } }`;
const REFER = `mutation($input: SupportReferralInput!) { createSupportReferral(input: $input) { id } }`;

let seq = 700;
async function application(): Promise<string> {
  const r = await execute(assistance, officer, CREATE, {
    input: { number: `渑检救助〔2024〕${++seq}号`, applicantId: personIdOf(validIdNumber(seq)), situation: 'WITNESS_INJURED', exclusionChecks: CHECKED, months: 4, appliedAt: '2024-05-06' },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.createRescueApplication.id;
}
async function refer(applicationId: string, receivingAgencyCode: string, kind = 'EMPLOYMENT'): Promise<string> {
  const r = await execute(assistance, officer, REFER, { input: { applicationId, kind, receivingAgencyCode, referredAt: '2024-05-20' } });
  expect(r.errors).toBeUndefined();
  return r.data!.createSupportReferral.id;
}

const grant = (patch: Partial<Grant> = {}): Grant => ({
  id: 'g-unit', granteeCode: MZJ, providerCode: JCY, resourceTypes: ['RESCUE_APPLICATION'], scopeIds: [], purpose: 'p', legalBasis: 'l',
  allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null, ...patch,
});

function accessFor(agency: string, grants: Grant[], roles: Role[] = ['officer']) {
  const audited: AuditEntry[] = [];
  const access = new AccessControl(identity(agency, roles), async () => grants, { record: async (e) => void audited.push(e) });
  return { access, audited };
}

describe('the policies', () => {
  let apps: string[] = [];
  let refs: string[] = [];
  beforeAll(async () => {
    apps = [await application(), await application(), await application()];
    refs = [await refer(apps[0], RSJ), await refer(apps[0], '411221-WJW', 'MEDICAL'), await refer(apps[1], MZJ)];
  });

  // The MongoDB filter (lists, counts) and the per-record decision (singles, nested lists) must agree.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- either model
  async function agree<D extends { _id: string }>(policy: Policy<D>, model: Model<any>, among: string[], agency: string, grants: Grant[], roles?: Role[]) {
    const { access } = accessFor(agency, grants, roles);
    const docs = (await model.find({ _id: { $in: among } }).lean()) as unknown as D[];
    const decided = (await Promise.all(docs.map(async (d) => ((await access.decide(policy, d)) ? d._id : null)))).filter(Boolean).sort();
    const filtered = ((await model.find({ $and: [{ _id: { $in: among } }, await access.filter(policy)] }).lean()) as unknown as D[]).map((d) => d._id).sort();
    expect(filtered).toEqual(decided);
    return decided;
  }

  const SCJ = '411221-SCJ';
  it.each<[string, string, () => Grant[], (a: string[]) => string[]]>([
    ['the owner', JCY, () => [], (a) => a],
    ['a counterpart (receiving agency of a referral)', RSJ, () => [], (a) => [a[0]]],
    ['an agency without a part or grant', SCJ, () => [], () => []],
    ['a grantee', SCJ, () => [grant({ granteeCode: SCJ })], (a) => a],
    ['a grantee limited to one id', SCJ, () => [grant({ granteeCode: SCJ, scopeIds: [apps[1]] })], (a) => [a[1]]],
    ['a grantee of referrals only', SCJ, () => [grant({ granteeCode: SCJ, resourceTypes: ['SUPPORT_REFERRAL'] })], () => []],
    ['a service', SCJ, () => [], (a) => a],
  ])('agree on rescue applications for %s', async (who, agency, grants, expected) => {
    const roles: Role[] = who === 'a service' ? ['service'] : ['officer'];
    const seen = await agree<RescueApplicationDoc>(rescueApplicationPolicy, RescueApplicationModel, apps, agency, grants(), roles);
    expect(seen).toEqual(expected(apps).sort());
  });

  it('agree on support referrals for the owner, each receiving agency, a grantee of referrals and a service', async () => {
    expect(await agree<SupportReferralDoc>(supportReferralPolicy, SupportReferralModel, refs, JCY, [])).toEqual([...refs].sort());
    expect(await agree<SupportReferralDoc>(supportReferralPolicy, SupportReferralModel, refs, RSJ, [])).toEqual([refs[0]]);
    expect(await agree<SupportReferralDoc>(supportReferralPolicy, SupportReferralModel, refs, MZJ, [])).toEqual([refs[2]]);
    expect(await agree<SupportReferralDoc>(supportReferralPolicy, SupportReferralModel, refs, MZJ, [grant({ resourceTypes: ['SUPPORT_REFERRAL'] })])).toEqual([...refs].sort());
    expect(await agree<SupportReferralDoc>(supportReferralPolicy, SupportReferralModel, refs, '411221-SCJ', [], ['service'])).toEqual([...refs].sort());
  });

  it('store the owner on each referral and add each receiving agency once to the application', async () => {
    await refer(apps[0], RSJ, 'SKILLS_TRAINING'); // a second referral to the same agency
    expect((await RescueApplicationModel.findById(apps[0]).lean())!.counterpartCodes).toEqual([RSJ, '411221-WJW']);
    expect((await RescueApplicationModel.findById(apps[2]).lean())!.counterpartCodes).toEqual([]);
    expect((await SupportReferralModel.findById(refs[2]).lean())!.agencyCode).toBe(JCY);
  });
});

describe('a link the caller may not follow', () => {
  beforeEach(() => SharingGrantModel.deleteMany({}));

  it('is null under a grant of referrals only, without an error or the application’s data', async () => {
    const a = await application();
    const r = await refer(a, RSJ);
    await SharingGrantModel.create({
      _id: 'g-referrals', granteeCode: MZJ, providerCode: JCY, resourceTypes: ['SUPPORT_REFERRAL'], scopeIds: [], purpose: '低保核查', legalBasis: '社会救助暂行办法',
      allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY), revokedAt: null,
    });
    const Q = `query($a: ID!) { supportReferrals(filter: { applicationId: $a }) { totalCount nodes { id application { id number } } } }`;
    const seen = await execute(assistance, identity(MZJ), Q, { a });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.supportReferrals).toEqual({ totalCount: 1, nodes: [{ id: r, application: null }] });
    // The receiving agency (a counterpart of the application) follows the same link.
    const counterpart = await execute(assistance, identity(RSJ), Q, { a });
    expect(counterpart.data!.supportReferrals.nodes).toEqual([{ id: r, application: { id: a, number: expect.any(String) } }]);
  });

  it('is FORBIDDEN as a root single or entity for the same caller', async () => {
    const a = await application();
    const single = await execute(assistance, identity(MZJ), `query($id: ID!) { rescueApplication(id: $id) { id } }`, { id: a });
    expect(errorCode(single)).toBe('FORBIDDEN');
    const entity = await execute(assistance, identity(MZJ), `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RescueApplication { id } } }`, {
      reps: [{ __typename: 'RescueApplication', id: a }],
    });
    expect(errorCode(entity)).toBe('FORBIDDEN');
  });
});

describe('the dashboard', () => {
  it('gives every agency the same aggregates, other agencies’ records included', async () => {
    const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dashboard { assistance { applications referralsByKind { status count } } } } }`;
    const reps = [{ __typename: 'Dashboard', period: '2024-Q2' }];
    const owner = await execute(assistance, officer, Q, { reps });
    const other = await execute(assistance, identity('411221-SCJ', ['viewer']), Q, { reps });
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual(owner.data);
    expect(other.data!._entities[0].assistance.applications).toBeGreaterThan(0);
  });
});

describe('the start-up backfill', () => {
  it('completes the owner of referrals and the counterparts of applications stored without them, once', async () => {
    const a = await application();
    await RescueApplicationModel.collection.updateOne({ _id: a as never }, { $unset: { counterpartCodes: '' } });
    await SupportReferralModel.collection.insertMany([
      { _id: 'bulk-r1' as never, applicationId: a, kind: 'MEDICAL', referringAgencyCode: JCY, receivingAgencyCode: '411221-WJW', status: 'REFERRED', referredAt: new Date(), history: [], version: 0 },
      { _id: 'bulk-r2' as never, applicationId: a, kind: 'EDUCATION', referringAgencyCode: JCY, receivingAgencyCode: '411221-JYJ', status: 'REFERRED', referredAt: new Date(), history: [], version: 0 },
    ]);
    await backfillAccessFields();
    await backfillAccessFields();
    expect((await RescueApplicationModel.findById(a).lean())!.counterpartCodes!.sort()).toEqual(['411221-JYJ', '411221-WJW']);
    expect((await SupportReferralModel.find({ _id: { $in: ['bulk-r1', 'bulk-r2'] } }).lean()).map((r) => r.agencyCode)).toEqual([JCY, JCY]);
    const jyj = await execute(assistance, identity('411221-JYJ'), `query($id: ID!) { rescueApplication(id: $id) { id supportReferrals { id } } }`, { id: a });
    expect(jyj.data?.rescueApplication).toEqual({ id: a, supportReferrals: [{ id: 'bulk-r2' }] });
  });
});

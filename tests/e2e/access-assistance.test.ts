import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { errorCode as code } from '../helpers/subgraph';
import { auditEventsOf, isoNow as now, readEvent as read, replaceGrant, sortedIds as ids, type TestGrant } from '../helpers/grants';

// The access rules of the assistance subgraph (docs/access-guide.md) through the gateway: owner, workflow
// counterpart (a referral's receiving agency), other agencies with and without a SharingGrant, and the audit.
useDatabase();

let hub: Hub;
const JCY = '411221-JCY';
const RSJ = '411221-RSJ'; // receiving agency of referral R1 (counterpart of A1)
const WJW = '411221-WJW'; // receiving agency of referral R2
const MZJ = '411221-MZJ'; // an agency without a part in these records
const clerk: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const rsj: Caller = { agency: RSJ, roles: ['officer'], userId: 'rsj-clerk' };
const mzj: Caller = { agency: MZJ, roles: ['officer'], userId: 'mzj-clerk' };
const EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
const DAY = 86_400_000;

let personId = '';
let a1 = '';
let a2 = '';
let r1 = '';
let r2 = '';

const LIST = `query($p: ID!) { rescueApplications(filter: { applicantId: $p }) { totalCount nodes { id } edges { node { id } } } }`;
const ONE = `query($id: ID!) { rescueApplication(id: $id) { id number supportReferrals { id } } }`;
const PERSON = `query($p: ID!) { person(id: $p) { rescueApplications { totalCount nodes { id } } } }`;
const REFERRALS = `query($a: ID!) { supportReferrals(filter: { applicationId: $a }) { totalCount nodes { id application { id } } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on RescueApplication { id number } ... on SupportReferral { id kind } } }`;


/** What MZJ sees of A1 and A2 on every path. */
async function seenByMzj() {
  const list = await hub.ok(mzj, LIST, { p: personId });
  const person = await hub.ok(mzj, PERSON, { p: personId });
  const single = await Promise.all([a1, a2].map((id) => hub.query(mzj, ONE, { id })));
  const entity = await Promise.all([a1, a2].map((id) => entities(mzj, [{ __typename: 'RescueApplication', id }])));
  return {
    list: ids(list.rescueApplications.nodes),
    totalCount: list.rescueApplications.totalCount as number,
    person: ids(person.person.rescueApplications.nodes),
    personCount: person.person.rescueApplications.totalCount as number,
    single: single.map((r) => (r.errors ? code(r) : r.data!.rescueApplication.id)),
    entities: entity.map((r) => (r.errors ? code(r) : r.data!._entities[0].id)),
  };
}

/** An `_entities` call to the assistance subgraph, signed as the gateway signs it for `who`. */
const entities = (who: Caller, reps: Record<string, unknown>[]) => hub.direct('assistance', who, ENTITIES, { reps });

/** Replaces the grants with this one (active, all records of its type, no personal data, unless patched). */
const grant = (patch: Partial<TestGrant> = {}) => replaceGrant({ _id: 'g-rescue', granteeCode: MZJ, providerCode: JCY, resourceTypes: ['RESCUE_APPLICATION'], purpose: '最低生活保障审核', legalBasis: '社会救助暂行办法第十一条', allowsPersonalData: false, ...patch });

beforeAll(async () => {
  hub = await startHub();
  await SharingGrantModel.deleteMany({});
  personId = (await hub.ok(clerk, `mutation($n: String!) { registerPerson(input: { name: "王五", idNumber: $n }) { id } }`, { n: validIdNumber(811, '19700101') })).registerPerson.id;
  const CREATE = `mutation($input: RescueApplicationInput!) { createRescueApplication(input: $input) { id } }`;
  const input = (n: number) => ({
    number: `渑检救助〔2026〕8${n}号`, applicantId: personId, procuratorateCaseId: `pc-access-${n}`, situation: 'VICTIM_SERIOUS_INJURY',
    exclusionChecks: EXCLUSIONS.map((exclusion) => ({ exclusion, applies: false })), months: 6, appliedAt: new Date(Date.now() - (10 - n) * DAY).toISOString(),
  });
  a1 = (await hub.ok(clerk, CREATE, { input: input(1) })).createRescueApplication.id;
  a2 = (await hub.ok(clerk, CREATE, { input: input(2) })).createRescueApplication.id;
  const REFER = `mutation($input: SupportReferralInput!) { createSupportReferral(input: $input) { id } }`;
  const refer = (kind: string, receivingAgencyCode: string) => ({ applicationId: a1, kind, receivingAgencyCode, referredAt: new Date(Date.now() - DAY).toISOString() });
  r1 = (await hub.ok(clerk, REFER, { input: refer('EMPLOYMENT', RSJ) })).createSupportReferral.id;
  r2 = (await hub.ok(clerk, REFER, { input: refer('MEDICAL', WJW) })).createSupportReferral.id;
});
afterAll(() => hub.stop());

describe('the owner agency', () => {
  it('sees its applications and referrals on every path', async () => {
    const list = await hub.ok(clerk, LIST, { p: personId });
    expect(list.rescueApplications).toMatchObject({ totalCount: 2 });
    expect(ids(list.rescueApplications.nodes)).toEqual([a1, a2].sort());
    expect(ids((await hub.ok(clerk, ONE, { id: a1 })).rescueApplication.supportReferrals)).toEqual([r1, r2].sort());
    expect((await hub.ok(clerk, PERSON, { p: personId })).person.rescueApplications.totalCount).toBe(2);
    expect((await hub.ok(clerk, REFERRALS, { a: a1 })).supportReferrals.totalCount).toBe(2);
  });
});

describe('another agency without a grant', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('finds none of them in the root list, with a totalCount that excludes them', async () => {
    const list = await hub.ok(mzj, LIST, { p: personId });
    expect(list.rescueApplications).toEqual({ totalCount: 0, nodes: [], edges: [] });
    expect(await hub.ok(mzj, REFERRALS, { a: a1 })).toEqual({ supportReferrals: { totalCount: 0, nodes: [] } });
  });

  it('gets FORBIDDEN for the root single, the same answer as for an id that does not exist', async () => {
    const r = await hub.query(mzj, ONE, { id: a1 });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.data?.rescueApplication ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('渑检救助');
    expect(code(await hub.query(mzj, ONE, { id: '000000000000000000000000' }))).toBe('FORBIDDEN');
  });

  it('gets FORBIDDEN through _entities, for applications and referrals', async () => {
    for (const rep of [{ __typename: 'RescueApplication', id: a1 }, { __typename: 'SupportReferral', id: r1 }]) {
      const r = await entities(mzj, [rep]);
      expect(code(r)).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null)).not.toContain(rep.id);
    }
    // The same call by the owner resolves (the refusal is the rule, not the call).
    expect((await entities(clerk, [{ __typename: 'RescueApplication', id: a1 }])).data?._entities).toEqual([{ id: a1, number: '渑检救助〔2026〕81号' }]);
  });

  it('finds none of them under Person.rescueApplications', async () => {
    expect((await hub.ok(mzj, PERSON, { p: personId })).person.rescueApplications).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('another agency under a SharingGrant', () => {
  const none = { list: [], totalCount: 0, person: [], personCount: 0, single: ['FORBIDDEN', 'FORBIDDEN'], entities: ['FORBIDDEN', 'FORBIDDEN'] };

  it('sees the provider’s applications on every path while the grant is active', async () => {
    await grant();
    expect(await seenByMzj()).toEqual({ list: [a1, a2].sort(), totalCount: 2, person: [a1, a2].sort(), personCount: 2, single: [a1, a2], entities: [a1, a2] });
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
    await grant({ resourceTypes: ['PETITION'] });
    expect(await seenByMzj()).toEqual(none);
    await grant({ providerCode: '411221-XFJ' });
    expect(await seenByMzj()).toEqual(none);
  });

  it('sees only the ids in the scope of a grant limited to scopeIds', async () => {
    await grant({ scopeIds: [a2] });
    expect(await seenByMzj()).toEqual({ list: [a2], totalCount: 1, person: [a2], personCount: 1, single: ['FORBIDDEN', a2], entities: ['FORBIDDEN', a2] });
  });

  it('does not see the referrals under a grant of rescue applications only', async () => {
    await grant();
    const one = await hub.ok(mzj, ONE, { id: a1 });
    expect(one.rescueApplication).toMatchObject({ id: a1, supportReferrals: [] });
    expect((await hub.ok(mzj, REFERRALS, { a: a1 })).supportReferrals.totalCount).toBe(0);
  });
});

describe('a workflow counterpart (the receiving agency of a referral)', () => {
  beforeAll(() => SharingGrantModel.deleteMany({}));

  it('sees its referral and the referral’s application, but not the other referral', async () => {
    const list = await hub.ok(rsj, REFERRALS, { a: a1 });
    expect(list.supportReferrals).toEqual({ totalCount: 1, nodes: [{ id: r1, application: { id: a1 } }] });
    expect((await entities(rsj, [{ __typename: 'SupportReferral', id: r1 }])).data?._entities).toEqual([{ id: r1, kind: 'EMPLOYMENT' }]);
    expect(code(await entities(rsj, [{ __typename: 'SupportReferral', id: r2 }]))).toBe('FORBIDDEN');
  });

  it('sees the referred application (with only its own referral), not the applicant’s other application', async () => {
    expect((await hub.ok(rsj, ONE, { id: a1 })).rescueApplication).toEqual({ id: a1, number: '渑检救助〔2026〕81号', supportReferrals: [{ id: r1 }] });
    expect(code(await hub.query(rsj, ONE, { id: a2 }))).toBe('FORBIDDEN');
    expect((await hub.ok(rsj, LIST, { p: personId })).rescueApplications).toMatchObject({ totalCount: 1, nodes: [{ id: a1 }] });
    expect((await hub.ok(rsj, PERSON, { p: personId })).person.rescueApplications).toEqual({ totalCount: 1, nodes: [{ id: a1 }] });
    expect((await entities(rsj, [{ __typename: 'RescueApplication', id: a1 }])).data?._entities).toEqual([{ id: a1, number: '渑检救助〔2026〕81号' }]);
  });
});

describe('the audit of cross-agency reads', () => {
  const events = (id: string, agency: string, from: string) => auditEventsOf(hub, id, agency, from);

  it('records READ ALLOWED with the grant id for a granted single, and READ DENIED for a refused one', async () => {
    await grant({ _id: 'g-audit', scopeIds: [a1] });
    let from = now();
    await hub.ok(mzj, ONE, { id: a1 });
    expect(await events(a1, MZJ, from)).toEqual([read('ALLOWED', 'RESCUE_APPLICATION', [a1], 'g-audit')]);
    from = now();
    expect(code(await hub.query(mzj, ONE, { id: a2 }))).toBe('FORBIDDEN');
    expect(await events(a2, MZJ, from)).toEqual([read('DENIED', 'RESCUE_APPLICATION', [a2], null)]);
  });

  it('records the granted records read through the root list and Person.rescueApplications', async () => {
    await grant({ _id: 'g-audit', scopeIds: [a1] });
    let from = now();
    await hub.ok(mzj, LIST, { p: personId });
    expect(await events(a1, MZJ, from)).toEqual([read('ALLOWED', 'RESCUE_APPLICATION', [a1], 'g-audit')]);
    from = now();
    await hub.ok(mzj, PERSON, { p: personId });
    expect(await events(a1, MZJ, from)).toEqual([read('ALLOWED', 'RESCUE_APPLICATION', [a1], 'g-audit')]);
  });

  it('records a counterpart’s reads without a grant, and no READ events for the owner’s own reads', async () => {
    await SharingGrantModel.deleteMany({});
    let from = now();
    await hub.ok(rsj, REFERRALS, { a: a1 });
    expect(await events(r1, RSJ, from)).toEqual([read('ALLOWED', 'SUPPORT_REFERRAL', [r1], null)]);
    expect(await events(a1, RSJ, from)).toEqual([read('ALLOWED', 'RESCUE_APPLICATION', [a1], null)]);
    from = now();
    await hub.ok(clerk, ONE, { id: a1 });
    await hub.ok(clerk, LIST, { p: personId });
    expect((await events(a1, JCY, from)).filter((e) => e.action === 'READ')).toEqual([]);
  });
});

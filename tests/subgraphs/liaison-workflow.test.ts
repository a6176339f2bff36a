import { addWorkingDays, endOfChinaDay } from '../../lib/calendar';
import type { Identity } from '../../lib/identity';
import { liaison, syncAgencies } from '../../subgraphs/liaison/server';
import { DataRequestModel, grantIdFor, SharingGrantModel, WorkTaskModel, type DataRequestDoc, type SharingGrantDoc } from '../../subgraphs/liaison/models';
import { dataRequestClocks, dataRequestNextDueAt, GRANT_DAYS_FOR_PAST_PERIOD, workTaskClocks } from '../../subgraphs/liaison/deadlines';
import { DATA_REQUEST_MACHINE as dataRequestMachine, WORK_TASK_MACHINE as workTaskMachine } from '../../subgraphs/liaison/workflow';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

// The two workflows of the liaison subgraph (docs/domain.md#data-requests): data requests with their
// grants, and the annual work tasks; step by step, as the agency and role each step names.
useDatabase();
beforeAll(async () => {
  await syncAgencies();
});

const JCY = '411221-JCY';
const REQ = '411221-GAJ'; // requester: the police
const PROV = '411221-SCJ'; // provider: market regulation
const OUT = '411221-HBJ'; // takes no part
const requester = identity(REQ, ['officer'], 'gaj-clerk');
const providerChief = identity(PROV, ['supervisor'], 'scj-chief');
const providerClerk = identity(PROV, ['officer'], 'scj-clerk');
const admin = identity(JCY, ['liaison_admin'], 'jcy-office');
const DAY = 86_400_000;

const F = `id status version catalogued allowedNextSteps history { at actor agency from to note } dueAt overdue deadlines { rule dueAt overdue }
  decidedAt decidedBy { code } decisionReason escalatedAt escalationReason withdrawnAt meeting { id }
  grant { id active allowsPersonalData validFrom validUntil grantee { code } provider { code } request { id } }`;
const M = {
  submit: `mutation($input: DataRequestInput!) { r: submitDataRequest(input: $input) { ${F} } }`,
  start: `mutation($id: ID!, $version: Int!) { r: startComplianceCheck(id: $id, version: $version, note: "受理") { ${F} } }`,
  pass: `mutation($id: ID!, $version: Int!) { r: passComplianceCheck(id: $id, version: $version, note: "符合最小必要原则") { ${F} } }`,
  fail: `mutation($id: ID!, $version: Int!, $reason: String!) { r: failComplianceCheck(id: $id, version: $version, reason: $reason) { ${F} } }`,
  grant: `mutation($id: ID!, $version: Int!, $input: GrantDecisionInput) { r: grantDataRequest(id: $id, version: $version, input: $input) { ${F} } }`,
  deny: `mutation($id: ID!, $version: Int!, $reason: String!, $meetingId: ID) {
    r: denyDataRequest(id: $id, version: $version, reason: $reason, meetingId: $meetingId) { ${F} } }`,
  escalate: `mutation($id: ID!, $version: Int!, $reason: String!) { r: escalateDataRequest(id: $id, version: $version, reason: $reason) { ${F} } }`,
  withdraw: `mutation($id: ID!, $version: Int!) { r: withdrawDataRequest(id: $id, version: $version, reason: "已通过其他途径取得") { ${F} } }`,
  revoke: `mutation($id: ID!, $reason: String!) { r: revokeGrant(id: $id, reason: $reason) { id active revokedAt revokeReason revokedBy { code } } }`,
};

const input = {
  providerCode: PROV, resourceTypes: ['ENFORCEMENT_CASE'], purpose: '核查涉嫌犯罪案件移送情况', legalBasis: '国务院令第310号',
  wantsPersonalData: true, periodFrom: '2025-01-01', periodTo: new Date(Date.now() + 200 * DAY).toISOString(),
};

type Req = { id: string; version: number; status: string; history: { from: string | null; to: string; agency: string; note: string | null }[]; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function ok(r: Result): Req {
  expect(r.errors).toBeUndefined();
  return r.data!.r as Req;
}

/** Each move of the machine: the mutation and who takes it (the agency and role the machine names). */
const STEPS: Record<string, { who: Identity; op: string }> = {
  'SUBMITTED>COMPLIANCE_CHECK': { who: admin, op: M.start },
  'SUBMITTED>WITHDRAWN': { who: requester, op: M.withdraw },
  'COMPLIANCE_CHECK>PROVIDER_REVIEW': { who: admin, op: M.pass },
  'COMPLIANCE_CHECK>DENIED': { who: admin, op: M.fail },
  'COMPLIANCE_CHECK>WITHDRAWN': { who: requester, op: M.withdraw },
  'PROVIDER_REVIEW>GRANTED': { who: providerChief, op: M.grant },
  'PROVIDER_REVIEW>DENIED': { who: providerChief, op: M.deny },
  'PROVIDER_REVIEW>COORDINATION': { who: providerClerk, op: M.escalate },
  'PROVIDER_REVIEW>WITHDRAWN': { who: requester, op: M.withdraw },
  'DENIED>COORDINATION': { who: requester, op: M.escalate },
  'COORDINATION>GRANTED': { who: admin, op: M.grant },
  'COORDINATION>DENIED': { who: admin, op: M.deny },
  'COORDINATION>WITHDRAWN': { who: requester, op: M.withdraw },
};

const step = (r: Req, to: string, who?: Identity, vars: Record<string, unknown> = {}) => {
  const s = STEPS[`${r.status}>${to}`];
  return execute(liaison, who ?? s.who, s.op, { id: r.id, version: r.version, reason: '不符合最小必要原则', ...vars });
};

/** A request submitted by the police and walked along `path` (after SUBMITTED). */
async function walk(path: string[], patch: Record<string, unknown> = {}): Promise<Req> {
  let r = ok(await execute(liaison, requester, M.submit, { input: { ...input, ...patch } }));
  for (const to of path) r = ok(await step(r, to));
  return r;
}

describe('data request machine', () => {
  it('covers every move of the machine in the tables below', () => {
    const moves = Object.entries(dataRequestMachine).flatMap(([from, steps]) => Object.keys(steps).map((to) => `${from}>${to}`));
    expect(moves.sort()).toEqual(Object.keys(STEPS).sort());
  });

  it.each([
    [[], 'COMPLIANCE_CHECK', JCY],
    [[], 'WITHDRAWN', REQ],
    [['COMPLIANCE_CHECK'], 'PROVIDER_REVIEW', JCY],
    [['COMPLIANCE_CHECK'], 'DENIED', JCY],
    [['COMPLIANCE_CHECK'], 'WITHDRAWN', REQ],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 'GRANTED', PROV],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 'DENIED', PROV],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 'COORDINATION', PROV],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 'WITHDRAWN', REQ],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED'], 'COORDINATION', REQ],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION'], 'GRANTED', JCY],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION'], 'DENIED', JCY],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'COORDINATION'], 'WITHDRAWN', REQ],
  ])('allows %j → %s (by %s), one version and one history entry more', async (path, to, agency) => {
    const before = await walk(path);
    const after = ok(await step(before, to));
    expect(after).toMatchObject({ status: to, version: before.version + 1 });
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({ from: before.status, to, agency });
    expect(after.history[0]).toMatchObject({ from: null, to: 'SUBMITTED', agency: REQ });
    expect((await DataRequestModel.findById(after.id).lean())!.history).toHaveLength(path.length + 2);
    if (to === 'GRANTED') expect(after.grant).toMatchObject({ id: grantIdFor(after.id), active: true, grantee: { code: REQ }, provider: { code: PROV } });
    else expect(after.grant).toBeNull();
  });

  it.each([
    [[], 'PROVIDER_REVIEW', admin, ['COMPLIANCE_CHECK', 'WITHDRAWN']],
    [[], 'GRANTED', providerChief, ['COMPLIANCE_CHECK', 'WITHDRAWN']],
    [['COMPLIANCE_CHECK'], 'COORDINATION', requester, ['PROVIDER_REVIEW', 'DENIED', 'WITHDRAWN']],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 'PROVIDER_REVIEW', admin, ['GRANTED', 'DENIED', 'COORDINATION', 'WITHDRAWN']],
    [['COMPLIANCE_CHECK', 'DENIED'], 'GRANTED', providerChief, ['COORDINATION']],
    [['COMPLIANCE_CHECK', 'DENIED'], 'WITHDRAWN', requester, ['COORDINATION']],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED'], 'WITHDRAWN', requester, []],
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED'], 'COORDINATION', requester, []],
    [['WITHDRAWN'], 'COMPLIANCE_CHECK', admin, []],
    // the joint meeting is asked once: a denial after coordination is final
    [['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'COORDINATION', 'DENIED'], 'COORDINATION', requester, []],
  ])('refuses %j → %s with CONFLICT naming the allowed next steps, changing nothing', async (path, to, who, allowed) => {
    const before = await walk(path as string[]);
    const op = Object.entries(STEPS).find(([k]) => k.endsWith(`>${to}`))![1].op;
    const r = await execute(liaison, who, op, { id: before.id, version: before.version, reason: '理由' });
    expect(errorCode(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions).toMatchObject({ currentStatus: before.status, allowed });
    expect(r.errors![0].message).toContain(before.status);
    const stored = (await DataRequestModel.findById(before.id).lean())!;
    expect({ status: stored.status, version: stored.version, history: stored.history.length }).toEqual({ status: before.status, version: before.version, history: before.history.length });
    expect(await SharingGrantModel.countDocuments({ requestId: before.id, revokedAt: null })).toBe(path.includes('GRANTED') ? 1 : 0);
  });

  it('refuses an act from the wrong status even where the target is reachable (DENIED by compliance vs by the provider)', async () => {
    const cc = await walk(['COMPLIANCE_CHECK']);
    const r = await execute(liaison, admin, M.deny, { id: cc.id, version: cc.version, reason: 'x' });
    expect(errorCode(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions?.allowed).toEqual(['PROVIDER_REVIEW', 'DENIED', 'WITHDRAWN']);
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    expect(errorCode(await execute(liaison, admin, M.fail, { id: pr.id, version: pr.version, reason: 'x' }))).toBe('CONFLICT');
  });

  it.each([
    ['a supervisor of the requester (wrong agency)', identity(REQ, ['supervisor']), 'GRANTED'],
    ['an agency that takes no part', identity(OUT, ['supervisor']), 'GRANTED'],
    ['the joint office before coordination (wrong agency)', identity(JCY, ['liaison_admin', 'supervisor']), 'DENIED'],
    ['an officer of the provider (wrong role: the supervisor decides)', providerClerk, 'GRANTED'],
    ['a viewer of the provider (wrong role)', identity(PROV, ['viewer']), 'DENIED'],
    ['a viewer of the requester escalating (wrong role)', identity(REQ, ['viewer']), 'COORDINATION'],
  ])('forbids %s', async (_, who, to) => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    const r = await step(pr, to, who);
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect((await DataRequestModel.findById(pr.id).lean())!.status).toBe('PROVIDER_REVIEW');
    expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(0);
  });

  it('forbids the compliance check to an officer of the joint office (wrong role) and to another agency\'s liaison admin', async () => {
    const s = await walk([]);
    expect(errorCode(await step(s, 'COMPLIANCE_CHECK', identity(JCY, ['officer', 'supervisor'])))).toBe('FORBIDDEN');
    expect(errorCode(await step(s, 'COMPLIANCE_CHECK', identity(PROV, ['liaison_admin'])))).toBe('FORBIDDEN');
    expect(ok(await step(s, 'COMPLIANCE_CHECK')).status).toBe('COMPLIANCE_CHECK');
  });

  it('requires reasons for denial and escalation (BAD_USER_INPUT, nothing written)', async () => {
    const cc = await walk(['COMPLIANCE_CHECK']);
    const r1 = await execute(liaison, admin, M.fail, { id: cc.id, version: cc.version, reason: '   ' });
    expect(errorCode(r1)).toBe('BAD_USER_INPUT');
    expect(r1.errors![0].extensions?.field).toBe('reason');
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    expect(errorCode(await execute(liaison, providerChief, M.deny, { id: pr.id, version: pr.version, reason: '' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await execute(liaison, requester, M.escalate, { id: pr.id, version: pr.version, reason: ' ' }))).toBe('BAD_USER_INPUT');
    expect((await DataRequestModel.findById(pr.id).lean())!.version).toBe(pr.version);
    const denied = ok(await execute(liaison, providerChief, M.deny, { id: pr.id, version: pr.version, reason: '涉及未公开执法信息' }));
    expect(denied).toMatchObject({ status: 'DENIED', decisionReason: '涉及未公开执法信息', decidedBy: { code: PROV } });
    expect(denied.history.at(-1)!.note).toBe('涉及未公开执法信息');
  });

  it('refuses a stale version with CONFLICT', async () => {
    const s = await walk([]);
    const r = await execute(liaison, admin, M.start, { id: s.id, version: s.version + 1 });
    expect(errorCode(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions).toMatchObject({ currentVersion: 0 });
  });

  it('lets exactly one of two concurrent grants win, with exactly one grant', async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    const results = await Promise.allSettled([step(pr, 'GRANTED'), step(pr, 'GRANTED'), step(pr, 'GRANTED')]);
    const values = results.map((x) => (x.status === 'fulfilled' ? x.value : { errors: [{ message: 'rejected' }] }) as Result);
    expect(values.filter((v) => !v.errors)).toHaveLength(1);
    expect(values.filter((v) => errorCode(v) === 'CONFLICT')).toHaveLength(2);
    const stored = (await DataRequestModel.findById(pr.id).lean())!;
    expect(stored).toMatchObject({ status: 'GRANTED', version: pr.version + 1 });
    expect(stored.history.filter((h) => h.to === 'GRANTED')).toHaveLength(1);
    expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(1);
  });

  it('lets exactly one of a concurrent grant and denial win, leaving no grant behind a denial', async () => {
    for (let k = 0; k < 3; k++) {
      const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
      const results = await Promise.allSettled([step(pr, 'DENIED'), step(pr, 'GRANTED')]);
      const values = results.map((x) => (x.status === 'fulfilled' ? x.value : { errors: [{ message: 'rejected' }] }) as Result);
      expect(values.filter((v) => !v.errors)).toHaveLength(1);
      expect(values.filter((v) => errorCode(v) === 'CONFLICT')).toHaveLength(1);
      const stored = (await DataRequestModel.findById(pr.id).lean())!;
      expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(stored.status === 'GRANTED' ? 1 : 0);
    }
  });

  it('takes back the grant it wrote when the move then loses to a concurrent denial', async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    const original = DataRequestModel.findOneAndUpdate.bind(DataRequestModel);
    // The provider's other supervisor denies it between the grant write and the guarded move.
    const spy = jest.spyOn(DataRequestModel, 'findOneAndUpdate').mockImplementationOnce(((filter: object, update: object, options: object) => {
      const denyFirst = DataRequestModel.updateOne({ _id: pr.id }, { $set: { status: 'DENIED' }, $inc: { version: 1 } });
      return { lean: () => denyFirst.then(() => original(filter, update, options).lean()) };
    }) as never);
    try {
      const r = await step(pr, 'GRANTED');
      expect(errorCode(r)).toBe('CONFLICT');
    } finally {
      spy.mockRestore();
    }
    expect((await DataRequestModel.findById(pr.id).lean())!.status).toBe('DENIED');
    expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(0);
  });

  it('is idempotent on a retried grant: the grant written before a failed move is reused, not duplicated', async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    // a first attempt wrote the grant and then failed before the move
    const orphan: SharingGrantDoc = { _id: grantIdFor(pr.id), scopeIds: [], requestId: pr.id, granteeCode: REQ, providerCode: PROV, resourceTypes: ['ENFORCEMENT_CASE'], purpose: 'p', legalBasis: 'l', allowsPersonalData: false, validFrom: new Date(), validUntil: new Date(Date.now() + DAY) };
    await SharingGrantModel.create(orphan);
    const granted = ok(await step(pr, 'GRANTED'));
    expect(granted.grant.id).toBe(orphan._id);
    expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(1);
  });
});

describe('grant terms', () => {
  it('copies the request and defaults to wanted personal data until periodTo', async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    const g = ok(await step(pr, 'GRANTED')).grant;
    expect(g).toMatchObject({ allowsPersonalData: true, validUntil: new Date(input.periodTo).toISOString(), request: { id: pr.id } });
    const stored = (await SharingGrantModel.findById(g.id).lean())!;
    expect(stored).toMatchObject({ resourceTypes: ['ENFORCEMENT_CASE'], purpose: input.purpose, legalBasis: input.legalBasis });
    expect(Date.now() - stored.validFrom.getTime()).toBeLessThan(60_000);
  });

  it(`lasts ${GRANT_DAYS_FOR_PAST_PERIOD} days when the requested period has passed`, async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], { periodTo: '2025-06-30' });
    const g = ok(await step(pr, 'GRANTED')).grant;
    const days = (Date.parse(g.validUntil) - Date.parse(g.validFrom)) / DAY;
    expect(days).toBeCloseTo(GRANT_DAYS_FOR_PAST_PERIOD, 5);
  });

  it('lets the provider narrow but never widen', async () => {
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], { wantsPersonalData: false });
    const widen = await step(pr, 'GRANTED', undefined, { input: { allowsPersonalData: true } });
    expect(errorCode(widen)).toBe('BAD_USER_INPUT');
    expect(widen.errors![0].extensions?.field).toBe('allowsPersonalData');
    const late = await step(pr, 'GRANTED', undefined, { input: { validUntil: new Date(Date.parse(input.periodTo) + DAY).toISOString() } });
    expect(late.errors![0].extensions?.field).toBe('validUntil');
    const past = await step(pr, 'GRANTED', undefined, { input: { validUntil: '2020-01-01' } });
    expect(past.errors![0].extensions?.field).toBe('validUntil');
    expect(await SharingGrantModel.countDocuments({ requestId: pr.id })).toBe(0);
    const until = new Date(Date.now() + 30 * DAY).toISOString();
    const g = ok(await step(pr, 'GRANTED', undefined, { input: { validUntil: until, note: '限期30日' } }));
    expect(g.grant).toMatchObject({ allowsPersonalData: false, validUntil: until });
    expect(g.decisionReason).toBe('限期30日');

    const narrow = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    expect(ok(await step(narrow, 'GRANTED', undefined, { input: { allowsPersonalData: false } })).grant.allowsPersonalData).toBe(false);
  });
});

describe('data request clocks (working days, over a weekend)', () => {
  // Friday 8 March 2024, 10:00 Beijing time.
  const friday = new Date('2024-03-08T10:00:00+08:00');
  const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`);
  const doc = (patch: Partial<DataRequestDoc>) => ({ status: 'SUBMITTED', submittedAt: friday, catalogued: true, ...patch }) as DataRequestDoc;

  it.each([
    ['compliance check, 2 working days from submission', doc({ status: 'COMPLIANCE_CHECK' }), 'dataRequestCompliance', endOfDay('2024-03-12')],
    ['provider review, 5 working days from passing the check', doc({ status: 'PROVIDER_REVIEW', providerReviewStartedAt: friday }), 'dataRequestProviderReview', endOfDay('2024-03-15')],
    ['provider review of an uncatalogued resource, 10 working days', doc({ status: 'PROVIDER_REVIEW', providerReviewStartedAt: friday, catalogued: false }), 'dataRequestProviderReviewUncatalogued', endOfDay('2024-03-22')],
  ])('%s', (_, r, rule, due) => {
    expect(dataRequestClocks(r, due)).toEqual([{ rule, dueAt: due, overdue: false }]);
    expect(dataRequestClocks(r, new Date(due.getTime() + 1))[0].overdue).toBe(true);
    expect(dataRequestNextDueAt(r)).toEqual(due);
  });

  it.each(['COORDINATION', 'GRANTED', 'DENIED', 'WITHDRAWN'])('runs no clock in %s', (status) => {
    expect(dataRequestClocks(doc({ status: status as DataRequestDoc['status'] }))).toEqual([]);
  });

  it('exposes dueAt, overdue and the overdue filter through the graph', async () => {
    const late = await walk(['COMPLIANCE_CHECK']);
    await DataRequestModel.updateOne({ _id: late.id }, { $set: { submittedAt: friday, nextDueAt: endOfDay('2024-03-12') } });
    const review = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], { catalogued: false });
    const fresh = await walk([]);
    const Q = `query($overdue: Boolean) { dataRequests(filter: { overdue: $overdue, requesterCode: "${REQ}" }, first: 100) { nodes { id status dueAt overdue deadlines { rule } } } }`;
    const overdue = (await execute(liaison, requester, Q, { overdue: true })).data!.dataRequests.nodes;
    expect(overdue.map((n: { id: string }) => n.id)).toContain(late.id);
    expect(overdue.find((n: { id: string }) => n.id === late.id)).toMatchObject({ dueAt: endOfDay('2024-03-12').toISOString(), overdue: true, deadlines: [{ rule: 'dataRequestCompliance' }] });
    const notOverdue = (await execute(liaison, requester, Q, { overdue: false })).data!.dataRequests.nodes as { id: string; overdue: boolean; deadlines: { rule: string }[] }[];
    expect(notOverdue.map((n) => n.id)).toEqual(expect.arrayContaining([review.id, fresh.id]));
    expect(notOverdue.map((n) => n.id)).not.toContain(late.id);
    expect(notOverdue.every((n) => !n.overdue)).toBe(true);
    expect(notOverdue.find((n) => n.id === review.id)!.deadlines).toEqual([{ rule: 'dataRequestProviderReviewUncatalogued' }]);
    // the provider's clock started when the check passed: 10 working days, to the end of the last one
    const stored = (await DataRequestModel.findById(review.id).lean())!;
    expect(stored.nextDueAt).toEqual(endOfChinaDay(addWorkingDays(stored.providerReviewStartedAt!, 10)));
    expect(stored.nextDueAt!.getTime() - Date.now()).toBeGreaterThan(12 * DAY);
    // a final state runs no clock
    const withdrawn = ok(await step(fresh, 'WITHDRAWN'));
    expect(withdrawn).toMatchObject({ dueAt: null, overdue: false, deadlines: [] });
    expect((await DataRequestModel.findById(fresh.id).lean())!.nextDueAt).toBeNull();
  });
});

describe('sharing grants: revoke, expire, visibility', () => {
  const GRANTS = `query($f: SharingGrantFilter) { sharingGrants(filter: $f, first: 100) { totalCount nodes { id active grantee { code } provider { code } } } }`;
  let granted: Req;
  let other: string;
  let expired: string;

  beforeAll(async () => {
    await SharingGrantModel.deleteMany({});
    granted = ok(await step(await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']), 'GRANTED'));
    const base: Pick<SharingGrantDoc, 'resourceTypes' | 'purpose' | 'legalBasis' | 'allowsPersonalData' | 'scopeIds'> = { resourceTypes: ['PETITION'], purpose: 'p', legalBasis: 'l', allowsPersonalData: false, scopeIds: [] };
    other = (await SharingGrantModel.create({ ...base, granteeCode: JCY, providerCode: '411221-XFJ', validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + DAY) }))._id;
    expired = (await SharingGrantModel.create({ ...base, granteeCode: REQ, providerCode: OUT, validFrom: new Date(Date.now() - 9 * DAY), validUntil: new Date(Date.now() - DAY) }))._id;
  });

  const ids = (r: Result) => (r.data!.sharingGrants.nodes as { id: string }[]).map((n) => n.id).sort();

  it.each([
    ['the grantee', identity(REQ, ['viewer']), () => [granted.grant.id, expired]],
    ['the provider', identity(PROV, ['viewer']), () => [granted.grant.id]],
    ['the other provider', identity(OUT), () => [expired]],
    ['an agency holding no grant', identity('411221-MZJ', ['supervisor']), () => []],
    ['the joint office', admin, () => [granted.grant.id, other, expired]],
    ['an auditor', identity('411221-SFJ', ['auditor']), () => [granted.grant.id, other, expired]],
    ['a service checking access', identity('hub', ['service'], 'service:enforcement'), () => [granted.grant.id, other, expired]],
  ])('shows %s the grants it may see', async (_, who, expected) => {
    const r = await execute(liaison, who, GRANTS, {});
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(expected().sort());
  });

  it('filters by grantee, provider and activeOnly (as providers ask), within what the caller may see', async () => {
    const service = identity('hub', ['service'], 'service:enforcement');
    expect(ids(await execute(liaison, service, GRANTS, { f: { granteeCode: REQ, activeOnly: true } }))).toEqual([granted.grant.id]);
    expect(ids(await execute(liaison, service, GRANTS, { f: { granteeCode: REQ } }))).toEqual([granted.grant.id, expired].sort());
    expect(ids(await execute(liaison, service, GRANTS, { f: { providerCode: '411221-XFJ' } }))).toEqual([other]);
    expect(ids(await execute(liaison, requester, GRANTS, { f: { granteeCode: JCY } }))).toEqual([]);
  });

  it('computes expiry: active only inside [validFrom, validUntil)', async () => {
    const r = await execute(liaison, admin, `{ sharingGrants(first: 100) { nodes { id active } } }`);
    const active = Object.fromEntries((r.data!.sharingGrants.nodes as { id: string; active: boolean }[]).map((n) => [n.id, n.active]));
    expect(active).toEqual({ [granted.grant.id]: true, [other]: true, [expired]: false });
    await SharingGrantModel.updateOne({ _id: other }, { $set: { validFrom: new Date(Date.now() + DAY), validUntil: new Date(Date.now() + 2 * DAY) } });
    const later = await execute(liaison, admin, `{ sharingGrants(filter: { activeOnly: true }) { nodes { id active } } }`);
    expect(later.data!.sharingGrants.nodes).toEqual([{ id: granted.grant.id, active: true }]);
  });

  it('revokes: only the provider\'s supervisor or the joint office, with a reason, once', async () => {
    const id = granted.grant.id;
    expect(errorCode(await execute(liaison, requester, M.revoke, { id, reason: '不再需要' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, providerClerk, M.revoke, { id, reason: '违规使用' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, identity(JCY, ['supervisor']), M.revoke, { id, reason: '违规使用' }))).toBe('FORBIDDEN');
    const blank = await execute(liaison, providerChief, M.revoke, { id, reason: ' ' });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const r = ok(await execute(liaison, providerChief, M.revoke, { id, reason: '超出授权用途使用' }));
    expect(r).toMatchObject({ id, active: false, revokeReason: '超出授权用途使用', revokedBy: { code: PROV } });
    expect(errorCode(await execute(liaison, admin, M.revoke, { id, reason: 'again' }))).toBe('CONFLICT');
    expect(errorCode(await execute(liaison, admin, M.revoke, { id: expired, reason: 'late' }))).toBe('CONFLICT');
    const list = await execute(liaison, identity('hub', ['service']), GRANTS, { f: { granteeCode: REQ, activeOnly: true } });
    expect(ids(list)).toEqual([]);
    // the request stays GRANTED; its grant is no longer active
    const req = await execute(liaison, requester, `{ dataRequests(filter: { status: GRANTED }, first: 100) { nodes { id grant { id active } } } }`);
    expect(req.data!.dataRequests.nodes).toContainEqual({ id: granted.id, grant: { id, active: false } });
  });

  it('lets the joint office revoke too', async () => {
    const g = ok(await step(await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']), 'GRANTED')).grant;
    expect(ok(await execute(liaison, admin, M.revoke, { id: g.id, reason: '联席会议决定撤销' }))).toMatchObject({ active: false, revokedBy: { code: JCY } });
  });

  it('shows data requests to their parties, the joint office, auditors and services only', async () => {
    const Q = `{ dataRequests(first: 100) { nodes { requester { code } provider { code } } } }`;
    const seen = async (who: Identity) => (await execute(liaison, who, Q)).data!.dataRequests.nodes as { requester: { code: string }; provider: { code: string } }[];
    const all = await seen(admin);
    expect(all.length).toBeGreaterThan(5);
    expect(await seen(identity('411221-SFJ', ['auditor']))).toHaveLength(all.length);
    expect(await seen(identity('411221-MZJ'))).toEqual([]);
    const provider = await seen(identity(PROV, ['viewer']));
    expect(provider.length).toBeGreaterThan(0);
    expect(provider.every((n) => n.requester.code === PROV || n.provider.code === PROV)).toBe(true);
  });
});

describe('coordination by the joint meeting', () => {
  it('records the meeting that decided, and validates it', async () => {
    const coord = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION']);
    expect(coord).toMatchObject({ escalationReason: '不符合最小必要原则', allowedNextSteps: ['GRANTED', 'DENIED', 'WITHDRAWN'] });
    const meeting = await execute(liaison, admin, `mutation { createJointMeeting(input: { title: "专题会商", date: "${new Date().toISOString()}",
      attendeeCodes: ["${JCY}", "${REQ}", "${PROV}"], minutes: "会商共享争议", decisions: ["同意共享"] }) { id } }`);
    const meetingId = meeting.data!.createJointMeeting.id;
    expect(errorCode(await step(coord, 'GRANTED', undefined, { input: { meetingId: 'nope' } }))).toBe('BAD_USER_INPUT');
    const granted = ok(await step(coord, 'GRANTED', undefined, { input: { meetingId, note: '联席会议决定共享' } }));
    expect(granted).toMatchObject({ status: 'GRANTED', meeting: { id: meetingId }, decidedBy: { code: JCY }, grant: { active: true } });
    expect(granted.history.map((h) => h.to)).toEqual(['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION', 'GRANTED']);
    // a meeting only goes with a coordinated request
    const pr = await walk(['COMPLIANCE_CHECK', 'PROVIDER_REVIEW']);
    expect((await step(pr, 'DENIED', undefined, { meetingId })).errors![0].extensions?.field).toBe('meetingId');
  });
});

describe('work task machine', () => {
  const T = `id status version overdue allowedNextSteps startedAt completedAt deadlines { rule dueAt overdue }
    history { from to agency note } progress { agency { code } actor text }`;
  const TM = {
    create: `mutation($input: WorkTaskInput!) { r: createWorkTask(input: $input) { ${T} } }`,
    start: `mutation($id: ID!, $version: Int!) { r: startWorkTask(id: $id, version: $version, note: "已部署") { ${T} } }`,
    complete: `mutation($id: ID!, $version: Int!) { r: completeWorkTask(id: $id, version: $version, note: "已完成") { ${T} } }`,
    progress: `mutation($id: ID!, $text: String!) { r: addTaskProgress(id: $id, text: $text) { ${T} } }`,
  };
  const lead = identity(PROV, ['officer'], 'scj-lead');
  const responsible = identity(REQ, ['officer'], 'gaj-unit');
  const task = async (dueAt = '2999-12-31') =>
    ok(await execute(liaison, admin, TM.create, { input: { year: 2031, title: '联合开展食品安全专项行动', leadAgencyCode: PROV, responsibleAgencyCodes: [REQ], dueAt } }));

  it('covers the machine: PLANNED → IN_PROGRESS → DONE', () => {
    expect(workTaskMachine).toEqual({ PLANNED: { IN_PROGRESS: expect.anything() }, IN_PROGRESS: { DONE: expect.anything() }, DONE: {} });
  });

  it('lets the lead unit start and complete a task, each step in the history', async () => {
    const planned = await task();
    expect(planned).toMatchObject({ status: 'PLANNED', allowedNextSteps: ['IN_PROGRESS'], history: [{ from: null, to: 'PLANNED', agency: JCY }] });
    const started = ok(await execute(liaison, lead, TM.start, { id: planned.id, version: planned.version }));
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 1, allowedNextSteps: ['DONE'] });
    expect(started.history.at(-1)).toEqual({ from: 'PLANNED', to: 'IN_PROGRESS', agency: PROV, note: '已部署' });
    const done = ok(await execute(liaison, lead, TM.complete, { id: started.id, version: started.version }));
    expect(done).toMatchObject({ status: 'DONE', version: 2, allowedNextSteps: [], deadlines: [], overdue: false });
    expect(done.history).toHaveLength(3);
    expect(done.completedAt).not.toBeNull();
  });

  it.each([
    ['PLANNED → DONE', [], 'complete', ['IN_PROGRESS']],
    ['IN_PROGRESS → IN_PROGRESS', ['start'], 'start', ['DONE']],
    ['DONE → IN_PROGRESS', ['start', 'complete'], 'start', []],
  ])('refuses %s with CONFLICT and allowed', async (_, path, op, allowed) => {
    let t = await task();
    for (const p of path) t = ok(await execute(liaison, lead, TM[p as 'start'], { id: t.id, version: t.version }));
    const r = await execute(liaison, lead, TM[op as 'start'], { id: t.id, version: t.version });
    expect(errorCode(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions?.allowed).toEqual(allowed);
  });

  it('forbids a responsible unit that is not the lead (wrong agency) and a viewer of the lead (wrong role)', async () => {
    const t = await task();
    expect(errorCode(await execute(liaison, responsible, TM.start, { id: t.id, version: 0 }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, admin, TM.start, { id: t.id, version: 0 }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, identity(PROV, ['viewer']), TM.start, { id: t.id, version: 0 }))).toBe('FORBIDDEN');
  });

  it('lets exactly one of two concurrent starts win', async () => {
    const t = await task();
    const results = await Promise.allSettled([0, 1].map(() => execute(liaison, lead, TM.start, { id: t.id, version: 0 })));
    const values = results.map((x) => (x.status === 'fulfilled' ? x.value : { errors: [{ message: 'rejected' }] }) as Result);
    expect(values.filter((v) => !v.errors)).toHaveLength(1);
    expect(values.filter((v) => errorCode(v) === 'CONFLICT')).toHaveLength(1);
    expect((await WorkTaskModel.findById(t.id).lean())!.history).toHaveLength(2);
  });

  it('takes progress reports from the lead and responsible units until done', async () => {
    const t = await task();
    ok(await execute(liaison, lead, TM.progress, { id: t.id, text: '已制定实施方案' }));
    const r = ok(await execute(liaison, responsible, TM.progress, { id: t.id, text: '已抽检门店12家' }));
    expect(r.progress).toEqual([
      { agency: { code: PROV }, actor: 'scj-lead', text: '已制定实施方案' },
      { agency: { code: REQ }, actor: 'gaj-unit', text: '已抽检门店12家' },
    ]);
    expect(errorCode(await execute(liaison, identity(OUT), TM.progress, { id: t.id, text: 'x' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, identity(REQ, ['viewer']), TM.progress, { id: t.id, text: 'x' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, lead, TM.progress, { id: t.id, text: '  ' }))).toBe('BAD_USER_INPUT');
    const s = ok(await execute(liaison, lead, TM.start, { id: t.id, version: 0 }));
    ok(await execute(liaison, lead, TM.complete, { id: t.id, version: s.version }));
    expect(errorCode(await execute(liaison, lead, TM.progress, { id: t.id, text: '补充' }))).toBe('CONFLICT');
  });

  it('is overdue just after its due date while not done', async () => {
    const due = new Date('2030-06-30T15:59:59.999Z');
    const doc = { status: 'IN_PROGRESS', dueAt: due } as Parameters<typeof workTaskClocks>[0];
    expect(workTaskClocks(doc, due)).toEqual([{ rule: 'workTaskDue', dueAt: due, overdue: false }]);
    expect(workTaskClocks(doc, new Date(due.getTime() + 1))[0].overdue).toBe(true);
    expect(workTaskClocks({ ...doc, status: 'DONE' }, new Date(due.getTime() + 1))).toEqual([]);
    const late = await task('2020-01-31');
    expect(late).toMatchObject({ overdue: true, deadlines: [{ rule: 'workTaskDue', overdue: true }] });
  });

  it('no longer changes status through updateWorkTask', async () => {
    const t = await task();
    const r = await execute(liaison, admin, `mutation($id: ID!) { updateWorkTask(id: $id, input: { version: 0, status: DONE }) { status } }`, { id: t.id });
    expect(r.errors).toBeDefined();
    expect((await WorkTaskModel.findById(t.id).lean())!.status).toBe('PLANNED');
  });
});

import { assistance } from '../../subgraphs/assistance/server';
import { MONTHLY_WAGE } from '../../subgraphs/assistance/workflow';
import { RescueApplicationModel, SupportReferralModel } from '../../subgraphs/assistance/models';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';
import { personIdOf, validIdNumber } from '../helpers/fixtures';

useDatabase();

const JCY = '411221-JCY';
const RSJ = '411221-RSJ';
const officer = identity(JCY);
const chief = identity(JCY, ['supervisor']);
const ALL_EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
const CHECKED = ALL_EXCLUSIONS.map((exclusion) => ({ exclusion, applies: false }));
const OVER_CAP = { approver: '检察长 李明', reason: '被害人重伤致残,医疗费用巨大' };

const FIELDS = `id number status version months monthlyWage amount overCapApproved overCapApproval { approver reason } groups
  exclusionChecks { exclusion applies } appliedAt decisionDueAt decidedAt disbursedAt rejectionReason overdue agency { code }
  applicant { id } procuratorateCase { id }`;
const CREATE = `mutation($input: RescueApplicationInput!) { createRescueApplication(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: RescueApplicationUpdate!) { updateRescueApplication(id: $id, input: $input) { ${FIELDS} } }`;
const REFER = `mutation($input: SupportReferralInput!) { createSupportReferral(input: $input) { id status version kind receivingAgency { code } } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptSupportReferral(id: $id, version: $version) { status version } }`;
const COMPLETE = `mutation($id: ID!, $version: Int!, $outcome: String!) { completeSupportReferral(id: $id, version: $version, outcome: $outcome) { status outcome version completedAt } }`;
const STEP = {
  review: `mutation($id: ID!, $version: Int!, $at: DateTime) { startRescueReview(id: $id, version: $version, reviewStartedAt: $at) { version } }`,
  approve: `mutation($id: ID!, $version: Int!, $at: DateTime) { approveRescueApplication(id: $id, version: $version, decidedAt: $at) { version } }`,
  reject: `mutation($id: ID!, $version: Int!, $at: DateTime, $reason: String!) { rejectRescueApplication(id: $id, version: $version, decidedAt: $at, reason: $reason) { version } }`,
  request: `mutation($id: ID!, $version: Int!, $at: DateTime) { requestRescueFunds(id: $id, version: $version, fundsRequestedAt: $at) { version } }`,
  disburse: `mutation($id: ID!, $version: Int!, $at: DateTime!) { disburseRescueFunds(id: $id, version: $version, fundsReceivedAt: $at, disbursedAt: $at) { version } }`,
};
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on RescueApplication { number applicant { id } procuratorateCase { id } supportReferrals { id kind } }
  ... on SupportReferral { kind status application { id number } receivingAgency { code } }
  ... on Person { id rescueApplications(first: 1) { totalCount nodes { number } pageInfo { hasNextPage } } }
  ... on Dashboard { period assistance { applications approved personsAssisted amountDisbursed
      byGroup { status count } referralsByKind { status count } referralsCompleted } } } }`;

let seq = 0;
const newPerson = () => personIdOf(validIdNumber(++seq));
const input = (patch: Record<string, unknown> = {}) => ({
  number: `渑检救助〔2025〕${++seq}号`,
  applicantId: newPerson(),
  situation: 'VICTIM_SERIOUS_INJURY',
  exclusionChecks: CHECKED,
  months: 12,
  appliedAt: '2025-03-03',
  ...patch,
});

async function create(patch: Record<string, unknown> = {}) {
  const r = await execute(assistance, officer, CREATE, { input: input(patch) });
  expect(r.errors).toBeUndefined();
  return r.data!.createRescueApplication as { id: string; number: string; version: number; applicant: { id: string } };
}

async function update(id: string, patch: Record<string, unknown>): Promise<Result> {
  return execute(assistance, officer, UPDATE, { id, input: patch });
}

async function step(who: ReturnType<typeof identity>, mutation: string, variables: Record<string, unknown>) {
  const r = await execute(assistance, who, mutation, variables);
  expect(r.errors).toBeUndefined();
}

/** APPLIED → UNDER_REVIEW → APPROVED (decided) → FUNDS_REQUESTED → DISBURSED (disbursed). */
async function pay(id: string, decidedAt: string, disbursedAt: string) {
  await step(officer, STEP.review, { id, version: 0, at: decidedAt });
  await step(chief, STEP.approve, { id, version: 1, at: decidedAt });
  await step(officer, STEP.request, { id, version: 2, at: decidedAt });
  await step(officer, STEP.disburse, { id, version: 3, at: disbursedAt });
}

describe('assistance subgraph', () => {
  it('creates applications and lists them with filters and pages', async () => {
    const applicantId = newPerson();
    const a = await execute(assistance, officer, CREATE, {
      input: input({ applicantId, procuratorateCaseId: 'pc-list-1', situation: 'VICTIM_DEATH_DEPENDANT', groups: ['WOMAN', 'WOMAN'], appliedAt: '2025-05-06' }),
    });
    expect(a.errors).toBeUndefined();
    expect(a.data?.createRescueApplication).toMatchObject({
      status: 'APPLIED', version: 0, agency: { code: JCY }, applicant: { id: applicantId }, procuratorateCase: { id: 'pc-list-1' },
      groups: ['WOMAN'], exclusionChecks: CHECKED, overCapApproved: false, overCapApproval: null,
    });
    const b = await create({ situation: 'VICTIM_DEATH_DEPENDANT', appliedAt: '2025-05-20' });
    await create({ situation: 'VICTIM_DEATH_DEPENDANT', appliedAt: '2025-07-01' });

    const LIST = `query($filter: RescueApplicationFilter, $after: String) { rescueApplications(filter: $filter, first: 1, after: $after) {
      totalCount nodes { number } edges { cursor } pageInfo { hasNextPage endCursor } } }`;
    const filter = { situation: 'VICTIM_DEATH_DEPENDANT', agencyCode: JCY, appliedFrom: '2025-05-01', appliedTo: '2025-06-01' };
    const page1 = await execute(assistance, officer, LIST, { filter });
    expect(page1.errors).toBeUndefined();
    expect(page1.data?.rescueApplications).toMatchObject({ totalCount: 2, nodes: [{ number: b.number }], pageInfo: { hasNextPage: true } });
    const page2 = await execute(assistance, officer, LIST, { filter, after: page1.data?.rescueApplications.pageInfo.endCursor });
    expect(page2.data?.rescueApplications).toMatchObject({ nodes: [{ number: a.data?.createRescueApplication.number }], pageInfo: { hasNextPage: false } });

    for (const f of [{ applicantId }, { procuratorateCaseId: 'pc-list-1' }]) {
      const r = await execute(assistance, officer, LIST, { filter: f });
      expect(r.data?.rescueApplications.totalCount).toBe(1);
    }
    const none = await execute(assistance, officer, LIST, { filter: { ...filter, status: 'APPROVED' } });
    expect(none.data?.rescueApplications.totalCount).toBe(0);
  });

  it('lists NOTIFIED records among applications, newest first by appliedAt or else rightNotifiedAt', async () => {
    const NOTIFY = `mutation($input: RescueRightNotificationInput!) { notifyRescueRight(input: $input) { id status number months amount appliedAt } }`;
    const n = await execute(assistance, officer, NOTIFY, { input: { applicantId: newPerson(), situation: 'WITNESS_INJURED', rightNotifiedAt: '2023-05-10' } });
    expect(n.data?.notifyRescueRight).toMatchObject({ status: 'NOTIFIED', number: null, months: null, amount: null, appliedAt: null });
    const older = await create({ situation: 'WITNESS_INJURED', appliedAt: '2023-05-01' });
    const newer = await create({ situation: 'WITNESS_INJURED', appliedAt: '2023-05-20' });
    const LIST = `query($after: String) { rescueApplications(filter: { situation: WITNESS_INJURED }, first: 1, after: $after) {
      totalCount nodes { id } pageInfo { endCursor } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const page: Result = await execute(assistance, officer, LIST, { after });
      expect(page.errors).toBeUndefined();
      expect(page.data?.rescueApplications.totalCount).toBe(3);
      ids.push(page.data?.rescueApplications.nodes[0].id);
      after = page.data?.rescueApplications.pageInfo.endCursor;
    }
    expect(ids).toEqual([newer.id, n.data?.notifyRescueRight.id, older.id]);
  });

  it('computes amount = months × monthlyWage, also after months change', async () => {
    const a = await execute(assistance, officer, CREATE, { input: input({ months: 7 }) });
    expect(a.data?.createRescueApplication).toMatchObject({ months: 7, monthlyWage: MONTHLY_WAGE, amount: 7 * MONTHLY_WAGE });
    const r = await update(a.data?.createRescueApplication.id, { version: 0, months: 10 });
    expect(r.data?.updateRescueApplication).toMatchObject({ months: 10, amount: 10 * MONTHLY_WAGE, version: 1 });
  });

  it('caps months at 36 unless an over-cap approval is recorded', async () => {
    const before = await RescueApplicationModel.countDocuments();
    const refused = await execute(assistance, officer, CREATE, { input: input({ months: 37 }) });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions?.field).toBe('months');
    expect(await RescueApplicationModel.countDocuments()).toBe(before);

    const atCap = await execute(assistance, officer, CREATE, { input: input({ months: 36 }) });
    expect(atCap.data?.createRescueApplication.amount).toBe(36 * MONTHLY_WAGE);
    const over = await execute(assistance, officer, CREATE, { input: input({ months: 48, overCapApproval: OVER_CAP }) });
    expect(over.errors).toBeUndefined();
    expect(over.data?.createRescueApplication).toMatchObject({ months: 48, overCapApproved: true, overCapApproval: OVER_CAP, amount: 48 * MONTHLY_WAGE });
    const noReason = await execute(assistance, officer, CREATE, { input: input({ months: 48, overCapApproval: { approver: '检察长 李明', reason: ' ' } }) });
    expect(noReason.errors?.[0].extensions?.field).toBe('overCapApproval.reason');

    const raise = await update(atCap.data?.createRescueApplication.id, { version: 0, months: 40 });
    expect(raise.errors?.[0].extensions?.field).toBe('months');
  });

  it('refuses an application until all six exclusions are checked', async () => {
    const before = await RescueApplicationModel.countDocuments();
    const r = await execute(assistance, officer, CREATE, { input: input({ exclusionChecks: CHECKED.slice(1) }) });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe('exclusionChecks');
    expect(r.errors?.[0].message).toContain('MAJOR_FAULT');
    expect(await RescueApplicationModel.countDocuments()).toBe(before);
  });

  it('allows one application per case and person (CONFLICT), and names a duplicate number', async () => {
    const applicantId = newPerson();
    await create({ applicantId, procuratorateCaseId: 'pc-dup' });
    const before = await RescueApplicationModel.countDocuments();
    const dup = await execute(assistance, officer, CREATE, { input: input({ applicantId, procuratorateCaseId: 'pc-dup' }) });
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(dup.errors?.[0].extensions?.fields).toEqual(['procuratorateCaseId', 'applicantId']);
    expect(await RescueApplicationModel.countDocuments()).toBe(before);

    await create({ applicantId, procuratorateCaseId: 'pc-dup-2' });
    await create({ procuratorateCaseId: 'pc-dup' });
    await create({ applicantId });
    await create({ applicantId });
    expect(await RescueApplicationModel.countDocuments()).toBe(before + 4);

    const sameNumber = await execute(assistance, officer, CREATE, { input: input({ number: '渑检救助〔2025〕999号' }) });
    expect(sameNumber.errors).toBeUndefined();
    const again = await execute(assistance, officer, CREATE, { input: input({ number: '渑检救助〔2025〕999号' }) });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['number'] });
  });

  it.each([
    ['applicant id', { applicantId: '410000198001011234' }, 'applicantId'],
    ['unknown agency', { agencyCode: '411221-XXX' }, 'agencyCode'],
    ['future date', { appliedAt: '2999-01-01' }, 'appliedAt'],
    ['zero months', { months: 0 }, 'months'],
    ['blank number', { number: '   ' }, 'number'],
  ])('refuses bad input (%s) with the field and writes nothing', async (_, patch, field) => {
    const before = await RescueApplicationModel.countDocuments();
    const r = await execute(assistance, officer, CREATE, { input: input(patch) });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await RescueApplicationModel.countDocuments()).toBe(before);
  });

  it('refuses writes by a writer of an unrelated agency, and by a viewer', async () => {
    const before = await RescueApplicationModel.countDocuments();
    const other = await execute(assistance, identity('411221-SCJ'), CREATE, { input: input({ agencyCode: JCY }) });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const viewer = await execute(assistance, identity(JCY, ['viewer']), CREATE, { input: input() });
    expect(errorCode(viewer)).toBe('FORBIDDEN');
    expect(await RescueApplicationModel.countDocuments()).toBe(before);

    const own = await execute(assistance, identity('411221-SCJ'), CREATE, { input: input() });
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });

    const { id } = await create();
    const r = await execute(assistance, identity('411221-SCJ'), STEP.review, { id, version: 0 });
    expect(errorCode(r)).toBe('FORBIDDEN');
    const u = await execute(assistance, identity('411221-SCJ'), UPDATE, { id, input: { version: 0, months: 3 } });
    expect(errorCode(u)).toBe('FORBIDDEN');
    expect(await RescueApplicationModel.findById(id).lean()).toMatchObject({ version: 0, months: 12, status: 'APPLIED' });
    const refer = await execute(assistance, identity(RSJ), REFER, { input: { applicationId: id, kind: 'EMPLOYMENT', receivingAgencyCode: RSJ, referredAt: '2025-03-05' } });
    expect(errorCode(refer)).toBe('FORBIDDEN');
  });

  it('resolves RescueApplication through _entities with its referrals', async () => {
    const a = await create({ procuratorateCaseId: 'pc-entity' });
    const ref = await execute(assistance, officer, REFER, { input: { applicationId: a.id, kind: 'EDUCATION', receivingAgencyCode: '411221-JYJ', referredAt: '2025-03-04' } });
    const r = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'RescueApplication', id: a.id }] });
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities).toEqual([
      { number: a.number, applicant: { id: a.applicant.id }, procuratorateCase: { id: 'pc-entity' }, supportReferrals: [{ id: ref.data?.createSupportReferral.id, kind: 'EDUCATION' }] },
    ]);
  });

  it('resolves SupportReferral through _entities', async () => {
    const a = await create();
    const ref = await execute(assistance, officer, REFER, { input: { applicationId: a.id, kind: 'SUBSISTENCE_ALLOWANCE', receivingAgencyCode: '411221-MZJ', referredAt: '2025-03-04' } });
    const r = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'SupportReferral', id: ref.data?.createSupportReferral.id }] });
    expect(r.data?._entities).toEqual([
      { kind: 'SUBSISTENCE_ALLOWANCE', status: 'REFERRED', application: { id: a.id, number: a.number }, receivingAgency: { code: '411221-MZJ' } },
    ]);
  });

  it('resolves Person through _entities with rescue applications, newest applied first', async () => {
    const applicantId = newPerson();
    // Created newest-applied first, so creation order (ids) and appliedAt order disagree.
    const latest = await create({ applicantId, procuratorateCaseId: 'pc-p1', appliedAt: '2025-06-01' });
    await create({ applicantId, procuratorateCaseId: 'pc-p2', appliedAt: '2025-04-01' });
    await create({ applicantId, procuratorateCaseId: 'pc-p3', appliedAt: '2025-02-01' });
    const r = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'Person', id: applicantId }] });
    expect(r.data?._entities).toEqual([{ id: applicantId, rescueApplications: { totalCount: 3, nodes: [{ number: latest.number }], pageInfo: { hasNextPage: true } } }]);
  });

  it('resolves Dashboard through _entities with the period sums', async () => {
    const p = newPerson();
    const q = newPerson();
    const a1 = await create({ applicantId: p, procuratorateCaseId: 'pc-d1', months: 10, groups: ['WOMAN', 'DISABLED'], appliedAt: '2024-07-01' });
    const a2 = await create({ applicantId: p, procuratorateCaseId: 'pc-d2', months: 5, groups: ['WOMAN'], appliedAt: '2024-07-02' });
    const a3 = await create({ applicantId: q, months: 40, overCapApproval: OVER_CAP, groups: ['MINOR'], appliedAt: '2024-07-03' });
    const a4 = await create({ appliedAt: '2024-08-01' });
    await pay(a1.id, '2024-07-10', '2024-08-01');
    await pay(a2.id, '2024-07-10', '2024-08-02');
    await pay(a3.id, '2024-07-11', '2024-09-30');
    await step(officer, STEP.review, { id: a4.id, version: 0, at: '2024-08-05' });
    await step(chief, STEP.reject, { id: a4.id, version: 1, at: '2024-08-05', reason: '已获得合理补偿' });
    for (const [kind, at] of [['EMPLOYMENT', '2024-07-20'], ['EMPLOYMENT', '2024-08-20'], ['MEDICAL', '2024-08-21'], ['MEDICAL', '2024-10-01']]) {
      await execute(assistance, officer, REFER, { input: { applicationId: a1.id, kind, receivingAgencyCode: RSJ, referredAt: at } });
    }
    const [firstReferral] = await SupportReferralModel.find({ kind: 'EMPLOYMENT', referredAt: new Date('2024-07-20') }).lean();
    await step(identity(RSJ), ACCEPT, { id: firstReferral._id, version: 0 });
    await step(identity(RSJ), COMPLETE, { id: firstReferral._id, version: 1, outcome: '已就业' });
    await pay((await create({ applicantId: q, months: 3, groups: ['ELDERLY'], appliedAt: '2024-09-01' })).id, '2024-09-05', '2024-10-08'); // next quarter

    const r = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'Dashboard', period: '2024-Q3' }] });
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities).toEqual([{
      period: '2024-Q3',
      assistance: {
        applications: 5,
        approved: 4,
        personsAssisted: 2,
        amountDisbursed: (10 + 5 + 40) * MONTHLY_WAGE,
        byGroup: [{ status: 'DISABLED', count: 1 }, { status: 'MINOR', count: 1 }, { status: 'WOMAN', count: 1 }],
        referralsByKind: [{ status: 'EMPLOYMENT', count: 2 }, { status: 'MEDICAL', count: 1 }],
        referralsCompleted: 1,
      },
    }]);
    const bad = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'Dashboard', period: '2024-Q5' }] });
    expect(bad.errors?.[0].extensions?.field).toBe('period');
  });

  it('refuses an operator object as an entity key', async () => {
    const r = await execute(assistance, officer, ENTITIES, { reps: [{ __typename: 'RescueApplication', id: { $ne: null } }] });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });
});

import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import type { Result } from '../helpers/subgraph';

// 司法救助 and 多元化救助 through the gateway, as the users of each agency would walk them.
useDatabase();

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const JCY = '411221-JCY';
const RSJ = '411221-RSJ';
const clerk: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const chief: Caller = { agency: JCY, roles: ['supervisor'], userId: 'jcy-chief' };
const rsjClerk: Caller = { agency: RSJ, roles: ['officer'], userId: 'rsj-clerk' };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

const APP = `id status version number amount appliedAt decidedAt fundsReceivedAt disbursedAt notifiedAt followUpNote
  dueAt overdue deadlines { rule dueAt overdue } allowedNextSteps history { actor agency from to note } agency { code }`;
const REF = `id status version outcome declineReason allowedNextSteps referringAgency { code } receivingAgency { code }
  history { actor agency from to note } application { id status }`;

type Node = { id: string; version: number; status: string; [k: string]: unknown };

async function step(who: Caller, query: string, variables: Record<string, unknown>): Promise<Node> {
  const r = await hub.query(who, query, variables);
  expect(r.errors).toBeUndefined();
  expect(r.data).toBeTruthy();
  return Object.values(r.data!)[0] as Node;
}

const code = (r: Result) => r.errors?.[0]?.extensions?.code;

describe('rescue application from notification to follow-up, through the gateway', () => {
  it('is walked by the procuratorate: officers for each step, a supervisor for the decision', async () => {
    const applicantId = personIdOf(validIdNumber(901));
    let a = await step(clerk, `mutation($input: RescueRightNotificationInput!) { notifyRescueRight(input: $input) { ${APP} } }`, {
      input: { applicantId, procuratorateCaseId: 'pc-e2e-rescue', situation: 'VICTIM_SERIOUS_INJURY', groups: ['WOMAN'], rightNotifiedAt: daysAgo(6), note: '当面告知并送达告知书' },
    });
    expect(a).toMatchObject({ status: 'NOTIFIED', version: 0, allowedNextSteps: ['APPLIED'], deadlines: [], agency: { code: JCY } });

    const EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
    a = await step(clerk, `mutation($id: ID!, $version: Int!, $input: RescueApplicationReceipt!) { receiveRescueApplication(id: $id, version: $version, input: $input) { ${APP} } }`, {
      id: a.id, version: a.version,
      input: { number: '渑检救助〔2026〕901号', appliedAt: daysAgo(4), months: 8, exclusionChecks: EXCLUSIONS.map((exclusion) => ({ exclusion, applies: false, note: '经核查不存在' })) },
    });
    expect(a).toMatchObject({ status: 'APPLIED', number: '渑检救助〔2026〕901号', overdue: false, deadlines: [{ rule: 'rescueDecision', overdue: false }] });
    expect(a.dueAt).toBe((a.deadlines as { dueAt: string }[])[0].dueAt);

    // The 人社局 takes no part in this workflow.
    const REVIEW = `mutation($id: ID!, $version: Int!, $at: DateTime) { startRescueReview(id: $id, version: $version, reviewStartedAt: $at) { ${APP} } }`;
    expect(code(await hub.query(rsjClerk, REVIEW, { id: a.id, version: a.version }))).toBe('FORBIDDEN');
    a = await step(clerk, REVIEW, { id: a.id, version: a.version, at: daysAgo(4) });
    expect(a).toMatchObject({ status: 'UNDER_REVIEW', allowedNextSteps: ['APPROVED', 'REJECTED'] });

    const APPROVE = `mutation($id: ID!, $version: Int!, $at: DateTime) { approveRescueApplication(id: $id, version: $version, decidedAt: $at) { ${APP} } }`;
    const byOfficer = await hub.query(clerk, APPROVE, { id: a.id, version: a.version, at: daysAgo(3) });
    expect(code(byOfficer)).toBe('FORBIDDEN');
    a = await step(chief, APPROVE, { id: a.id, version: a.version, at: daysAgo(3) });
    expect(a).toMatchObject({ status: 'APPROVED', deadlines: [], dueAt: null, overdue: false });

    const stale = await hub.query(clerk, `mutation($id: ID!, $version: Int!) { requestRescueFunds(id: $id, version: $version) { id } }`, { id: a.id, version: a.version - 1 });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: a.version });
    a = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { requestRescueFunds(id: $id, version: $version, fundsRequestedAt: $at) { ${APP} } }`, {
      id: a.id, version: a.version, at: daysAgo(3),
    });
    expect(a.status).toBe('FUNDS_REQUESTED');

    const early = await hub.query(clerk, `mutation($id: ID!, $version: Int!, $note: String!) { followUpRescue(id: $id, version: $version, note: $note) { id } }`, { id: a.id, version: a.version, note: '回访' });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed: ['DISBURSED'] });
    a = await step(clerk, `mutation($id: ID!, $version: Int!, $received: DateTime!, $at: DateTime) {
      disburseRescueFunds(id: $id, version: $version, fundsReceivedAt: $received, disbursedAt: $at) { ${APP} } }`, { id: a.id, version: a.version, received: daysAgo(1), at: daysAgo(1) });
    expect(a).toMatchObject({ status: 'DISBURSED', notifiedAt: null, overdue: false, deadlines: [{ rule: 'rescueNotification', overdue: false }] });

    a = await step(clerk, `mutation($id: ID!, $version: Int!) { notifyRescueApplicant(id: $id, version: $version) { ${APP} } }`, { id: a.id, version: a.version });
    expect(a).toMatchObject({ status: 'DISBURSED', notifiedAt: expect.any(String), deadlines: [], dueAt: null });

    a = await step(clerk, `mutation($id: ID!, $version: Int!, $note: String!) { followUpRescue(id: $id, version: $version, note: $note) { ${APP} } }`, {
      id: a.id, version: a.version, note: '回访:救助金已用于康复治疗,申请人表示息诉',
    });
    expect(a).toMatchObject({ status: 'FOLLOW_UP', followUpNote: '回访:救助金已用于康复治疗,申请人表示息诉', allowedNextSteps: [] });

    const read = await hub.query(clerk, `query($id: ID!) { rescueApplication(id: $id) { ${APP} applicant { id } } }`, { id: a.id });
    expect(read.errors).toBeUndefined();
    const history = read.data!.rescueApplication.history as { actor: string; agency: string; from: string | null; to: string; note: string | null }[];
    expect(history.map((h) => [h.from, h.to])).toEqual([
      [null, 'NOTIFIED'], ['NOTIFIED', 'APPLIED'], ['APPLIED', 'UNDER_REVIEW'], ['UNDER_REVIEW', 'APPROVED'],
      ['APPROVED', 'FUNDS_REQUESTED'], ['FUNDS_REQUESTED', 'DISBURSED'], ['DISBURSED', 'FOLLOW_UP'],
    ]);
    expect(history.every((h) => h.agency === JCY)).toBe(true);
    expect(history.find((h) => h.to === 'APPROVED')?.actor).toBe('jcy-chief');
    expect(history[0].note).toBe('当面告知并送达告知书');
    expect(read.data!.rescueApplication).toMatchObject({ applicant: { id: applicantId }, amount: expect.any(Number) });
  });
});

describe('support referral to the 人社局, through the gateway', () => {
  it('is referred by the procuratorate, then accepted and completed by the 人社局 users', async () => {
    const created = await step(clerk, `mutation($input: RescueApplicationInput!) { createRescueApplication(input: $input) { id appliedAt } }`, {
      input: {
        number: '渑检救助〔2026〕902号', applicantId: personIdOf(validIdNumber(902)), procuratorateCaseId: 'pc-e2e-support', situation: 'VICTIM_DEATH_DEPENDANT',
        exclusionChecks: ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'].map((exclusion) => ({ exclusion, applies: false })),
        months: 12, appliedAt: daysAgo(5),
      },
    });

    const REFER = `mutation($input: SupportReferralInput!) { createSupportReferral(input: $input) { ${REF} } }`;
    const referInput = { applicationId: created.id, kind: 'EMPLOYMENT', receivingAgencyCode: RSJ, referredAt: daysAgo(2), note: '申请人丧偶,需就业帮扶' };
    expect(code(await hub.query(rsjClerk, REFER, { input: referInput }))).toBe('FORBIDDEN');
    const referred = await step(clerk, REFER, { input: referInput });
    expect(referred).toMatchObject({
      status: 'REFERRED', version: 0, referringAgency: { code: JCY }, receivingAgency: { code: RSJ },
      allowedNextSteps: ['ACCEPTED', 'DECLINED'], application: { id: created.id, status: 'APPLIED' },
    });

    // The 人社局 finds what was referred to it.
    const inbox = await hub.query(rsjClerk, `{ supportReferrals(filter: { receivingAgencyCode: "${RSJ}", status: REFERRED }) { totalCount nodes { id kind } } }`);
    expect(inbox.errors).toBeUndefined();
    expect(inbox.data!.supportReferrals.nodes).toEqual([{ id: referred.id, kind: 'EMPLOYMENT' }]);

    const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptSupportReferral(id: $id, version: $version) { ${REF} } }`;
    expect(code(await hub.query(clerk, ACCEPT, { id: referred.id, version: 0 }))).toBe('FORBIDDEN');
    expect(code(await hub.query({ agency: RSJ, roles: ['viewer'] }, ACCEPT, { id: referred.id, version: 0 }))).toBe('FORBIDDEN');
    const accepted = await step(rsjClerk, ACCEPT, { id: referred.id, version: 0 });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 1, allowedNextSteps: ['COMPLETED'] });

    const COMPLETE = `mutation($id: ID!, $version: Int!, $outcome: String!) { completeSupportReferral(id: $id, version: $version, outcome: $outcome) { ${REF} } }`;
    const noOutcome = await hub.query(rsjClerk, COMPLETE, { id: referred.id, version: 1, outcome: '  ' });
    expect(noOutcome.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    const completed = await step({ agency: RSJ, roles: ['supervisor'], userId: 'rsj-chief' }, COMPLETE, { id: referred.id, version: 1, outcome: '已安置到县产业集聚区公益性岗位' });
    expect(completed).toMatchObject({ status: 'COMPLETED', version: 2, outcome: '已安置到县产业集聚区公益性岗位', allowedNextSteps: [] });
    expect((completed.history as { agency: string; actor: string; from: string | null; to: string }[]).map((h) => [h.agency, h.actor, h.from, h.to])).toEqual([
      [JCY, 'jcy-clerk', null, 'REFERRED'],
      [RSJ, 'rsj-clerk', 'REFERRED', 'ACCEPTED'],
      [RSJ, 'rsj-chief', 'ACCEPTED', 'COMPLETED'],
    ]);

    const fromApplication = await hub.query(clerk, `query($id: ID!) { rescueApplication(id: $id) { supportReferrals { id status outcome } } }`, { id: created.id });
    expect(fromApplication.data?.rescueApplication.supportReferrals).toEqual([{ id: referred.id, status: 'COMPLETED', outcome: '已安置到县产业集聚区公益性岗位' }]);
  });
});

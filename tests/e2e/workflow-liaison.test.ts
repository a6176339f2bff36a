import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { useDatabase } from '../helpers/db';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import type { Result } from '../helpers/subgraph';

// The liaison workflows through the gateway, as the users of each agency involved would take them:
// a data request from the procuratorate to market regulation (denied, coordinated by the joint
// meeting, granted, revoked), and a joint meeting's decision carried out as a task by its lead unit.
useDatabase();

let hub: Hub;
beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
});
afterAll(() => hub.stop());

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const GAJ = '411221-GAJ';
const prosecutor: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-prosecutor' };
const jointOffice: Caller = { agency: JCY, roles: ['liaison_admin'], userId: 'jcy-office' };
const scjChief: Caller = { agency: SCJ, roles: ['supervisor'], userId: 'scj-chief' };
const scjClerk: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const gajClerk: Caller = { agency: GAJ, roles: ['officer'], userId: 'gaj-clerk' };

const R = `id status version allowedNextSteps dueAt overdue deadlines { rule dueAt overdue } decisionReason escalationReason
  requester { code } provider { code } meeting { id } history { actor agency from to note }
  grant { id active allowsPersonalData validUntil revokedAt grantee { code } provider { code } }`;

function data(r: Result & { status: number }) {
  expect(r.errors).toBeUndefined();
  expect(r.status).toBe(200);
  return r.data!;
}

describe('a data request from the procuratorate to market regulation', () => {
  let req: { id: string; version: number; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const next = async (who: Caller, mutation: string, vars: Record<string, unknown> = {}) => {
    const r = await hub.query(who, `mutation($id: ID!, $version: Int!${Object.keys(vars).map((k) => `, $${k}: ${VAR_TYPES[k]}`).join('')}) {
      r: ${mutation}(id: $id, version: $version${Object.keys(vars).map((k) => `, ${k}: $${k}`).join('')}) { ${R} } }`, { id: req.id, version: req.version, ...vars });
    req = data(r).r;
    return req;
  };
  const VAR_TYPES: Record<string, string> = { reason: 'String!', note: 'String', input: 'GrantDecisionInput' };

  it('is submitted by a prosecutor (SUBMITTED, the joint office\'s 2 working days running)', async () => {
    const r = await hub.query(prosecutor, `mutation($input: DataRequestInput!) { r: submitDataRequest(input: $input) { ${R} } }`, {
      input: {
        providerCode: SCJ, resourceTypes: ['ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER'], scopeFilter: '2025年度食品安全领域行政处罚案件',
        purpose: '行政执法与刑事司法衔接监督，核查以罚代刑线索', legalBasis: '《行政执法机关移送涉嫌犯罪案件的规定》第十四条',
        wantsPersonalData: true, catalogued: false, periodFrom: '2025-01-01', periodTo: new Date(Date.now() + 180 * 86_400_000).toISOString(),
      },
    });
    req = data(r).r;
    expect(req).toMatchObject({
      status: 'SUBMITTED', version: 0, requester: { code: JCY }, provider: { code: SCJ }, allowedNextSteps: ['COMPLIANCE_CHECK', 'WITHDRAWN'],
      overdue: false, deadlines: [{ rule: 'dataRequestCompliance', overdue: false }], grant: null,
    });
  });

  it('is taken up by the joint office for the compliance check', async () => {
    expect(await next(jointOffice, 'startComplianceCheck')).toMatchObject({ status: 'COMPLIANCE_CHECK', deadlines: [{ rule: 'dataRequestCompliance' }] });
  });

  it('passes the check: market regulation has 10 working days (resource not yet catalogued)', async () => {
    const r = await next(jointOffice, 'passComplianceCheck', { note: '用途明确，依据充分，符合最小必要原则' });
    expect(r).toMatchObject({ status: 'PROVIDER_REVIEW', allowedNextSteps: ['GRANTED', 'DENIED', 'COORDINATION', 'WITHDRAWN'] });
    expect(r.deadlines).toEqual([{ rule: 'dataRequestProviderReviewUncatalogued', dueAt: r.dueAt, overdue: false }]);
    expect(Date.parse(r.dueAt) - Date.now()).toBeGreaterThan(11 * 86_400_000);
  });

  it('cannot be decided by the provider\'s clerk, nor by another agency', async () => {
    const clerk = await hub.query(scjClerk, `mutation($id: ID!, $v: Int!) { denyDataRequest(id: $id, version: $v, reason: "x") { id } }`, { id: req.id, v: req.version });
    expect(clerk.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const police = await hub.query({ agency: GAJ, roles: ['supervisor'] }, `mutation($id: ID!, $v: Int!) { grantDataRequest(id: $id, version: $v) { id } }`, { id: req.id, v: req.version });
    expect(police.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is denied by market regulation\'s supervisor, with a reason', async () => {
    const r = await next(scjChief, 'denyDataRequest', { reason: '所涉案件尚在办理中，暂不宜共享' });
    expect(r).toMatchObject({ status: 'DENIED', decisionReason: '所涉案件尚在办理中，暂不宜共享', allowedNextSteps: ['COORDINATION'], dueAt: null, deadlines: [] });
  });

  it('is escalated by the prosecutor to the joint meeting', async () => {
    const r = await next(prosecutor, 'escalateDataRequest', { reason: '双方对共享范围未能达成共识，提请联席会议协调' });
    expect(r).toMatchObject({ status: 'COORDINATION', allowedNextSteps: ['GRANTED', 'DENIED', 'WITHDRAWN'] });
  });

  it('is granted by the joint office on the meeting\'s decision, with the grant in the same step', async () => {
    const m = await hub.query(jointOffice, `mutation { createJointMeeting(input: { title: "府检联动专题会商会议", date: "${new Date().toISOString()}",
      attendeeCodes: ["${JCY}", "${SCJ}", "411221-ZFB"], minutes: "会商市场监管局与检察院数据共享争议", decisions: ["同意共享，不含个人信息"] }) { id } }`);
    const meetingId = data(m).createJointMeeting.id;
    const r = await next(jointOffice, 'grantDataRequest', { input: { meetingId, allowsPersonalData: false, note: '联席会议决定：同意共享，不含个人信息' } });
    expect(r).toMatchObject({
      status: 'GRANTED', allowedNextSteps: [], meeting: { id: meetingId },
      grant: { active: true, allowsPersonalData: false, grantee: { code: JCY }, provider: { code: SCJ }, revokedAt: null },
    });
    expect(r.history.map((h: { from: string | null; to: string; agency: string }) => [h.from, h.to, h.agency])).toEqual([
      [null, 'SUBMITTED', JCY], ['SUBMITTED', 'COMPLIANCE_CHECK', JCY], ['COMPLIANCE_CHECK', 'PROVIDER_REVIEW', JCY],
      ['PROVIDER_REVIEW', 'DENIED', SCJ], ['DENIED', 'COORDINATION', JCY], ['COORDINATION', 'GRANTED', JCY],
    ]);
    expect(r.history.map((h: { actor: string }) => h.actor)).toEqual(['jcy-prosecutor', 'jcy-office', 'jcy-office', 'scj-chief', 'jcy-prosecutor', 'jcy-office']);
  });

  it('shows the grant to the grantee and the provider, not to others', async () => {
    const Q = `{ sharingGrants(filter: { activeOnly: true }) { nodes { id active } } }`;
    for (const who of [prosecutor, scjClerk]) expect(data(await hub.query(who, Q)).sharingGrants.nodes).toEqual([{ id: req.grant.id, active: true }]);
    expect(data(await hub.query(gajClerk, Q)).sharingGrants.nodes).toEqual([]);
  });

  it('is revoked by market regulation\'s supervisor: the grant is no longer active', async () => {
    const r = await hub.query(scjChief, `mutation($id: ID!) { revokeGrant(id: $id, reason: "申请单位超出授权用途使用数据") { id active revokeReason revokedBy { code } } }`, { id: req.grant.id });
    expect(data(r).revokeGrant).toEqual({ id: req.grant.id, active: false, revokeReason: '申请单位超出授权用途使用数据', revokedBy: { code: SCJ } });
    const after = data(await hub.query(prosecutor, `{ sharingGrants(filter: { granteeCode: "${JCY}", activeOnly: true }) { totalCount }
      dataRequests(filter: { providerCode: "${SCJ}" }) { nodes { id status grant { active revokedAt } } } }`));
    expect(after.sharingGrants.totalCount).toBe(0);
    expect(after.dataRequests.nodes).toEqual([{ id: req.id, status: 'GRANTED', grant: { active: false, revokedAt: expect.any(String) } }]);
  });
});

describe('a joint meeting\'s decision carried out as a task by its lead unit', () => {
  it('goes from decision to PLANNED, IN_PROGRESS with progress reports, and DONE', async () => {
    const m = data(await hub.query(jointOffice, `mutation { createJointMeeting(input: { title: "年度府检联动联席会议", date: "${new Date().toISOString()}",
      attendeeCodes: ["${JCY}", "${SCJ}", "${GAJ}"], minutes: "研究确定年度工作要点", decisions: ["联合开展食品药品安全专项行动"] }) { id decisions } }`)).createJointMeeting;
    const year = new Date().getUTCFullYear();
    const dueAt = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const T = `id status version overdue allowedNextSteps meeting { id } leadAgency { code } progress { agency { code } text } history { agency from to }`;
    let task = data(await hub.query(jointOffice, `mutation($input: WorkTaskInput!) { r: createWorkTask(input: $input) { ${T} } }`, {
      input: { year, title: m.decisions[0], leadAgencyCode: SCJ, responsibleAgencyCodes: [GAJ], dueAt, meetingId: m.id },
    })).r;
    expect(task).toMatchObject({ status: 'PLANNED', meeting: { id: m.id }, leadAgency: { code: SCJ }, allowedNextSteps: ['IN_PROGRESS'] });

    const move = async (who: Caller, mutation: string) => {
      task = data(await hub.query(who, `mutation($id: ID!, $v: Int!) { r: ${mutation}(id: $id, version: $v) { ${T} } }`, { id: task.id, v: task.version })).r;
      return task;
    };
    const notLead = await hub.query(gajClerk, `mutation($id: ID!, $v: Int!) { startWorkTask(id: $id, version: $v) { id } }`, { id: task.id, v: task.version });
    expect(notLead.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await move(scjClerk, 'startWorkTask')).toMatchObject({ status: 'IN_PROGRESS', allowedNextSteps: ['DONE'] });

    const report = (who: Caller, text: string) =>
      hub.query(who, `mutation($id: ID!, $text: String!) { addTaskProgress(id: $id, text: $text) { progress { agency { code } text } } }`, { id: task.id, text });
    data(await report(scjClerk, '已制定专项行动实施方案'));
    const progress = data(await report(gajClerk, '已联合检查门店15家，移送线索2条')).addTaskProgress.progress;
    expect(progress).toEqual([{ agency: { code: SCJ }, text: '已制定专项行动实施方案' }, { agency: { code: GAJ }, text: '已联合检查门店15家，移送线索2条' }]);

    expect(await move(scjClerk, 'completeWorkTask')).toMatchObject({ status: 'DONE', overdue: false, allowedNextSteps: [] });
    expect(task.history.map((h: { agency: string; to: string }) => [h.agency, h.to])).toEqual([[JCY, 'PLANNED'], [SCJ, 'IN_PROGRESS'], [SCJ, 'DONE']]);

    const list = data(await hub.query(gajClerk, `query($id: ID!) { workTasks(filter: { meetingId: $id, year: ${year} }) { nodes { id status } }
      jointMeetings(filter: { year: ${year} }) { nodes { id tasks { nodes { id status } } } } }`, { id: m.id }));
    expect(list.workTasks.nodes).toEqual([{ id: task.id, status: 'DONE' }]);
    expect(list.jointMeetings.nodes.find((n: { id: string }) => n.id === m.id).tasks.nodes).toEqual([{ id: task.id, status: 'DONE' }]);
  });
});

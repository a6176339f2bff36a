import { liaison, syncAgencies } from '../../subgraphs/liaison/server';
import { DataRequestModel, JointMeetingModel, ReportModel, type DataRequestDoc } from '../../subgraphs/liaison/models';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity } from '../helpers/subgraph';

// The joint office's own records (seed §五): meetings whose decisions become tasks, half-yearly reports,
// consultations, published cases, campaigns, special assistants, volunteers and joint training sessions (同堂培训).
useDatabase();
beforeAll(async () => {
  await syncAgencies();
});

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const GAJ = '411221-GAJ';
const admin = identity(JCY, ['liaison_admin'], 'jcy-office');
const viewer = identity(SCJ, ['viewer']);
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const MEETING = `mutation($input: JointMeetingInput!) { r: createJointMeeting(input: $input) { id title date attendees { code } minutes decisions } }`;
const TASK = `mutation($input: WorkTaskInput!) { r: createWorkTask(input: $input) { id meeting { id title } } }`;
const meetingInput = (patch: Record<string, unknown> = {}) => ({
  title: '2031年度府检联动联席会议', date: ago(3), attendeeCodes: [JCY, SCJ, GAJ, SCJ], minutes: '研究确定年度工作要点',
  decisions: ['联合开展食品安全专项行动', '开展同堂培训'], ...patch,
});

describe('joint meetings and the tasks their decisions become', () => {
  it('records a meeting (joint office only) and turns its decisions into tasks', async () => {
    const m = await execute(liaison, admin, MEETING, { input: meetingInput() });
    expect(m.errors).toBeUndefined();
    const meeting = m.data!.r;
    expect(meeting).toMatchObject({ attendees: [{ code: JCY }, { code: SCJ }, { code: GAJ }], decisions: ['联合开展食品安全专项行动', '开展同堂培训'] });

    const due = ['2031-06-30', '2031-12-31'];
    const tasks = [];
    for (const [k, title] of meeting.decisions.entries()) {
      const t = await execute(liaison, admin, TASK, { input: { year: 2031, title, leadAgencyCode: k ? JCY : SCJ, responsibleAgencyCodes: [GAJ], dueAt: due[k], meetingId: meeting.id } });
      expect(t.data!.r.meeting).toEqual({ id: meeting.id, title: meeting.title });
      tasks.push(t.data!.r.id);
    }
    const bad = await execute(liaison, admin, TASK, { input: { year: 2031, title: 'x', leadAgencyCode: JCY, responsibleAgencyCodes: [], dueAt: '2031-01-01', meetingId: 'nope' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'meetingId' });

    const r = await execute(liaison, viewer, `query($id: ID!) {
      jointMeetings(filter: { year: ${new Date(meeting.date).getUTCFullYear()}, attendeeCode: "${GAJ}" }) { totalCount nodes { id tasks(first: 5) { totalCount nodes { id title } } } }
      none: jointMeetings(filter: { attendeeCode: "411221-MZJ" }) { totalCount }
      workTasks(filter: { meetingId: $id }) { nodes { id } } }`, { id: meeting.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.jointMeetings.totalCount).toBe(1);
    expect(r.data!.jointMeetings.nodes[0].tasks).toEqual({ totalCount: 2, nodes: [{ id: tasks[1], title: '开展同堂培训' }, { id: tasks[0], title: '联合开展食品安全专项行动' }] });
    expect(r.data!.none.totalCount).toBe(0);
    expect(r.data!.workTasks.nodes.map((n: { id: string }) => n.id)).toEqual([tasks[1], tasks[0]]);
  });

  it.each([
    ['an officer of the joint office', identity(JCY, ['officer', 'supervisor'])],
    ['a liaison admin of another agency', identity(SCJ, ['liaison_admin'])],
  ])('forbids %s to record a meeting', async (_, who) => {
    const before = await JointMeetingModel.countDocuments();
    expect(errorCode(await execute(liaison, who, MEETING, { input: meetingInput() }))).toBe('FORBIDDEN');
    expect(await JointMeetingModel.countDocuments()).toBe(before);
  });

  it.each([
    ['a future date', { date: new Date(Date.now() + 3 * DAY).toISOString() }, 'date'],
    ['no attendees', { attendeeCodes: [] }, 'attendeeCodes'],
    ['an unknown attendee', { attendeeCodes: [JCY, '411221-XXX'] }, 'attendeeCodes'],
    ['a blank decision', { decisions: ['  '] }, 'decisions'],
  ])('refuses a meeting with %s', async (_, patch, field) => {
    const r = await execute(liaison, admin, MEETING, { input: meetingInput(patch) });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('counts the meetings of a period on the dashboard (at least one a year)', async () => {
    await execute(liaison, admin, MEETING, { input: meetingInput({ date: '2022-01-20T02:00:00Z', title: '2022年度联席会议' }) });
    const r = await execute(liaison, viewer, `{ y2022: dashboard(period: "2022") { liaison { jointMeetings } } y2021: dashboard(period: "2021") { liaison { jointMeetings } } }`);
    expect(r.data).toEqual({ y2022: { liaison: { jointMeetings: 1 } }, y2021: { liaison: { jointMeetings: 0 } } });
  });
});

describe('half-yearly reports', () => {
  const REPORT = `mutation($input: ReportInput!) { r: createReport(input: $input) { id period title summary publishedAt publishedBy { code } indicators } }`;

  it('publishes the half-year with its indicators frozen from the dashboard, once', async () => {
    const request: Omit<DataRequestDoc, '_id' | 'status' | 'submittedAt' | 'scopeIds' | 'version' | 'history'> = { requesterCode: JCY, providerCode: SCJ, resourceTypes: ['ENFORCEMENT_CASE'], purpose: 'p', legalBasis: 'l', wantsPersonalData: false, periodFrom: new Date('2023-01-01'), periodTo: new Date('2023-06-30') };
    await DataRequestModel.create([
      { ...request, status: 'GRANTED', submittedAt: new Date('2023-02-01') },
      { ...request, status: 'DENIED', submittedAt: new Date('2023-03-01') },
      { ...request, status: 'GRANTED', submittedAt: new Date('2023-08-01') },
    ]);
    const r = await execute(liaison, admin, REPORT, { input: { period: '2023-H1', title: '2023年上半年府检联动工作情况通报', summary: '总体平稳' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.r).toMatchObject({ period: '2023-H1', publishedBy: { code: JCY }, summary: '总体平稳' });
    const indicators = JSON.parse(r.data!.r.indicators);
    const dash = await execute(liaison, viewer, `{ dashboard(period: "2023-H1") { liaison { dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts jointMeetings
      trainingSessions trainingParticipants } } }`);
    const { generatedAt, period, from, to, ...stats } = indicators;
    expect(stats).toEqual(dash.data!.dashboard.liaison);
    expect(stats.dataRequestsByStatus).toEqual([{ status: 'DENIED', count: 1 }, { status: 'GRANTED', count: 1 }]);
    expect({ period, from, to }).toEqual({ period: '2023-H1', from: '2022-12-31T16:00:00.000Z', to: '2023-06-30T16:00:00.000Z' });
    expect(Date.now() - Date.parse(generatedAt)).toBeLessThan(60_000);

    // frozen: later data does not change the published report
    await DataRequestModel.create({ ...request, status: 'WITHDRAWN', submittedAt: new Date('2023-04-01') });
    const list = await execute(liaison, viewer, `{ reports(filter: { year: 2023 }) { totalCount nodes { indicators } } other: reports(filter: { year: 2022 }) { totalCount } }`);
    expect(list.data!.reports.totalCount).toBe(1);
    expect(list.data!.reports.nodes[0].indicators).toBe(r.data!.r.indicators);
    expect(list.data!.other.totalCount).toBe(0);

    expect(errorCode(await execute(liaison, admin, REPORT, { input: { period: '2023-H1', title: '重复' } }))).toBe('CONFLICT');
    expect(await ReportModel.countDocuments({ period: '2023-H1' })).toBe(1);
  });

  it.each([
    ['a quarter', '2023-Q1'],
    ['free text', '2023上半年'],
    ['a half-year not yet ended', `${new Date().getUTCFullYear() + 1}-H1`],
  ])('refuses %s as the period', async (_, period) => {
    const r = await execute(liaison, admin, REPORT, { input: { period, title: 't' } });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });

  it('is published by the joint office only', async () => {
    expect(errorCode(await execute(liaison, identity(SCJ, ['liaison_admin']), REPORT, { input: { period: '2022-H2', title: 't' } }))).toBe('FORBIDDEN');
  });
});

/** A training session refused: [what, the input's change, the field named]. */
const TRAINING_REFUSALS: [string, Record<string, unknown>, string][] = [
  ['a training without a topic', { topic: ' ' }, 'topic'],
  ['a training by an unknown organiser', { organiserCode: '411221-XXX' }, 'organiserCode'],
  ['a training in the future', { date: new Date(Date.now() + 5 * DAY).toISOString() }, 'date'],
  ['a training without the procuratorate', { participants: [{ agencyCode: SCJ, count: 20 }, { agencyCode: GAJ, count: 5 }] }, 'participants'],
  ['a training of the procuratorate alone', { participants: [{ agencyCode: JCY, count: 20 }] }, 'participants'],
  ['a training naming an agency twice', { participants: [{ agencyCode: JCY, count: 3 }, { agencyCode: SCJ, count: 5 }, { agencyCode: SCJ, count: 5 }] }, 'participants'],
  ['a training with nobody from an agency', { participants: [{ agencyCode: JCY, count: 3 }, { agencyCode: SCJ, count: 0 }] }, 'participants.count'],
  ['a training with an unknown participant', { participants: [{ agencyCode: JCY, count: 3 }, { agencyCode: 'nope', count: 5 }] }, 'participants.agencyCode'],
];

describe('consultations, published cases, campaigns, special assistants, volunteers, training sessions', () => {
  // [name, create mutation, two inputs (older first), list field, its selection, filter matching only the first]
  const CASES: [string, string, Record<string, unknown>[], string, string, string][] = [
    ['consultation', `createConsultation(input: $input) { id subject agencies { code } date conclusion }`,
      [{ subject: '涉企挂案会商', agencyCodes: [JCY, SCJ], date: ago(20), conclusion: '限期清理' }, { subject: '以罚代刑风险会商', agencyCodes: [JCY, GAJ], date: ago(10), conclusion: '移送公安' }],
      'consultations', 'id subject agencies { code }', `{ agencyCode: "${SCJ}", from: "${ago(30)}", to: "${ago(15)}" }`],
    ['published case', `createPublishedCase(input: $input) { id title agencies { code } publishedAt }`,
      [{ title: '某食品公司案', summary: '协同履职', agencyCodes: [JCY, SCJ], publishedAt: ago(20) }, { title: '某建材公司案', summary: '公益诉讼', agencyCodes: [JCY, '411221-ZRJ'] }],
      'publishedCases', 'id title', `{ agencyCode: "${SCJ}" }`],
    ['campaign', `createCampaign(input: $input) { id name agencies { code } from to cases { kind id } }`,
      [{ name: '食品安全专项行动', agencyCodes: [JCY, SCJ, GAJ], from: ago(60), to: ago(30), cases: [{ kind: 'ENFORCEMENT_CASE', id: 'e1' }, { kind: 'ENFORCEMENT_CASE', id: 'e1' }, { kind: 'CRIMINAL_TRANSFER', id: 't1' }] },
        { name: '打击非法占地专项行动', agencyCodes: [JCY, '411221-ZRJ'], from: ago(10), to: new Date(Date.now() + 30 * DAY).toISOString() }],
      'campaigns', 'id name cases { kind id }', `{ agencyCode: "${GAJ}", activeOn: "${ago(45)}" }`],
    ['special assistant', `createSpecialAssistant(input: $input) { id name agency { code } expertise casesHelped }`,
      [{ name: '李明', agencyCode: SCJ, expertise: '食品药品监管', appointedAt: ago(100), casesHelped: ['c1', 'c1', 'c2'] }, { name: '王芳', agencyCode: '411221-HBJ', expertise: '环境监测', appointedAt: ago(50) }],
      'specialAssistants', 'id name casesHelped', `{ agencyCode: "${SCJ}" }`],
    ['volunteer', `createVolunteer(input: $input) { id name township casesHelped }`,
      [{ name: '张伟', township: '城关镇', joinedAt: ago(40), casesHelped: ['c3'] }, { name: '刘娜', township: '仰韶镇' }],
      'volunteers', 'id name township', `{ township: "城关镇" }`],
    ['training session', `createTrainingSession(input: $input) { id topic organiser { code } participants { agency { code } count } participantCount date }`,
      [{ topic: '行刑衔接案件移送程序与证据标准', organiserCode: JCY, participants: [{ agencyCode: JCY, count: 12 }, { agencyCode: SCJ, count: 30 }], date: ago(20) },
        { topic: '生态环境损害案件证据收集', organiserCode: '411221-HBJ', participants: [{ agencyCode: JCY, count: 6 }, { agencyCode: '411221-HBJ', count: 25 }], date: ago(10), place: '县生态环境分局会议室' }],
      'trainingSessions', 'id topic participantCount', `{ agencyCode: "${SCJ}", from: "${ago(30)}", to: "${ago(15)}" }`],
  ];

  it.each(CASES)('creates a %s (joint office only) and lists it, newest first, paged and filtered', async (_, create, inputs, list, selection, filter) => {
    const inputType = create.match(/^create(\w+)\(/)![1] + 'Input';
    const M = `mutation($input: ${inputType}!) { r: ${create} }`;
    expect(errorCode(await execute(liaison, identity(JCY, ['supervisor']), M, { input: inputs[0] }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(liaison, identity(SCJ, ['liaison_admin']), M, { input: inputs[0] }))).toBe('FORBIDDEN');
    const ids: string[] = [];
    for (const input of inputs) {
      const r = await execute(liaison, admin, M, { input });
      expect(r.errors).toBeUndefined();
      ids.push(r.data!.r.id);
    }
    const Q = `query($after: String) { page: ${list}(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${selection} } }
      filtered: ${list}(filter: ${filter}) { nodes { id } } }`;
    const p1 = await execute(liaison, viewer, Q);
    expect(p1.errors).toBeUndefined();
    expect(p1.data!.page).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: ids[1] }] });
    const p2 = await execute(liaison, viewer, Q, { after: p1.data!.page.pageInfo.endCursor });
    expect(p2.data!.page).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: ids[0] }] });
    expect(p1.data!.filtered.nodes).toEqual([{ id: ids[0] }]);
    const first = p2.data!.page.nodes[0];
    if (first.cases) expect(first.cases).toEqual([{ kind: 'ENFORCEMENT_CASE', id: 'e1' }, { kind: 'CRIMINAL_TRANSFER', id: 't1' }]);
    if (first.casesHelped) expect(first.casesHelped).toEqual(['c1', 'c2']);
  });

  it.each([
    ['a consultation without agencies', `createConsultation(input: $input) { id }`, 'ConsultationInput', { subject: 's', agencyCodes: [], date: ago(1), conclusion: 'c' }, 'agencyCodes'],
    ['a consultation in the future', `createConsultation(input: $input) { id }`, 'ConsultationInput', { subject: 's', agencyCodes: [JCY], date: new Date(Date.now() + 5 * DAY).toISOString(), conclusion: 'c' }, 'date'],
    ['a campaign ending before it starts', `createCampaign(input: $input) { id }`, 'CampaignInput', { name: 'n', agencyCodes: [JCY], from: ago(1), to: ago(5) }, 'to'],
    ['an assistant of an unknown agency', `createSpecialAssistant(input: $input) { id }`, 'SpecialAssistantInput', { name: 'n', agencyCode: 'nope', expertise: 'e', appointedAt: ago(1) }, 'agencyCode'],
    ['a volunteer without a township', `createVolunteer(input: $input) { id }`, 'VolunteerInput', { name: 'n', township: ' ' }, 'township'],
    ...TRAINING_REFUSALS.map(([what, patch, field]): [string, string, string, Record<string, unknown>, string] => [what, `createTrainingSession(input: $input) { id }`, 'TrainingSessionInput',
      { topic: '同堂培训', organiserCode: JCY, participants: [{ agencyCode: JCY, count: 3 }, { agencyCode: SCJ, count: 5 }], date: ago(1), ...patch }, field]),
  ])('refuses %s', async (_, create, type, input, field) => {
    const r = await execute(liaison, admin, `mutation($input: ${type}!) { ${create} }`, { input });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('同堂培训 joint training sessions on the dashboard', () => {
  const TRAINING = `mutation($input: TrainingSessionInput!) { r: createTrainingSession(input: $input) {
    id topic organiser { code } participants { agency { code } count } participantCount date place notes } }`;

  it('records who trained with whom and counts sessions and participants in the period', async () => {
    const r = await execute(liaison, admin, TRAINING, { input: {
      topic: ' 食品药品领域涉嫌犯罪案件移送实务 ', organiserCode: SCJ, date: '2021-05-12T02:00:00Z', place: '县人民检察院多功能厅', notes: ' ',
      participants: [{ agencyCode: SCJ, count: 40 }, { agencyCode: JCY, count: 15 }, { agencyCode: GAJ, count: 8 }],
    } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.r).toMatchObject({
      topic: '食品药品领域涉嫌犯罪案件移送实务', organiser: { code: SCJ }, participantCount: 63, place: '县人民检察院多功能厅', notes: null,
      participants: [{ agency: { code: SCJ }, count: 40 }, { agency: { code: JCY }, count: 15 }, { agency: { code: GAJ }, count: 8 }],
    });
    await execute(liaison, admin, TRAINING, { input: { topic: '行刑反向衔接与检察意见办理', organiserCode: JCY, date: '2021-11-03T02:00:00Z', participants: [{ agencyCode: JCY, count: 10 }, { agencyCode: '411221-ZRJ', count: 20 }] } });
    const q = (period: string) => `dashboard(period: "${period}") { liaison { trainingSessions trainingParticipants } }`;
    const d = await execute(liaison, viewer, `{ y: ${q('2021')} h1: ${q('2021-H1')} m: ${q('2021-05')} other: ${q('2020')} }`);
    expect(d.errors).toBeUndefined();
    expect(d.data).toEqual({
      y: { liaison: { trainingSessions: 2, trainingParticipants: 93 } }, h1: { liaison: { trainingSessions: 1, trainingParticipants: 63 } },
      m: { liaison: { trainingSessions: 1, trainingParticipants: 63 } }, other: { liaison: { trainingSessions: 0, trainingParticipants: 0 } },
    });
    // Every member agency reads them; the organiser and each participating agency find them by agencyCode.
    const list = await execute(liaison, identity(GAJ, ['viewer']), `{ trainingSessions(filter: { agencyCode: "${GAJ}", from: "2021-01-01", to: "2022-01-01" }) { totalCount nodes { id } } }`);
    expect(list.data!.trainingSessions).toEqual({ totalCount: 1, nodes: [{ id: r.data!.r.id }] });
  });
});

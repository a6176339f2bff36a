import { useDatabase } from '../helpers/db';
import { startHub, type Caller, type Hub } from '../helpers/hub';

// The petition and hotline workflows walked end to end through the gateway, as the users of each agency
// involved would: 信访局, the handling agency, 县政府办; the 12345 centre and the agencies it dispatches to.
useDatabase();

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const XFJ: Caller = { agency: '411221-XFJ', userId: 'xfj-clerk' }; // 信访局
const RSJ: Caller = { agency: '411221-RSJ', userId: 'rsj-officer' }; // 县人社局, the handling agency
const ZFB: Caller = { agency: '411221-ZFB', userId: 'zfb-reviewer' }; // 县政府办, reviews
const RX: Caller = { agency: '411221-RX12345', userId: 'hotline-operator' }; // 12345 centre
const HBJ: Caller = { agency: '411221-HBJ', userId: 'hbj-officer' };
const ZJJ: Caller = { agency: '411221-ZJJ', userId: 'zjj-officer' };
const cst = (date: string, time = '09:00') => `${date}T${time}:00+08:00`;

const P = `id status version allowedNextSteps dueAt overdue deadlines { rule dueAt overdue } history { from to agency actor note }`;
const T = `id status version allowedNextSteps dueAt overdue dispatchedTo { code } history { from to agency actor note }`;

/** One step through the gateway as `who`; fails the test on any error; returns the record after it. */
async function step(who: Caller, name: string, args: Record<string, unknown>, fields: string) {
  const list = Object.entries(args).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
  const r = await hub.query(who, `mutation { ${name}(${list}) { ${fields} } }`);
  expect(r.errors).toBeUndefined();
  return r.data![name];
}

describe('petition workflow through the gateway', () => {
  it('walks a petition from RECEIVED to FINAL through REVIEW and RE_REVIEW across 信访局, the handling agency and 县政府办', async () => {
    const created = await hub.query(XFJ, `mutation($input: PetitionInput!) { createPetition(input: $input) { ${P} number } }`, {
      input: { channel: 'VISIT', subject: '拖欠农民工工资', summary: '某建筑公司拖欠工资三个月', handlingAgencyCode: '411221-RSJ', receivedAt: cst('2025-03-03') },
    });
    expect(created.errors).toBeUndefined();
    let p = created.data!.createPetition;
    expect(p).toMatchObject({ status: 'RECEIVED', allowedNextSteps: ['ACCEPTED', 'NOT_ACCEPTED'] });
    const { id } = p;

    // An agency outside the petition cannot take a step, and a step out of order is refused with the allowed ones.
    const outsider = await hub.query(HBJ, `mutation { acceptPetition(id: "${id}", version: 0) { id } }`);
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const early = await hub.query(RSJ, `mutation { answerPetition(id: "${id}", version: 0, answer: "x") { id } }`);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed: ['ACCEPTED', 'NOT_ACCEPTED'] });

    p = await step(XFJ, 'acceptPetition', { id, version: p.version, acceptedAt: cst('2025-03-05') }, P);
    expect(p).toMatchObject({ status: 'ACCEPTED', allowedNextSteps: ['HANDLING'] });
    p = await step(RSJ, 'startPetitionHandling', { id, version: p.version, startedAt: cst('2025-03-06') }, P);
    p = await step(RSJ, 'extendPetition', { id, version: p.version, days: 20, reason: '需核实工程款结算', extendedAt: cst('2025-04-20') }, `${P} handlingDueAt`);
    // 5 Mar + 60 days = Sun 4 May, in 劳动节 (1–5 May) → Tue 6 May, + 20 days = Mon 26 May, 24:00.
    expect(p.handlingDueAt).toBe('2025-05-26T15:59:59.999Z');
    p = await step(RSJ, 'holdPetitionHearing', { id, version: p.version, hearingFrom: cst('2025-04-22'), hearingTo: cst('2025-04-23') }, `${P} handlingDueAt hearingHeld`);
    // + the day of hearing, added to the end (docs/domain.md: pauses): Tue 27 May.
    expect(p).toMatchObject({ status: 'HANDLING', hearingHeld: true, handlingDueAt: '2025-05-27T15:59:59.999Z' });
    p = await step(RSJ, 'answerPetition', { id, version: p.version, answer: '已责令该公司限期支付', answeredAt: cst('2025-05-20') }, P);
    expect(p).toMatchObject({ status: 'ANSWERED', allowedNextSteps: ['REVIEW', 'FINAL'], dueAt: null, overdue: false });

    p = await step(XFJ, 'applyPetitionReview', { id, version: p.version, appliedAt: cst('2025-06-03'), note: '信访人不服答复' }, P);
    expect(p).toMatchObject({ status: 'REVIEW', deadlines: [{ rule: 'petitionReviewDecision', dueAt: '2025-07-03T15:59:59.999Z' }] });
    const notTheirs = await hub.query(RSJ, `mutation { decidePetitionReview(id: "${id}", version: ${p.version}, decision: "维持") { id } }`);
    expect(notTheirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    p = await step(ZFB, 'decidePetitionReview', { id, version: p.version, decision: '经复查，维持原答复意见', decidedAt: cst('2025-06-20') }, P);
    expect(p).toMatchObject({ status: 'REVIEW', allowedNextSteps: ['RE_REVIEW', 'FINAL'] });
    p = await step(ZFB, 'applyPetitionReReview', { id, version: p.version, appliedAt: cst('2025-07-01') }, P);
    expect(p).toMatchObject({ status: 'RE_REVIEW', allowedNextSteps: ['FINAL'] });
    p = await step(ZFB, 'decidePetitionReReview', { id, version: p.version, decision: '经复核，维持复查意见', decidedAt: cst('2025-07-20') }, P);
    expect(p).toMatchObject({ status: 'FINAL', allowedNextSteps: [], deadlines: [], overdue: false });

    // Read back across subgraphs: the handling agency's name comes from the liaison subgraph.
    const read = await hub.query(XFJ, `{ petition(id: "${id}") { status closedAt reReviewDecision handlingAgency { code name } history { from to agency actor } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.petition).toMatchObject({ status: 'FINAL', closedAt: new Date(cst('2025-07-20')).toISOString(), reReviewDecision: '经复核，维持复查意见', handlingAgency: { code: '411221-RSJ', name: '渑池县人力资源和社会保障局' } });
    expect(read.data!.petition.history.map((h: { from: string | null; to: string; agency: string }) => [h.from, h.to, h.agency])).toEqual([
      [null, 'RECEIVED', '411221-XFJ'],
      ['RECEIVED', 'ACCEPTED', '411221-XFJ'],
      ['ACCEPTED', 'HANDLING', '411221-RSJ'],
      ['HANDLING', 'HANDLING', '411221-RSJ'], // extension
      ['HANDLING', 'HANDLING', '411221-RSJ'], // hearing
      ['HANDLING', 'ANSWERED', '411221-RSJ'],
      ['ANSWERED', 'REVIEW', '411221-XFJ'],
      ['REVIEW', 'REVIEW', '411221-ZFB'], // review decision
      ['REVIEW', 'RE_REVIEW', '411221-ZFB'],
      ['RE_REVIEW', 'FINAL', '411221-ZFB'],
    ]);
    expect(read.data!.petition.history[1].actor).toBe('xfj-clerk');
  });
});

describe('hotline workflow through the gateway', () => {
  it('walks a 12345 ticket through RETURNED, re-dispatch, HANDLING, FEEDBACK, REVISIT and RATED', async () => {
    const created = await hub.query(RX, `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) { ${T} number returnDueAt handlingDueAt } }`, {
      input: { line: 'L12345', subject: '小区违规搭建', dispatchedToCode: '411221-HBJ', dispatchedAt: cst('2025-03-07', '10:00') },
    });
    expect(created.errors).toBeUndefined();
    let t = created.data!.createHotlineTicket;
    // Dispatched on a Friday: the return window and the handling period skip the weekend.
    expect(t).toMatchObject({ status: 'DISPATCHED', returnDueAt: '2025-03-11T15:59:59.999Z', handlingDueAt: '2025-03-14T15:59:59.999Z' });
    const { id } = t;

    t = await step(HBJ, 'returnHotlineTicket', { id, version: t.version, reason: '违法建设属住建部门职责', returnedAt: cst('2025-03-10') }, T);
    expect(t).toMatchObject({ status: 'RETURNED', allowedNextSteps: ['DISPATCHED'] });
    const byAgency = await hub.query(HBJ, `mutation { redispatchHotlineTicket(id: "${id}", version: ${t.version}, dispatchedToCode: "411221-ZJJ") { id } }`);
    expect(byAgency.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    t = await step(RX, 'redispatchHotlineTicket', { id, version: t.version, dispatchedToCode: '411221-ZJJ', dispatchedAt: cst('2025-03-10', '15:00') }, `${T} handlingDueAt`);
    expect(t).toMatchObject({ status: 'DISPATCHED', dispatchedTo: { code: '411221-ZJJ' }, handlingDueAt: '2025-03-17T15:59:59.999Z' });

    const formerAgency = await hub.query(HBJ, `mutation { acceptHotlineTicket(id: "${id}", version: ${t.version}) { id } }`);
    expect(formerAgency.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    t = await step(ZJJ, 'acceptHotlineTicket', { id, version: t.version, acceptedAt: cst('2025-03-11') }, T);
    expect(t).toMatchObject({ status: 'HANDLING', allowedNextSteps: ['FEEDBACK'] });
    t = await step(ZJJ, 'giveHotlineFeedback', { id, version: t.version, feedback: '已责令拆除违规搭建', feedbackAt: cst('2025-03-14') }, T);
    expect(t).toMatchObject({ status: 'FEEDBACK', allowedNextSteps: ['REVISIT'], overdue: false });
    t = await step(RX, 'revisitHotlineTicket', { id, version: t.version, revisitedAt: cst('2025-03-17'), note: '来电人确认已拆除' }, T);
    expect(t.status).toBe('REVISIT');
    t = await step(RX, 'rateHotlineTicket', { id, version: t.version, rating: 5, ratedAt: cst('2025-03-17', '10:00') }, `${T} rating`);
    expect(t).toMatchObject({ status: 'RATED', rating: 5, allowedNextSteps: [] });

    const read = await hub.query(RX, `{ hotlineTicket(id: "${id}") { status hotlineCentre { code name } returns { agency { code name } reason }
      history { from to agency } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.hotlineTicket).toMatchObject({
      status: 'RATED',
      hotlineCentre: { code: '411221-RX12345', name: '渑池县12345政务服务便民热线中心' },
      returns: [{ agency: { code: '411221-HBJ', name: '三门峡市生态环境局渑池分局' }, reason: '违法建设属住建部门职责' }],
    });
    expect(read.data!.hotlineTicket.history.map((h: { from: string | null; to: string; agency: string }) => [h.from, h.to, h.agency])).toEqual([
      [null, 'DISPATCHED', '411221-RX12345'],
      ['DISPATCHED', 'RETURNED', '411221-HBJ'],
      ['RETURNED', 'DISPATCHED', '411221-RX12345'],
      ['DISPATCHED', 'HANDLING', '411221-ZJJ'],
      ['HANDLING', 'FEEDBACK', '411221-ZJJ'],
      ['FEEDBACK', 'REVISIT', '411221-RX12345'],
      ['REVISIT', 'RATED', '411221-RX12345'],
    ]);

    // The dashboard counts it with the other rated tickets of March 2025.
    const dash = await hub.query(ZJJ, '{ dashboard(period: "2025-03") { petitions { hotlineTicketsByStatus { status count } hotlineOnTime } } }');
    expect(dash.errors).toBeUndefined();
    expect(dash.data!.dashboard.petitions).toEqual({ hotlineTicketsByStatus: [{ status: 'RATED', count: 1 }], hotlineOnTime: 1 });
  });
});

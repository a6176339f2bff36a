import { resetConfig } from '../../lib/config';
import { resetDeadlineRules } from '../../lib/deadlines';
import { MONTHLY_WAGE, REFERRAL_MACHINE, RESCUE_MACHINE } from '../../subgraphs/assistance/workflow';
import { assistance } from '../../subgraphs/assistance/server';
import { RescueApplicationModel, SupportReferralModel } from '../../subgraphs/assistance/models';
import { rescueClocks, runningClocks } from '../../subgraphs/assistance/deadlines';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';
import { personIdOf, validIdNumber } from '../helpers/fixtures';

// The two workflows of the assistance subgraph (docs/domain.md#rescue-applications), step by step.
useDatabase();

const JCY = '411221-JCY';
const RSJ = '411221-RSJ';
const officer = identity(JCY, ['officer'], 'jcy-clerk');
const chief = identity(JCY, ['supervisor'], 'jcy-chief');
const rsj = identity(RSJ, ['officer'], 'rsj-clerk');
const EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
const cleared = (applying: string[] = []) => EXCLUSIONS.map((exclusion) => ({ exclusion, applies: applying.includes(exclusion), note: '已核查' }));
/** A Beijing-time instant. */
const cst = (date: string, time = '09:00:00') => new Date(`${date}T${time}+08:00`).toISOString();

const APP = `id status version number months amount overCapApproved overCapApproval { approver reason } rightNotifiedAt appliedAt
  reviewStartedAt decidedAt rejectionReason fundsRequestedAt fundsReceivedAt disbursedAt notifiedAt followedUpAt followUpNote
  decisionDueAt decisionOverdue notificationDueAt notificationOverdue dueAt overdue deadlines { rule dueAt overdue }
  allowedNextSteps history { at actor agency from to note } exclusionChecks { exclusion applies }`;
const REF = `id status version referredAt acceptedAt declinedAt declineReason outcome completedAt allowedNextSteps
  referringAgency { code } receivingAgency { code } history { actor agency from to note }`;

const M = {
  notify: `mutation($input: RescueRightNotificationInput!) { r: notifyRescueRight(input: $input) { ${APP} } }`,
  create: `mutation($input: RescueApplicationInput!) { r: createRescueApplication(input: $input) { ${APP} } }`,
  receive: `mutation($id: ID!, $version: Int!, $input: RescueApplicationReceipt!) { r: receiveRescueApplication(id: $id, version: $version, input: $input) { ${APP} } }`,
  review: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: startRescueReview(id: $id, version: $version, reviewStartedAt: $at) { ${APP} } }`,
  approve: `mutation($id: ID!, $version: Int!, $at: DateTime, $months: Int, $overCap: RescueOverCapApprovalInput) {
    r: approveRescueApplication(id: $id, version: $version, decidedAt: $at, months: $months, overCapApproval: $overCap) { ${APP} } }`,
  reject: `mutation($id: ID!, $version: Int!, $at: DateTime, $reason: String!) { r: rejectRescueApplication(id: $id, version: $version, decidedAt: $at, reason: $reason) { ${APP} } }`,
  request: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: requestRescueFunds(id: $id, version: $version, fundsRequestedAt: $at) { ${APP} } }`,
  disburse: `mutation($id: ID!, $version: Int!, $received: DateTime!, $at: DateTime, $notified: DateTime) {
    r: disburseRescueFunds(id: $id, version: $version, fundsReceivedAt: $received, disbursedAt: $at, notifiedAt: $notified) { ${APP} } }`,
  notifyApplicant: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: notifyRescueApplicant(id: $id, version: $version, notifiedAt: $at) { ${APP} } }`,
  followUp: `mutation($id: ID!, $version: Int!, $at: DateTime, $note: String!) { r: followUpRescue(id: $id, version: $version, followedUpAt: $at, note: $note) { ${APP} } }`,
  update: `mutation($id: ID!, $input: RescueApplicationUpdate!) { r: updateRescueApplication(id: $id, input: $input) { ${APP} } }`,
  refer: `mutation($input: SupportReferralInput!) { r: createSupportReferral(input: $input) { ${REF} } }`,
  accept: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: acceptSupportReferral(id: $id, version: $version, acceptedAt: $at) { ${REF} } }`,
  decline: `mutation($id: ID!, $version: Int!, $at: DateTime, $reason: String!) { r: declineSupportReferral(id: $id, version: $version, declinedAt: $at, reason: $reason) { ${REF} } }`,
  complete: `mutation($id: ID!, $version: Int!, $at: DateTime, $outcome: String!) { r: completeSupportReferral(id: $id, version: $version, completedAt: $at, outcome: $outcome) { ${REF} } }`,
};

let seq = 500;
const newPerson = () => personIdOf(validIdNumber(++seq));

type App = { id: string; version: number; status: string; [k: string]: unknown };

function ok(r: Result): App {
  expect(r.errors).toBeUndefined();
  return r.data!.r as App;
}

/** The default dates of a walk (Mon 3 March 2025 onwards, Beijing time). */
const DATES = {
  notified: cst('2025-03-03'), applied: cst('2025-03-05'), review: cst('2025-03-06'), decided: cst('2025-03-12'),
  requested: cst('2025-03-13'), received: cst('2025-03-20'), disbursed: cst('2025-03-21'), notifiedFunds: cst('2025-03-21', '15:00:00'), followUp: cst('2025-04-21'),
};

/** The step that moves an application into `to` (by the agency and role the machine names). */
const RESCUE_STEP: Record<string, (a: App, dates?: Partial<typeof DATES>) => Promise<Result>> = {
  APPLIED: (a, d = {}) => execute(assistance, officer, M.receive, {
    id: a.id, version: a.version, input: { number: `渑检救助〔2025〕${++seq}号`, appliedAt: d.applied ?? DATES.applied, exclusionChecks: cleared(), months: 12 },
  }),
  UNDER_REVIEW: (a, d = {}) => execute(assistance, officer, M.review, { id: a.id, version: a.version, at: d.review ?? DATES.review }),
  APPROVED: (a, d = {}) => execute(assistance, chief, M.approve, { id: a.id, version: a.version, at: d.decided ?? DATES.decided }),
  REJECTED: (a, d = {}) => execute(assistance, chief, M.reject, { id: a.id, version: a.version, at: d.decided ?? DATES.decided, reason: '生活困难非案件原因所致' }),
  FUNDS_REQUESTED: (a, d = {}) => execute(assistance, officer, M.request, { id: a.id, version: a.version, at: d.requested ?? DATES.requested }),
  DISBURSED: (a, d = {}) => execute(assistance, officer, M.disburse, {
    id: a.id, version: a.version, received: d.received ?? DATES.received, at: d.disbursed ?? DATES.disbursed, notified: d.notifiedFunds ?? DATES.notifiedFunds,
  }),
  FOLLOW_UP: (a, d = {}) => execute(assistance, officer, M.followUp, { id: a.id, version: a.version, at: d.followUp ?? DATES.followUp, note: '回访:生活已基本稳定' }),
};

const PATH: Record<string, string[]> = {
  NOTIFIED: [], APPLIED: ['APPLIED'], UNDER_REVIEW: ['APPLIED', 'UNDER_REVIEW'], APPROVED: ['APPLIED', 'UNDER_REVIEW', 'APPROVED'],
  REJECTED: ['APPLIED', 'UNDER_REVIEW', 'REJECTED'], FUNDS_REQUESTED: ['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED'],
  DISBURSED: ['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED', 'DISBURSED'],
  FOLLOW_UP: ['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'],
};

async function notified(patch: Record<string, unknown> = {}): Promise<App> {
  return ok(await execute(assistance, officer, M.notify, {
    input: { applicantId: newPerson(), procuratorateCaseId: `pc-wf-${++seq}`, situation: 'VICTIM_SERIOUS_INJURY', rightNotifiedAt: DATES.notified, ...patch },
  }));
}

/** A new application walked along the machine to `status`. */
async function walk(status: string, dates: Partial<typeof DATES> = {}): Promise<App> {
  let a = await notified(dates.notified ? { rightNotifiedAt: dates.notified } : {});
  for (const to of PATH[status]) a = ok(await RESCUE_STEP[to](a, dates));
  expect(a.status).toBe(status);
  return a;
}

const transitions = <S extends string>(machine: Record<S, Partial<Record<S, unknown>>>) =>
  (Object.keys(machine) as S[]).flatMap((from) => (Object.keys(machine[from]) as S[]).map((to) => [from, to] as [S, S]));

describe('rescue application workflow', () => {
  it('creates NOTIFIED with its history and next step, and no clock yet', async () => {
    const a = await notified();
    expect(a).toMatchObject({ status: 'NOTIFIED', version: 0, number: null, appliedAt: null, allowedNextSteps: ['APPLIED'], deadlines: [], dueAt: null, overdue: false });
    expect(a.history).toEqual([{ at: expect.any(String), actor: 'jcy-clerk', agency: JCY, from: null, to: 'NOTIFIED', note: null }]);
  });

  it.each(transitions(RESCUE_MACHINE))('allows %s → %s and records it in the history', async (from, to) => {
    const before = await walk(from);
    const after = ok(await RESCUE_STEP[to](before));
    expect(after.status).toBe(to);
    expect(after.version).toBe(before.version + 1);
    const history = after.history as { from: string; to: string; agency: string; actor: string }[];
    expect(history).toHaveLength((before.history as unknown[]).length + 1);
    expect(history.at(-1)).toMatchObject({ from, to, agency: JCY, actor: to === 'APPROVED' || to === 'REJECTED' ? 'jcy-chief' : 'jcy-clerk' });
    expect(after.allowedNextSteps).toEqual(Object.keys(RESCUE_MACHINE[to]));
  });

  describe('refuses moves the status does not allow (CONFLICT naming the allowed next steps)', () => {
    const records = new Map<string, App>();
    beforeAll(async () => {
      for (const status of Object.keys(RESCUE_MACHINE)) records.set(status, await walk(status));
    });
    const refused = Object.keys(RESCUE_MACHINE).flatMap((from) =>
      Object.keys(RESCUE_STEP).filter((to) => !(to in RESCUE_MACHINE[from as keyof typeof RESCUE_MACHINE])).map((to) => [from, to]),
    );
    it('covers every status', () => expect(new Set(refused.map(([f]) => f)).size).toBe(8));
    it.each(refused)('%s → %s', async (from, to) => {
      const a = records.get(from)!;
      const r = await RESCUE_STEP[to](a);
      expect(errorCode(r)).toBe('CONFLICT');
      expect(r.errors?.[0].extensions?.allowed).toEqual(Object.keys(RESCUE_MACHINE[from as keyof typeof RESCUE_MACHINE]));
      expect(r.errors?.[0].message).toContain(from);
      expect(await RescueApplicationModel.findById(a.id).lean()).toMatchObject({ status: from, version: a.version });
    });
  });

  it('refuses a step by another agency, by a viewer, and a decision by an officer (FORBIDDEN), changing nothing', async () => {
    const a = await walk('UNDER_REVIEW');
    const asOther = await execute(assistance, identity('411221-SCJ', ['supervisor']), M.approve, { id: a.id, version: a.version, at: DATES.decided });
    expect(errorCode(asOther)).toBe('FORBIDDEN');
    const asViewer = await execute(assistance, identity(JCY, ['viewer']), M.approve, { id: a.id, version: a.version, at: DATES.decided });
    expect(errorCode(asViewer)).toBe('FORBIDDEN');
    const asOfficer = await execute(assistance, officer, M.approve, { id: a.id, version: a.version, at: DATES.decided });
    expect(errorCode(asOfficer)).toBe('FORBIDDEN');
    expect(asOfficer.errors?.[0].message).toContain('supervisor');
    const rejectAsOfficer = await execute(assistance, officer, M.reject, { id: a.id, version: a.version, at: DATES.decided, reason: '不符合条件' });
    expect(errorCode(rejectAsOfficer)).toBe('FORBIDDEN');
    const b = await walk('APPLIED');
    expect(errorCode(await execute(assistance, identity(RSJ), M.review, { id: b.id, version: b.version }))).toBe('FORBIDDEN');
    expect(await RescueApplicationModel.findById(a.id).lean()).toMatchObject({ status: 'UNDER_REVIEW', version: a.version });
    expect(await RescueApplicationModel.findById(b.id).lean()).toMatchObject({ status: 'APPLIED', version: b.version });
  });

  it('lets exactly one of two concurrent moves with the same version win', async () => {
    const a = await walk('UNDER_REVIEW');
    const settled = await Promise.allSettled([
      execute(assistance, chief, M.approve, { id: a.id, version: a.version, at: DATES.decided }),
      execute(assistance, identity(JCY, ['supervisor'], 'jcy-deputy'), M.reject, { id: a.id, version: a.version, at: DATES.decided, reason: '不符合条件' }),
    ]);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : { errors: [{ message: String(s.reason) }] }) as Result);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(1);
    const stored = await RescueApplicationModel.findById(a.id).lean();
    expect(stored!.version).toBe(a.version + 1);
    expect(stored!.history.filter((h) => h.from === 'UNDER_REVIEW')).toHaveLength(1);

    const b = await walk('APPLIED');
    const twice = await Promise.allSettled([0, 1].map(() => RESCUE_STEP.UNDER_REVIEW(b)));
    expect(twice.filter((s) => s.status === 'fulfilled' && !s.value.errors)).toHaveLength(1);
  });

  it.each([
    ['a rejection without a reason', 'UNDER_REVIEW', chief, M.reject, { at: DATES.decided, reason: '   ' }, 'reason'],
    ['a decision before the review started', 'UNDER_REVIEW', chief, M.approve, { at: cst('2025-03-05') }, 'decidedAt'],
    ['a decision in the future', 'UNDER_REVIEW', chief, M.approve, { at: '2999-01-01' }, 'decidedAt'],
    ['more than 36 months without an over-cap approval', 'UNDER_REVIEW', chief, M.approve, { at: DATES.decided, months: 37 }, 'months'],
    ['an over-cap approval without its approver', 'UNDER_REVIEW', chief, M.approve, { at: DATES.decided, months: 40, overCap: { approver: ' ', reason: '重伤' } }, 'overCapApproval.approver'],
    ['a funds request before the decision', 'APPROVED', officer, M.request, { at: cst('2025-03-11') }, 'fundsRequestedAt'],
    ['funds received before they were requested', 'FUNDS_REQUESTED', officer, M.disburse, { received: cst('2025-03-12') }, 'fundsReceivedAt'],
    ['a payment before the funds arrived', 'FUNDS_REQUESTED', officer, M.disburse, { received: DATES.received, at: cst('2025-03-19') }, 'disbursedAt'],
    ['a follow-up without a note', 'DISBURSED', officer, M.followUp, { at: DATES.followUp, note: '' }, 'note'],
  ])('refuses %s (BAD_USER_INPUT) and leaves the record unchanged', async (_, status, who, mutation, args, field) => {
    const a = await walk(status);
    const r = await execute(assistance, who, mutation, { id: a.id, version: a.version, ...args });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.field).toBe(field);
    expect(await RescueApplicationModel.findById(a.id).lean()).toMatchObject({ status, version: a.version });
  });

  it('approves only when no exclusion applies, and records an over-cap approval with approver and reason', async () => {
    const a = await notified();
    const received = ok(await execute(assistance, officer, M.receive, {
      id: a.id, version: 0, input: { number: `渑检救助〔2025〕${++seq}号`, appliedAt: DATES.applied, exclusionChecks: cleared(['MAJOR_FAULT']), months: 12 },
    }));
    expect(received.exclusionChecks).toContainEqual({ exclusion: 'MAJOR_FAULT', applies: true });
    const reviewed = ok(await RESCUE_STEP.UNDER_REVIEW(received));
    const refused = await execute(assistance, chief, M.approve, { id: a.id, version: reviewed.version, at: DATES.decided });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exclusionChecks' });
    expect(refused.errors?.[0].message).toContain('MAJOR_FAULT');

    const fixed = ok(await execute(assistance, officer, M.update, { id: a.id, input: { version: reviewed.version, exclusionChecks: cleared() } }));
    const overCap = { approver: '检察长 李明', reason: '被害人重伤致残,医疗费用巨大' };
    const approved = ok(await execute(assistance, chief, M.approve, { id: a.id, version: fixed.version, at: DATES.decided, months: 40, overCap }));
    expect(approved).toMatchObject({ status: 'APPROVED', months: 40, overCapApproved: true, overCapApproval: overCap });
    expect(approved.amount).toBe(40 * MONTHLY_WAGE);
    const late = await execute(assistance, officer, M.update, { id: a.id, input: { version: approved.version, months: 10 } });
    expect(errorCode(late)).toBe('CONFLICT');
  });

  it('requires all six exclusions checked when the application is received', async () => {
    const a = await notified();
    const r = await execute(assistance, officer, M.receive, {
      id: a.id, version: 0, input: { number: `渑检救助〔2025〕${++seq}号`, appliedAt: DATES.applied, exclusionChecks: cleared().slice(1), months: 12 },
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exclusionChecks' });
    expect(r.errors?.[0].message).toContain('MAJOR_FAULT');
    const before = await walk('APPLIED');
    const dup = await execute(assistance, officer, M.receive, {
      id: a.id, version: 0, input: { number: (await RescueApplicationModel.findById(before.id).lean())!.number, appliedAt: DATES.applied, exclusionChecks: cleared(), months: 12 },
    });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['number'] });
    expect(await RescueApplicationModel.findById(a.id).lean()).toMatchObject({ status: 'NOTIFIED', version: 0, number: null });
  });

  it('keeps one application per case and person, pointing from a direct application to the notified record', async () => {
    const applicantId = newPerson();
    await notified({ applicantId, procuratorateCaseId: 'pc-wf-one' });
    const direct = await execute(assistance, officer, M.create, {
      input: { number: `渑检救助〔2025〕${++seq}号`, applicantId, procuratorateCaseId: 'pc-wf-one', situation: 'VICTIM_SERIOUS_INJURY', exclusionChecks: cleared(), months: 6, appliedAt: DATES.applied },
    });
    expect(direct.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['procuratorateCaseId', 'applicantId'] });
    expect(direct.errors?.[0].message).toContain('receiveRescueApplication');
    const again = await execute(assistance, officer, M.notify, { input: { applicantId, procuratorateCaseId: 'pc-wf-one', situation: 'VICTIM_SERIOUS_INJURY', rightNotifiedAt: DATES.notified } });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await RescueApplicationModel.countDocuments({ applicantId })).toBe(1);
  });

  it('refuses rescue records for an agency that is not a procuratorate', async () => {
    const r = await execute(assistance, identity('411221-MZJ'), M.notify, { input: { applicantId: newPerson(), situation: 'OTHER_APPROVED', rightNotifiedAt: DATES.notified } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });
  });

  it('records the notification of the funds once, only when disbursed, and follows up only after it', async () => {
    const a = await walk('FUNDS_REQUESTED');
    const early = await execute(assistance, officer, M.notifyApplicant, { id: a.id, version: a.version, at: DATES.notifiedFunds });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'FUNDS_REQUESTED', allowed: ['DISBURSED'] });

    const paid = ok(await execute(assistance, officer, M.disburse, { id: a.id, version: a.version, received: DATES.received, at: DATES.disbursed }));
    expect(paid).toMatchObject({ notifiedAt: null, overdue: true, deadlines: [{ rule: 'rescueNotification', overdue: true }] });
    const tooEarly = await RESCUE_STEP.FOLLOW_UP(paid);
    expect(errorCode(tooEarly)).toBe('CONFLICT');
    expect(tooEarly.errors?.[0].message).toContain('notifyRescueApplicant');
    const before = await execute(assistance, officer, M.notifyApplicant, { id: a.id, version: paid.version, at: cst('2025-03-19') });
    expect(before.errors?.[0].extensions?.field).toBe('notifiedAt');
    expect(errorCode(await execute(assistance, identity('411221-SCJ'), M.notifyApplicant, { id: a.id, version: paid.version }))).toBe('FORBIDDEN');

    const told = ok(await execute(assistance, officer, M.notifyApplicant, { id: a.id, version: paid.version, at: DATES.notifiedFunds }));
    expect(told).toMatchObject({ notifiedAt: DATES.notifiedFunds, version: paid.version + 1, deadlines: [], dueAt: null, overdue: false, notificationOverdue: false });
    expect(told.history).toHaveLength((paid.history as unknown[]).length);
    expect((await RescueApplicationModel.findById(a.id).lean())!.nextDueAt).toBeNull();
    const twice = await execute(assistance, officer, M.notifyApplicant, { id: a.id, version: told.version, at: DATES.notifiedFunds });
    expect(errorCode(twice)).toBe('CONFLICT');
    const followed = ok(await RESCUE_STEP.FOLLOW_UP(told));
    expect(followed).toMatchObject({ status: 'FOLLOW_UP', followUpNote: '回访:生活已基本稳定', allowedNextSteps: [] });
  });
});

describe('rescue deadlines (working days, to 24:00 Beijing time)', () => {
  beforeAll(() => {
    delete process.env.HOLIDAYS;
    delete process.env.MAKEUP_WORKDAYS;
    delete process.env.DEADLINE_RULES;
    resetConfig();
    resetDeadlineRules();
  });

  it('gives 10 working days to decide: applied Friday or Saturday 7/8 March 2025, due Friday 21 March 24:00', async () => {
    const friday = await walk('UNDER_REVIEW', { applied: cst('2025-03-07'), review: cst('2025-03-07', '10:00:00') });
    const saturday = await walk('UNDER_REVIEW', { applied: cst('2025-03-08'), review: cst('2025-03-08', '10:00:00') });
    const due = cst('2025-03-21', '23:59:59.999');
    expect(friday).toMatchObject({ decisionDueAt: due, dueAt: due, overdue: true, decisionOverdue: true, deadlines: [{ rule: 'rescueDecision', dueAt: due, overdue: true }] });
    expect(saturday.decisionDueAt).toBe(due);

    const onTime = ok(await RESCUE_STEP.APPROVED(friday, { decided: cst('2025-03-21', '23:59:59') }));
    expect(onTime).toMatchObject({ decisionOverdue: false, overdue: false, deadlines: [], dueAt: null });
    const late = ok(await RESCUE_STEP.REJECTED(saturday, { decided: cst('2025-03-22', '00:00:01') }));
    expect(late).toMatchObject({ decisionOverdue: true, overdue: false, deadlines: [] });
  });

  it('gives 2 working days to notify the applicant: funds received Thursday 6 March, due Monday 10 March 24:00', async () => {
    const dates = { notified: cst('2025-02-20'), applied: cst('2025-02-24'), review: cst('2025-02-24'), decided: cst('2025-02-26'), requested: cst('2025-02-27'), received: cst('2025-03-06'), disbursed: cst('2025-03-06') };
    const a = await walk('FUNDS_REQUESTED', dates);
    const b = await walk('FUNDS_REQUESTED', dates);
    const due = cst('2025-03-10', '23:59:59.999');
    const onTime = ok(await RESCUE_STEP.DISBURSED(a, { ...dates, notifiedFunds: cst('2025-03-10', '23:59:59') }));
    expect(onTime).toMatchObject({ notificationDueAt: due, notificationOverdue: false, deadlines: [] });
    const open = ok(await execute(assistance, officer, M.disburse, { id: b.id, version: b.version, received: dates.received, at: dates.disbursed }));
    expect(open).toMatchObject({ notificationDueAt: due, deadlines: [{ rule: 'rescueNotification', dueAt: due, overdue: true }], dueAt: due, overdue: true });
    const late = ok(await execute(assistance, officer, M.notifyApplicant, { id: b.id, version: open.version, at: cst('2025-03-11', '00:00:01') }));
    expect(late).toMatchObject({ notificationOverdue: true, overdue: false, deadlines: [] });
  });

  it('judges a running clock against now, at the edge of its last day', () => {
    const appliedAt = new Date(cst('2025-03-07')); // Friday
    const due = new Date(cst('2025-03-21', '23:59:59.999'));
    expect(rescueClocks({ appliedAt }, new Date(due.getTime())).decision).toMatchObject({ dueAt: due, overdue: false, running: true });
    expect(rescueClocks({ appliedAt }, new Date(due.getTime() + 1)).decision).toMatchObject({ overdue: true });
    const fundsReceivedAt = new Date(cst('2025-03-07', '17:00:00')); // Friday afternoon: Monday and Tuesday count
    expect(runningClocks({ fundsReceivedAt }, new Date(cst('2025-03-11', '23:59:00')))).toEqual([
      { rule: 'rescueNotification', dueAt: new Date(cst('2025-03-11', '23:59:59.999')), overdue: false, running: true },
    ]);
    expect(runningClocks({ fundsReceivedAt }, new Date(cst('2025-03-12', '00:00:00')))[0].overdue).toBe(true);
  });

  it('filters applications past a running deadline by the stored nextDueAt', async () => {
    const stale = await walk('APPLIED'); // applied in March 2025, never decided
    const fresh = await walk('APPLIED', { notified: new Date(Date.now() - 3600_000).toISOString(), applied: new Date().toISOString() });
    expect(fresh).toMatchObject({ overdue: false, deadlines: [{ rule: 'rescueDecision', overdue: false }] });
    const decided = await walk('APPROVED');
    const LIST = `query($overdue: Boolean) { rescueApplications(filter: { overdue: $overdue }, first: 100) { nodes { id overdue } } }`;
    const overdue = (await execute(assistance, officer, LIST, { overdue: true })).data!.rescueApplications.nodes as { id: string; overdue: boolean }[];
    const onTime = (await execute(assistance, officer, LIST, { overdue: false })).data!.rescueApplications.nodes as { id: string; overdue: boolean }[];
    expect(overdue.map((n) => n.id)).toContain(stale.id);
    expect(overdue.every((n) => n.overdue)).toBe(true);
    expect(onTime.map((n) => n.id)).toEqual(expect.arrayContaining([fresh.id, decided.id]));
    expect(onTime.map((n) => n.id)).not.toContain(stale.id);
    expect(onTime.every((n) => !n.overdue)).toBe(true);
    expect((await RescueApplicationModel.findById(decided.id).lean())!.nextDueAt).toBeNull();
  });
});

describe('support referral workflow (多元化救助)', () => {
  let application: App;
  beforeAll(async () => {
    application = await walk('DISBURSED');
  });

  async function referral(status: string): Promise<App> {
    let r = ok(await execute(assistance, officer, M.refer, { input: { applicationId: application.id, kind: 'EMPLOYMENT', receivingAgencyCode: RSJ, referredAt: cst('2025-03-25') } }));
    if (status === 'ACCEPTED' || status === 'COMPLETED') r = ok(await REFERRAL_STEP.ACCEPTED(r));
    if (status === 'COMPLETED') r = ok(await REFERRAL_STEP.COMPLETED(r));
    if (status === 'DECLINED') r = ok(await REFERRAL_STEP.DECLINED(r));
    expect(r.status).toBe(status);
    return r;
  }

  const REFERRAL_STEP: Record<string, (r: App, who?: ReturnType<typeof identity>) => Promise<Result>> = {
    ACCEPTED: (r, who = rsj) => execute(assistance, who, M.accept, { id: r.id, version: r.version, at: cst('2025-03-26') }),
    DECLINED: (r, who = rsj) => execute(assistance, who, M.decline, { id: r.id, version: r.version, at: cst('2025-03-26'), reason: '不符合公益性岗位条件' }),
    COMPLETED: (r, who = rsj) => execute(assistance, who, M.complete, { id: r.id, version: r.version, at: cst('2025-04-10'), outcome: '安置到县产业园就业' }),
  };

  it('is referred by the handling agency of the application, with its history', async () => {
    const r = await referral('REFERRED');
    expect(r).toMatchObject({ version: 0, referringAgency: { code: JCY }, receivingAgency: { code: RSJ }, allowedNextSteps: ['ACCEPTED', 'DECLINED'] });
    expect(r.history).toEqual([{ actor: 'jcy-clerk', agency: JCY, from: null, to: 'REFERRED', note: null }]);
    const byReceiver = await execute(assistance, rsj, M.refer, { input: { applicationId: application.id, kind: 'EMPLOYMENT', receivingAgencyCode: RSJ, referredAt: cst('2025-03-25') } });
    expect(errorCode(byReceiver)).toBe('FORBIDDEN');
    const beforeApplied = await execute(assistance, officer, M.refer, { input: { applicationId: application.id, kind: 'MEDICAL', receivingAgencyCode: '411221-WJW', referredAt: cst('2025-03-01') } });
    expect(beforeApplied.errors?.[0].extensions?.field).toBe('referredAt');
  });

  it.each(transitions(REFERRAL_MACHINE))('allows %s → %s by the receiving agency', async (from, to) => {
    const before = await referral(from);
    const after = ok(await REFERRAL_STEP[to](before));
    expect(after).toMatchObject({ status: to, version: before.version + 1, allowedNextSteps: Object.keys(REFERRAL_MACHINE[to]) });
    expect((after.history as unknown[]).at(-1)).toMatchObject({ from, to, agency: RSJ, actor: 'rsj-clerk' });
    expect(after.history).toHaveLength((before.history as unknown[]).length + 1);
  });

  const refused = (Object.keys(REFERRAL_MACHINE) as (keyof typeof REFERRAL_MACHINE)[]).flatMap((from) =>
    Object.keys(REFERRAL_STEP).filter((to) => !(to in REFERRAL_MACHINE[from])).map((to) => [from, to]),
  );
  it.each(refused)('refuses %s → %s (CONFLICT naming the allowed next steps)', async (from, to) => {
    const r = await referral(from);
    const res = await REFERRAL_STEP[to](r);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0].extensions?.allowed).toEqual(Object.keys(REFERRAL_MACHINE[from as keyof typeof REFERRAL_MACHINE]));
    expect(await SupportReferralModel.findById(r.id).lean()).toMatchObject({ status: from, version: r.version });
  });

  it('refuses steps by the referring agency, another agency and a viewer (FORBIDDEN)', async () => {
    const r = await referral('REFERRED');
    for (const who of [officer, chief, identity('411221-MZJ'), identity(RSJ, ['viewer'])]) {
      expect(errorCode(await REFERRAL_STEP.ACCEPTED(r, who))).toBe('FORBIDDEN');
    }
    expect(await SupportReferralModel.findById(r.id).lean()).toMatchObject({ status: 'REFERRED', version: 0 });
  });

  it('requires a reason to decline and an outcome to complete', async () => {
    const r = await referral('REFERRED');
    const noReason = await execute(assistance, rsj, M.decline, { id: r.id, version: 0, reason: ' ' });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const accepted = ok(await REFERRAL_STEP.ACCEPTED(r));
    const noOutcome = await execute(assistance, rsj, M.complete, { id: r.id, version: accepted.version, outcome: '' });
    expect(noOutcome.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    const early = await execute(assistance, rsj, M.complete, { id: r.id, version: accepted.version, outcome: '已就业', at: cst('2025-03-25') });
    expect(early.errors?.[0].extensions?.field).toBe('completedAt');
    const done = ok(await REFERRAL_STEP.COMPLETED(accepted));
    expect(done).toMatchObject({ outcome: '安置到县产业园就业', completedAt: cst('2025-04-10') });
  });

  it('lets exactly one of two concurrent moves with the same version win', async () => {
    const r = await referral('REFERRED');
    const settled = await Promise.allSettled([REFERRAL_STEP.ACCEPTED(r), REFERRAL_STEP.DECLINED(r, identity(RSJ, ['officer'], 'rsj-other'))]);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : { errors: [{ message: String(s.reason) }] }) as Result);
    expect(results.filter((x) => !x.errors)).toHaveLength(1);
    expect(results.filter((x) => errorCode(x) === 'CONFLICT')).toHaveLength(1);
    expect((await SupportReferralModel.findById(r.id).lean())!.version).toBe(1);
  });
});

import type { Identity } from '../../lib/identity';
import { nextSteps } from '../../lib/workflow';
import type { TransferStatus } from '../../subgraphs/enforcement/__generated__/resolvers-types';
import { mainClock, runningClocks, transferClocks, type TransferTimes } from '../../subgraphs/enforcement/deadlines';
import { CriminalTransferModel, EnforcementCaseModel, TRANSFER_STATUSES } from '../../subgraphs/enforcement/models';
import { enforcement } from '../../subgraphs/enforcement/server';
import { TRANSFER_MACHINE } from '../../subgraphs/enforcement/workflow';
import { useDatabase } from '../helpers/db';
import { validCreditCode } from '../helpers/fixtures';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

useDatabase();

const SCJ = '411221-SCJ';
const GAJ = '411221-GAJ';
const JCY = '411221-JCY';
const officer = identity(SCJ, ['officer'], 'scj-officer');
const head = identity(SCJ, ['supervisor'], 'scj-head');
const police = identity(GAJ, ['officer'], 'gaj-officer');
const procurator = identity(JCY, ['officer'], 'jcy-officer');

const FIELDS = `id status version reason explanation history { from to agency actor note } allowedNextSteps
  deadlines { rule dueAt overdue } dueAt overdue reportedAt approvedAt refusedAt sentAt receiptedAt reviewStartedAt
  notFiledAt reconsiderationRequestedAt reconsiderationDecidedAt supervisionStartedAt explainedAt orderedAt filedAt
  supervisionClosedAt supervisionClosedReason
  exhibitsHandedOverAt procuratorateCopy { code } enforcementCase { id status version }`;

type StepName = keyof typeof STEPS;
/** Each step: its mutation, who takes it, its required arguments, and the status it leads to (acts keep it). */
const STEPS = {
  approve: { mutation: 'approveTransfer', who: head, args: {}, to: 'APPROVED' },
  refuse: { mutation: 'refuseTransfer', who: head, args: { reason: '情节轻微，未达追诉标准' }, to: 'REFUSED' },
  send: { mutation: 'sendTransfer', who: officer, args: {}, to: 'SENT' },
  receipt: { mutation: 'receiptTransfer', who: police, args: {}, to: 'RECEIPTED' },
  review: { mutation: 'startPoliceReview', who: police, args: {}, to: 'POLICE_REVIEW' },
  file: { mutation: 'fileTransfer', who: police, args: {}, to: 'FILED' },
  decline: { mutation: 'declineFiling', who: police, args: { reason: '证据不足' }, to: 'NOT_FILED' },
  reconsider: { mutation: 'requestReconsideration', who: officer, args: {}, to: 'RECONSIDERATION' },
  supervise: { mutation: 'superviseTransfer', who: procurator, args: {}, to: 'PROCURATORATE_SUPERVISION' },
  explain: { mutation: 'explainNonFiling', who: police, args: { explanation: '现有证据不足以证明犯罪事实' }, to: null },
  order: { mutation: 'orderFiling', who: procurator, args: {}, to: null },
  handOver: { mutation: 'handOverExhibits', who: officer, args: {}, to: null },
  close: { mutation: 'closeSupervision', who: procurator, args: { reason: '不立案理由成立' }, to: 'SUPERVISION_CLOSED' },
} as const satisfies Record<string, { mutation: string; who: Identity; args: Record<string, unknown>; to: TransferStatus | null }>;

const REVIEWED: StepName[] = ['approve', 'send', 'receipt', 'review'];
/** How to bring a new transfer to each status (and to NOT_FILED after a reconsideration, to supervision explained or ordered). */
const ROUTES: Record<TransferStatus | 'NOT_FILED_AGAIN' | 'EXPLAINED' | 'ORDERED', StepName[]> = {
  REPORTED: [],
  APPROVED: ['approve'],
  REFUSED: ['refuse'],
  SENT: ['approve', 'send'],
  RECEIPTED: ['approve', 'send', 'receipt'],
  POLICE_REVIEW: REVIEWED,
  FILED: [...REVIEWED, 'file'],
  NOT_FILED: [...REVIEWED, 'decline'],
  NOT_FILED_AGAIN: [...REVIEWED, 'decline', 'reconsider', 'decline'],
  RECONSIDERATION: [...REVIEWED, 'decline', 'reconsider'],
  PROCURATORATE_SUPERVISION: [...REVIEWED, 'decline', 'supervise'],
  EXPLAINED: [...REVIEWED, 'decline', 'supervise', 'explain'],
  ORDERED: [...REVIEWED, 'decline', 'supervise', 'explain', 'order'],
  SUPERVISION_CLOSED: [...REVIEWED, 'decline', 'supervise', 'explain', 'close'],
};
/** The status a route key stands for. */
const statusOf = (key: keyof typeof ROUTES): TransferStatus =>
  key === 'NOT_FILED_AGAIN' ? 'NOT_FILED' : key === 'EXPLAINED' || key === 'ORDERED' ? 'PROCURATORATE_SUPERVISION' : key;

type Transfer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL result

let seq = 0;
/** A new enforcement case of `agency` and its transfer reported on `reportedAt` (REPORTED). */
async function report(reportedAt = '2025-03-10', agency = SCJ): Promise<Transfer> {
  seq += 1;
  const who = identity(agency);
  const c = await execute(enforcement, who, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`, {
    input: { caseNumber: `渑罚〔2025〕${seq}号`, field: 'MARKET', creditCode: validCreditCode(seq), facts: '销售假冒注册商标的商品', filedAt: '2025-03-01' },
  });
  expect(c.errors).toBeUndefined();
  const t = await execute(enforcement, who, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { ${FIELDS} } }`, {
    input: { enforcementCaseId: c.data!.createEnforcementCase.id, policeAgencyCode: GAJ, suspectedCharge: '销售假冒注册商标的商品罪', reportedAt },
  });
  expect(t.errors).toBeUndefined();
  return t.data!.reportCriminalTransfer;
}

/** Runs step `name` on `t` as its usual taker (or `who`), with its arguments overridden by `args`. */
async function step(name: StepName, t: Transfer, who: Identity = STEPS[name].who, args: Record<string, unknown> = {}, version = t.version): Promise<Result> {
  const all = { id: t.id, version, ...STEPS[name].args, ...args };
  const list = Object.entries(all).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
  const r = await execute(enforcement, who, `mutation { ${STEPS[name].mutation}(${list}) { ${FIELDS} } }`);
  return r;
}

/** Runs a step that must succeed; returns the transfer after it. */
async function ok(name: StepName, t: Transfer, who?: Identity, args?: Record<string, unknown>): Promise<Transfer> {
  const r = await step(name, t, who, args);
  expect(r.errors).toBeUndefined();
  return r.data![STEPS[name].mutation];
}

/** A new transfer brought to `status` along its route. */
async function bring(status: keyof typeof ROUTES, ...extra: StepName[]): Promise<Transfer> {
  let t = await report();
  for (const name of [...ROUTES[status], ...extra]) t = await ok(name, t);
  return t;
}

const shared = new Map<string, Promise<Transfer>>();
/** A transfer in `status` shared by tests that must change nothing (refusals): a wrong change fails them all. */
function existing(status: keyof typeof ROUTES): Promise<Transfer> {
  if (!shared.has(status)) shared.set(status, bring(status));
  return shared.get(status)!;
}

const stored = (id: string) => CriminalTransferModel.findById(id).lean();

describe('criminal transfer workflow (行刑衔接)', () => {
  it('creates a transfer in REPORTED with its history, approval clock and root field', async () => {
    const t = await report('2025-03-10');
    expect(t).toMatchObject({ status: 'REPORTED', version: 0, allowedNextSteps: ['APPROVED', 'REFUSED'], overdue: true, procuratorateCopy: null });
    expect(t.history).toEqual([{ from: null, to: 'REPORTED', agency: SCJ, actor: 'user-411221-SCJ', note: null }]);
    // 3 days from Monday 10 March 2025 (08:00 Beijing): the end of Thursday 13 March, Beijing time.
    expect(t.deadlines).toEqual([{ rule: 'transferApproval', dueAt: '2025-03-13T15:59:59.999Z', overdue: true }]);
    expect(t.dueAt).toBe('2025-03-13T15:59:59.999Z');
    expect((await stored(t.id))!.nextDueAt!.toISOString()).toBe(t.dueAt);
    const r = await execute(enforcement, officer, `query($id: ID!) { criminalTransfer(id: $id) { id status history { to } } }`, { id: t.id });
    expect(r.data!.criminalTransfer).toEqual({ id: t.id, status: 'REPORTED', history: [{ to: 'REPORTED' }] });
  });

  it('refuses a report to an agency that is not the police', async () => {
    const c = await execute(enforcement, officer, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`, {
      input: { caseNumber: '渑罚〔2025〕非公安', field: 'MARKET', creditCode: validCreditCode(900), facts: '无照经营', filedAt: '2025-03-01' },
    });
    const r = await execute(enforcement, officer, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { id } }`, {
      input: { enforcementCaseId: c.data!.createEnforcementCase.id, policeAgencyCode: '411221-HBJ', suspectedCharge: '污染环境罪', reportedAt: '2025-03-10' },
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policeAgencyCode' });
  });

  // [from, step, to]: every move of the machine, by the agency and role it names.
  const MOVES: [keyof typeof ROUTES, StepName, TransferStatus, string][] = [
    ['REPORTED', 'approve', 'APPROVED', SCJ],
    ['REPORTED', 'refuse', 'REFUSED', SCJ],
    ['APPROVED', 'send', 'SENT', SCJ],
    ['SENT', 'receipt', 'RECEIPTED', GAJ],
    ['RECEIPTED', 'review', 'POLICE_REVIEW', GAJ],
    ['POLICE_REVIEW', 'file', 'FILED', GAJ],
    ['POLICE_REVIEW', 'decline', 'NOT_FILED', GAJ],
    ['NOT_FILED', 'reconsider', 'RECONSIDERATION', SCJ],
    ['NOT_FILED', 'supervise', 'PROCURATORATE_SUPERVISION', JCY],
    ['NOT_FILED_AGAIN', 'supervise', 'PROCURATORATE_SUPERVISION', JCY],
    ['RECONSIDERATION', 'file', 'FILED', GAJ],
    ['RECONSIDERATION', 'decline', 'NOT_FILED', GAJ],
    ['RECONSIDERATION', 'supervise', 'PROCURATORATE_SUPERVISION', JCY],
    ['PROCURATORATE_SUPERVISION', 'file', 'FILED', GAJ],
    ['EXPLAINED', 'close', 'SUPERVISION_CLOSED', JCY],
  ];

  it('has a test move for every step of the machine', () => {
    const tested = new Set(MOVES.map(([from, , to]) => `${statusOf(from)}→${to}`));
    const machine = TRANSFER_STATUSES.flatMap((s) => nextSteps(TRANSFER_MACHINE, s).map((to) => `${s}→${to}`));
    expect([...tested].sort()).toEqual(machine.sort());
  });

  it.each(MOVES)('moves %s by %s to %s (by %s), growing the history and storing the due date', async (from, name, to, agency) => {
    const before = await bring(from);
    const after = await ok(name, before);
    expect(after.status).toBe(to);
    expect(after.version).toBe(before.version + 1);
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({ from: before.status, to, agency, actor: STEPS[name].who.userId });
    expect(after.history.slice(0, -1)).toEqual(before.history);
    expect((await stored(after.id))!.nextDueAt?.toISOString() ?? null).toBe(after.dueAt);
  });

  // Steps that keep the status: [in, step, date field].
  const ACTS: [keyof typeof ROUTES, StepName, string, string][] = [
    ['PROCURATORATE_SUPERVISION', 'explain', 'explainedAt', GAJ],
    ['PROCURATORATE_SUPERVISION', 'order', 'orderedAt', JCY],
    ['FILED', 'handOver', 'exhibitsHandedOverAt', SCJ],
  ];

  it.each(ACTS)('in %s takes %s (recording %s, by %s) keeping the status', async (status, name, field, agency) => {
    const before = await bring(status);
    const after = await ok(name, before);
    expect(after.status).toBe(before.status);
    expect(after[field]).toEqual(expect.any(String));
    expect(after.version).toBe(before.version + 1);
    expect(after.history.at(-1)).toMatchObject({ from: status, to: status, agency });
    const again = await step(name, after);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  // [from, step, the allowed next steps named in the refusal].
  const REFUSED_MOVES: [keyof typeof ROUTES, StepName, string[]][] = [
    ['REPORTED', 'send', ['APPROVED', 'REFUSED']],
    ['APPROVED', 'approve', ['SENT']],
    ['REFUSED', 'approve', []],
    ['SENT', 'review', ['RECEIPTED']],
    ['RECEIPTED', 'file', ['POLICE_REVIEW']],
    ['POLICE_REVIEW', 'reconsider', ['FILED', 'NOT_FILED']],
    ['POLICE_REVIEW', 'supervise', ['FILED', 'NOT_FILED']],
    ['NOT_FILED', 'file', ['RECONSIDERATION', 'PROCURATORATE_SUPERVISION']],
    ['NOT_FILED', 'handOver', ['RECONSIDERATION', 'PROCURATORATE_SUPERVISION']],
    ['NOT_FILED_AGAIN', 'reconsider', ['PROCURATORATE_SUPERVISION']],
    ['RECONSIDERATION', 'reconsider', ['FILED', 'NOT_FILED', 'PROCURATORATE_SUPERVISION']],
    ['PROCURATORATE_SUPERVISION', 'decline', ['FILED']],
    // 不立案理由成立 only on the police's explained reason, never after an order to file; then final.
    ['PROCURATORATE_SUPERVISION', 'close', ['FILED']],
    ['ORDERED', 'close', ['FILED']],
    ['NOT_FILED', 'close', ['RECONSIDERATION', 'PROCURATORATE_SUPERVISION']],
    ['SUPERVISION_CLOSED', 'file', []],
    ['SUPERVISION_CLOSED', 'order', []],
    ['SUPERVISION_CLOSED', 'close', []],
    ['FILED', 'decline', []],
    ['FILED', 'order', []],
  ];

  it.each(REFUSED_MOVES)('refuses %s → %s with CONFLICT naming the allowed steps %j, changing nothing', async (from, name, allowed) => {
    const before = await existing(from);
    const r = await step(name, before);
    expect(errorCode(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions!.allowed).toEqual(allowed);
    const after = await stored(before.id);
    expect(after).toMatchObject({ status: before.status, version: before.version });
    expect(after!.history).toHaveLength(before.history.length);
  });

  // The police and the procuratorate take part in every transfer but may read it only once it is sent: before
  // that their steps are refused as if the transfer were not there, revealing no status.
  it.each([['REPORTED', 'file'], ['REPORTED', 'order']] as [keyof typeof ROUTES, StepName][])('refuses %s → %s to a party not yet involved with FORBIDDEN, revealing nothing', async (from, name) => {
    const before = await existing(from);
    const r = await step(name, before);
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(r.errors![0].message).not.toContain(from);
    expect(r.errors![0].extensions!.allowed).toBeUndefined();
    expect(await stored(before.id)).toMatchObject({ status: before.status, version: before.version });
  });

  it.each([
    ['the police approving a report', 'REPORTED', 'approve', police],
    ['an agency outside the transfer approving it', 'REPORTED', 'approve', identity('411221-HBJ', ['supervisor'])],
    ['the agency signing the police receipt', 'SENT', 'receipt', head],
    ['the procuratorate filing the case', 'PROCURATORATE_SUPERVISION', 'file', procurator],
    ['the police ordering filing', 'PROCURATORATE_SUPERVISION', 'order', police],
    ['the police closing the supervision', 'EXPLAINED', 'close', police],
    ['the agency closing the supervision', 'EXPLAINED', 'close', officer],
    ['the procuratorate handing exhibits over', 'FILED', 'handOver', procurator],
    ['an officer (not the head) approving', 'REPORTED', 'approve', officer],
    ['a viewer of the agency sending', 'APPROVED', 'send', identity(SCJ, ['viewer'])],
    ['a viewer of the police receipting', 'SENT', 'receipt', identity(GAJ, ['viewer'])],
  ] as const)('refuses %s with FORBIDDEN, changing nothing', async (_, from, name, who) => {
    const before = await existing(from);
    const r = await step(name, before, who);
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect(await stored(before.id)).toMatchObject({ status: before.status, version: before.version });
  });

  it('lets exactly one of two concurrent sends with the same version win, marking the case TRANSFERRED once', async () => {
    const t = await bring('APPROVED');
    expect(t.enforcementCase.status).toBe('INVESTIGATING');
    const caseVersion = t.enforcementCase.version;
    const results = await Promise.allSettled([step('send', t), step('send', t)]);
    const answers = results.map((r) => (r.status === 'fulfilled' ? r.value : { errors: [{ message: String(r.reason), extensions: {} }] }));
    const won = answers.filter((r) => !r.errors);
    const lost = answers.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map(errorCode)).toEqual(['CONFLICT']);
    const sent = won[0].data!.sendTransfer;
    expect(sent).toMatchObject({ status: 'SENT', version: t.version + 1, procuratorateCopy: { code: JCY } });
    expect(sent.enforcementCase).toMatchObject({ status: 'TRANSFERRED', version: caseVersion + 1 });
    const doc = await stored(t.id);
    expect(doc!.history.filter((h) => h.to === 'SENT')).toHaveLength(1);
    expect(doc!.procuratorateCopyCode).toBe(JCY);
    // A retry with the stale version is refused and repairs nothing twice.
    expect(errorCode(await step('send', t))).toBe('CONFLICT');
    expect(await EnforcementCaseModel.findById(t.enforcementCase.id).lean()).toMatchObject({ status: 'TRANSFERRED', version: caseVersion + 1 });
  });

  it('lets exactly one of two concurrent orders to file win (a step that keeps the status)', async () => {
    const t = await bring('PROCURATORATE_SUPERVISION');
    const results = await Promise.allSettled([step('order', t), step('order', t)]);
    const answers = results.map((r) => (r.status === 'fulfilled' ? r.value : { errors: [{ message: String(r.reason), extensions: {} }] }));
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    expect(answers.filter((r) => r.errors).map(errorCode)).toEqual(['CONFLICT']);
    const doc = await stored(t.id);
    expect(doc).toMatchObject({ version: t.version + 1 });
    expect(doc!.history).toHaveLength(t.history.length + 1);
  });

  it('repairs the case status when a send is retried after the case update was lost', async () => {
    const t = await bring('SENT');
    await EnforcementCaseModel.updateOne({ _id: t.enforcementCase.id }, { $set: { status: 'DECIDED' } });
    expect(errorCode(await step('send', t, officer, {}, t.version - 1))).toBe('CONFLICT');
    expect(await EnforcementCaseModel.findById(t.enforcementCase.id).lean()).toMatchObject({ status: 'TRANSFERRED' });
  });

  it.each([
    ['refuse', 'REPORTED', { reason: '   ' }, 'reason'],
    ['decline', 'POLICE_REVIEW', { reason: '' }, 'reason'],
    ['decline', 'RECONSIDERATION', { reason: ' ' }, 'reason'],
    ['explain', 'PROCURATORATE_SUPERVISION', { explanation: '' }, 'explanation'],
    ['close', 'EXPLAINED', { reason: '  ' }, 'reason'],
  ] as const)('requires a reason: %s in %s with %j is BAD_USER_INPUT on %s', async (name, from, args, field) => {
    const before = await existing(from);
    const r = await step(name, before, undefined, args);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await stored(before.id)).toMatchObject({ status: before.status, version: before.version });
  });

  it('keeps the reasons: refusal, non-filing, the reconsidered non-filing and the explanation', async () => {
    const refused = await ok('refuse', await report(), head, { reason: '情节显著轻微' });
    expect(refused).toMatchObject({ reason: '情节显著轻微', refusedAt: expect.any(String), allowedNextSteps: [], deadlines: [], dueAt: null, overdue: false });
    expect(refused.history.at(-1).note).toBe('情节显著轻微');
    let t = await bring('RECONSIDERATION');
    t = await ok('decline', t, police, { reason: '复议维持不予立案' });
    expect(t).toMatchObject({ status: 'NOT_FILED', reason: '复议维持不予立案', reconsiderationDecidedAt: expect.any(String), allowedNextSteps: ['PROCURATORATE_SUPERVISION'] });
    t = await ok('supervise', t);
    t = await ok('explain', t, police, { explanation: '证据不足' });
    expect(t).toMatchObject({ explanation: '证据不足', status: 'PROCURATORATE_SUPERVISION' });
  });

  it('closes a supervision on the explained reason (不立案理由成立): final, the reason kept, no clock', async () => {
    const supervised = await bring('PROCURATORATE_SUPERVISION');
    expect(supervised.allowedNextSteps).toEqual(['FILED']);
    const unexplained = await step('close', supervised);
    expect(unexplained.errors![0].message).toContain('not yet explained');
    const explained = await ok('explain', supervised);
    expect(explained.allowedNextSteps).toEqual(['FILED', 'SUPERVISION_CLOSED']);
    const early = await step('close', explained, procurator, { closedAt: supervised.supervisionStartedAt });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedAt' });
    const closed = await ok('close', explained, procurator, { reason: '经审查，公安机关不立案理由成立' });
    expect(closed).toMatchObject({
      status: 'SUPERVISION_CLOSED', supervisionClosedReason: '经审查，公安机关不立案理由成立', supervisionClosedAt: expect.any(String),
      explanation: STEPS.explain.args.explanation, allowedNextSteps: [], deadlines: [], dueAt: null, overdue: false,
    });
    expect(closed.history.at(-1)).toMatchObject({ from: 'PROCURATORATE_SUPERVISION', to: 'SUPERVISION_CLOSED', agency: JCY, note: '经审查，公安机关不立案理由成立' });
    expect((await stored(closed.id))!.nextDueAt).toBeNull();
    const ordered = await bring('ORDERED');
    expect(ordered.allowedNextSteps).toEqual(['FILED']);
    expect((await step('close', ordered)).errors![0].message).toContain('ordered');
  });

  it('refuses step dates in the future or before the previous step', async () => {
    const t = await report('2025-03-10');
    const future = await step('approve', t, head, { approvedAt: '2999-01-01' });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedAt' });
    const early = await step('approve', t, head, { approvedAt: '2025-03-09' });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedAt' });
    const approved = await ok('approve', t, head, { approvedAt: '2025-03-12T02:00:00Z' });
    expect(approved.approvedAt).toBe('2025-03-12T02:00:00.000Z');
    const sendEarly = await step('send', approved, officer, { sentAt: '2025-03-11' });
    expect(sendEarly.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sentAt' });
  });

  it('shows the running clock and filters overdue transfers with the stored due date', async () => {
    const old = await report(new Date(Date.now() - 10 * 86_400_000).toISOString(), '411221-ZRJ');
    const fresh = await report(new Date(Date.now() - 3_600_000).toISOString(), '411221-ZRJ');
    expect(old).toMatchObject({ overdue: true, deadlines: [{ rule: 'transferApproval', overdue: true }] });
    expect(fresh).toMatchObject({ overdue: false, deadlines: [{ rule: 'transferApproval', overdue: false }] });
    const list = async (overdue: boolean) => {
      // As the owner: another agency sees none of ZRJ's unsent transfers (policies.ts).
      const r = await execute(enforcement, identity('411221-ZRJ'), `query($o: Boolean) { criminalTransfers(filter: { agencyCode: "411221-ZRJ", overdue: $o }) { totalCount nodes { id } } }`, { o: overdue });
      expect(r.errors).toBeUndefined();
      return r.data!.criminalTransfers.nodes.map((n: { id: string }) => n.id);
    };
    expect(await list(true)).toEqual([old.id]);
    expect(await list(false)).toEqual([fresh.id]);
    // Approved at once: the 24-hour send clock runs from the approval, and the old transfer is no longer overdue.
    const approved = await ok('approve', old, identity('411221-ZRJ', ['supervisor']));
    expect(approved).toMatchObject({ overdue: false, deadlines: [{ rule: 'transferSend', overdue: false }] });
    expect(new Date(approved.dueAt).getTime() - new Date(approved.approvedAt).getTime()).toBe(24 * 3_600_000);
    expect((await list(true))).toEqual([]);
  });

  it('shows the exhibit handover clock while FILED and drops it once the exhibits are handed over', async () => {
    const filed = await bring('FILED');
    expect(filed.deadlines).toEqual([{ rule: 'exhibitHandover', dueAt: filed.dueAt, overdue: false }]);
    const handed = await ok('handOver', filed);
    expect(handed).toMatchObject({ deadlines: [], dueAt: null, overdue: false, allowedNextSteps: [] });
    expect((await stored(handed.id))!.nextDueAt).toBeNull();
  });

  it('runs the explanation clock under supervision, then the filing clock once filing is ordered', async () => {
    const supervised = await bring('PROCURATORATE_SUPERVISION');
    expect(supervised.deadlines.map((d: { rule: string }) => d.rule)).toEqual(['policeExplanation']);
    const ordered = await ok('order', supervised);
    expect(ordered.deadlines.map((d: { rule: string }) => d.rule)).toEqual(['fileAfterOrder']);
    expect((await stored(ordered.id))!.nextDueAt!.toISOString()).toBe(ordered.dueAt);
    const filed = await ok('file', ordered);
    expect(filed.deadlines.map((d: { rule: string }) => d.rule)).toEqual(['exhibitHandover']);
  });
});

describe('criminal transfer clocks at their edges', () => {
  // Beijing-time instants, as clerks date them.
  const cst = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
  const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);
  const at = (t: TransferTimes, now: Date) => ({ running: runningClocks(t, now).map((c) => c.rule), main: mainClock(t, now) });

  it.each<[string, TransferTimes, string, Date]>([
    ['transferApproval (3 days from the report)', { status: 'REPORTED', reportedAt: cst('2025-03-03') }, 'transferApproval', endOf('2025-03-06')],
    ['transferApproval ending on a Saturday (rolls to Monday)', { status: 'REPORTED', reportedAt: cst('2025-03-05') }, 'transferApproval', endOf('2025-03-10')],
    ['transferSend (24 hours from the approval)', { status: 'APPROVED', reportedAt: cst('2025-03-03'), approvedAt: cst('2025-03-07', '16:30') }, 'transferSend', cst('2025-03-08', '16:30')],
    ['policeReview (3 days from the receipt)', { status: 'RECEIPTED', reportedAt: cst('2025-03-03'), receiptedAt: cst('2025-03-04') }, 'policeReview', endOf('2025-03-07')],
    ['policeReview, still counted from the receipt under review', { status: 'POLICE_REVIEW', reportedAt: cst('2025-03-03'), receiptedAt: cst('2025-03-04'), reviewStartedAt: cst('2025-03-06') }, 'policeReview', endOf('2025-03-07')],
    ['reconsiderationDecision (3 days from the request)', { status: 'RECONSIDERATION', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10'), reconsiderationRequestedAt: cst('2025-03-11') }, 'reconsiderationDecision', endOf('2025-03-14')],
    ['policeExplanation (7 days from the supervision)', { status: 'PROCURATORATE_SUPERVISION', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10'), supervisionStartedAt: cst('2025-03-12') }, 'policeExplanation', endOf('2025-03-19')],
    ['fileAfterOrder (15 days from the order)', { status: 'PROCURATORATE_SUPERVISION', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10'), supervisionStartedAt: cst('2025-03-12'), explainedAt: cst('2025-03-14'), orderedAt: cst('2025-03-17') }, 'fileAfterOrder', endOf('2025-04-01')],
    ['exhibitHandover (3 days from the filing)', { status: 'FILED', reportedAt: cst('2025-03-03'), filedAt: cst('2025-03-10') }, 'exhibitHandover', endOf('2025-03-13')],
  ])('%s: due at the edge, overdue just after it', (_, t, rule, due) => {
    const onTime = at(t, due);
    expect(onTime.running).toEqual([rule]);
    expect(onTime.main).toMatchObject({ rule, dueAt: due, overdue: false });
    expect(at(t, new Date(due.getTime() + 1)).main).toMatchObject({ rule, dueAt: due, overdue: true });
  });

  it('shows the reconsideration window after a non-filing as a deadline, not as an overdue duty', () => {
    const t: TransferTimes = { status: 'NOT_FILED', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10') };
    const [window] = runningClocks(t, endOf('2025-03-13'));
    expect(window).toMatchObject({ rule: 'reconsiderationRequest', dueAt: endOf('2025-03-13'), overdue: false, duty: false });
    expect(runningClocks(t, new Date(endOf('2025-03-13').getTime() + 1))[0].overdue).toBe(true);
    expect(mainClock(t, cst('2025-04-01'))).toBeNull();
  });

  it('judges stopped clocks at their stop and runs none in SENT, REFUSED, handed-over FILED, a reconsidered NOT_FILED or SUPERVISION_CLOSED', () => {
    const late: TransferTimes = { status: 'SENT', reportedAt: cst('2025-03-03'), approvedAt: cst('2025-03-10'), sentAt: cst('2025-03-12') };
    const clocks = transferClocks(late, cst('2026-01-01'));
    expect(clocks.map((c) => [c.rule, c.overdue, c.running])).toEqual([['transferApproval', true, false], ['transferSend', true, false]]);
    expect(runningClocks(late)).toEqual([]);
    expect(runningClocks({ status: 'REFUSED', reportedAt: cst('2025-03-03'), refusedAt: cst('2025-03-04') })).toEqual([]);
    expect(runningClocks({ status: 'SUPERVISION_CLOSED', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10'), supervisionStartedAt: cst('2025-03-12'), explainedAt: cst('2025-03-14'), supervisionClosedAt: cst('2025-03-20') }, cst('2026-01-01'))).toEqual([]);
    expect(runningClocks({ status: 'FILED', reportedAt: cst('2025-03-03'), filedAt: cst('2025-03-10'), exhibitsHandedOverAt: cst('2025-03-11') })).toEqual([]);
    expect(runningClocks({ status: 'NOT_FILED', reportedAt: cst('2025-03-03'), notFiledAt: cst('2025-03-10'), reconsiderationRequestedAt: cst('2025-03-11'), reconsiderationDecidedAt: cst('2025-03-12') })).toEqual([]);
  });
});

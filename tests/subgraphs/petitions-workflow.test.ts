import type { Identity } from '../../lib/identity';
import { HotlineTicketModel, PetitionModel } from '../../subgraphs/petitions/models';
import { petitionClocks, petitionDerived, ticketClocks, ticketDerived, type PetitionTimes } from '../../subgraphs/petitions/deadlines';
import { petitions } from '../../subgraphs/petitions/server';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

useDatabase();

// Beijing-time instants: clerks think in China dates. Tests run with no configured holidays (weekends only).
const cst = (date: string, time = '09:00') => `${date}T${time}:00+08:00`;
const at = (date: string, time = '09:00') => new Date(cst(date, time));
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
const ms = (iso: string, delta: number) => new Date(new Date(iso).getTime() + delta);

const XFJ = identity('411221-XFJ'); // 信访局
const RSJ = identity('411221-RSJ'); // the handling agency of the petitions below
const ZFB = identity('411221-ZFB'); // 县政府办, the reviewing agency
const HBJ = identity('411221-HBJ'); // an agency outside the petitions; the receiving agency of the tickets
const RX = identity('411221-RX12345'); // 12345 centre
const JCY = identity('411221-JCY'); // 12309 centre

const PF = `id status version history { from to agency note } allowedNextSteps deadlines { rule dueAt overdue } dueAt overdue
  acceptanceDueAt handlingDueAt extensionDays extensionReason hearings { from to } hearingHeld proceduralRepliedAt
  reviewDecidedAt closedAt petitionerAccepted answeredAt`;
const TF = `id status version history { from to agency note } allowedNextSteps deadlines { rule dueAt overdue } dueAt overdue
  dispatchedTo { code } dispatchedAt returnDueAt handlingDueAt extensionDays returns { agency { code } reason returnedAt } rating feedbackAt`;

/** Runs the mutation `name(args)` as `who`, selecting `fields`. */
function run(name: string, who: Identity, args: Record<string, unknown>, fields: string): Promise<Result> {
  const list = Object.entries(args).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
  return execute(petitions, who, `mutation { ${name}(${list}) { ${fields} } }`);
}

// ---------------------------------------------------------------- petitions

type PetitionState = 'RECEIVED' | 'ACCEPTED' | 'NOT_ACCEPTED' | 'HANDLING' | 'ANSWERED' | 'REVIEW' | 'REVIEW_DECIDED' | 'RE_REVIEW' | 'FINAL';

/** The walk of the petition machine: the step reaching each state from the one before it. */
const PETITION_PATH: [PetitionState, string, Identity | 'handler', Record<string, unknown>][] = [
  ['ACCEPTED', 'acceptPetition', XFJ, { acceptedAt: cst('2025-03-05') }],
  ['HANDLING', 'startPetitionHandling', 'handler', { startedAt: cst('2025-03-06') }],
  ['ANSWERED', 'answerPetition', 'handler', { answer: '已协调用人单位支付', answeredAt: cst('2025-04-01') }],
  ['REVIEW', 'applyPetitionReview', XFJ, { appliedAt: cst('2025-04-10') }],
  ['REVIEW_DECIDED', 'decidePetitionReview', ZFB, { decision: '维持原答复', decidedAt: cst('2025-04-20') }],
  ['RE_REVIEW', 'applyPetitionReReview', ZFB, { appliedAt: cst('2025-04-25') }],
  ['FINAL', 'decidePetitionReReview', ZFB, { decision: '维持复查意见', decidedAt: cst('2025-05-10') }],
];

let seq = 0;
/** A petition received Mon 3 Mar 2025 09:00 (handled by 县人社局 unless told), walked to `state`; returns it as the graph shows it. */
async function petitionAt(state: PetitionState, input: Record<string, unknown> = {}) {
  const created = await execute(petitions, XFJ, `mutation($input: PetitionInput!) { createPetition(input: $input) { ${PF} } }`, {
    input: { channel: 'VISIT', subject: `拖欠工资 ${++seq}`, summary: '要求支付拖欠工资', handlingAgencyCode: '411221-RSJ', receivedAt: cst('2025-03-03'), ...input },
  });
  expect(created.errors).toBeUndefined();
  let p = created.data!.createPetition;
  const handler = identity(String(input.handlingAgencyCode ?? '411221-RSJ'));
  if (state === 'NOT_ACCEPTED') return petitionStep('declinePetition', handler, { id: p.id, version: p.version, reason: '属于诉讼事项', decidedAt: cst('2025-03-05') });
  for (const [reached, name, who, args] of PETITION_PATH) {
    if (state === 'RECEIVED') break;
    p = await petitionStep(name, who === 'handler' ? handler : who, { id: p.id, version: p.version, ...args });
    if (reached === state) break;
  }
  return p;
}

/** A step that must succeed. */
async function petitionStep(name: string, who: Identity, args: Record<string, unknown>) {
  const r = await run(name, who, args, PF);
  expect(r.errors).toBeUndefined();
  return r.data![name];
}

const stored = async (id: string) => (await PetitionModel.findById(id).lean())!;

describe('petition workflow: allowed moves', () => {
  it.each([
    ['RECEIVED', 'acceptPetition', '411221-XFJ', { acceptedAt: cst('2025-03-04') }, 'ACCEPTED', ['HANDLING']],
    ['RECEIVED', 'acceptPetition', '411221-RSJ', { acceptedAt: cst('2025-03-04') }, 'ACCEPTED', ['HANDLING']],
    ['RECEIVED', 'declinePetition', '411221-XFJ', { reason: '已经或者依法应当通过诉讼解决', decidedAt: cst('2025-03-04') }, 'NOT_ACCEPTED', []],
    ['RECEIVED', 'declinePetition', '411221-RSJ', { reason: '不属于本机关职权范围' }, 'NOT_ACCEPTED', []],
    ['ACCEPTED', 'startPetitionHandling', '411221-RSJ', {}, 'HANDLING', ['ANSWERED']],
    ['HANDLING', 'answerPetition', '411221-RSJ', { answer: '已答复' }, 'ANSWERED', ['REVIEW', 'FINAL']],
    ['ANSWERED', 'applyPetitionReview', '411221-XFJ', { appliedAt: cst('2025-04-30') }, 'REVIEW', ['RE_REVIEW', 'FINAL']],
    ['ANSWERED', 'applyPetitionReview', '411221-RSJ', { appliedAt: cst('2025-04-02') }, 'REVIEW', ['RE_REVIEW', 'FINAL']],
    ['ANSWERED', 'closePetition', '411221-RSJ', { petitionerAccepted: true, closedAt: cst('2025-04-03') }, 'FINAL', []],
    ['ANSWERED', 'closePetition', '411221-XFJ', {}, 'FINAL', []], // the 30 days to apply for review are long over
    ['REVIEW_DECIDED', 'applyPetitionReReview', '411221-ZFB', { appliedAt: cst('2025-05-20') }, 'RE_REVIEW', ['FINAL']],
    ['REVIEW_DECIDED', 'applyPetitionReReview', '411221-XFJ', { appliedAt: cst('2025-05-01') }, 'RE_REVIEW', ['FINAL']],
    ['REVIEW_DECIDED', 'closePetition', '411221-XFJ', {}, 'FINAL', []], // the 30 days to apply for re-review are over
    ['REVIEW_DECIDED', 'closePetition', '411221-ZFB', { petitionerAccepted: true, closedAt: cst('2025-04-21') }, 'FINAL', []],
    ['RE_REVIEW', 'decidePetitionReReview', '411221-ZFB', { decision: '维持' }, 'FINAL', []],
  ] as [PetitionState, string, string, Record<string, unknown>, string, string[]][])(
    '%s --%s by %s--> %s',
    async (state, name, agency, args, to, next) => {
      const who = identity(agency);
      const before = await petitionAt(state);
      const after = await petitionStep(name, who, { id: before.id, version: before.version, ...args });
      expect(after).toMatchObject({ status: to, version: before.version + 1, allowedNextSteps: next });
      expect(after.history).toHaveLength(before.history.length + 1);
      expect(after.history.at(-1)).toMatchObject({ from: before.status, to, agency: who.agency });
      expect((await stored(before.id)).status).toBe(to);
    },
  );

  it('keeps the status for extensions, hearings, procedural replies and review decisions, with a history entry each', async () => {
    const p = await petitionAt('HANDLING', { procuratorateHandled: true, handlingAgencyCode: '411221-JCY' });
    const jcy = identity('411221-JCY');
    let q = await petitionStep('recordProceduralReply', jcy, { id: p.id, version: p.version, repliedAt: cst('2025-03-07') });
    q = await petitionStep('extendPetition', jcy, { id: p.id, version: q.version, days: 10, reason: '需要现场调查', extendedAt: cst('2025-03-10') });
    q = await petitionStep('holdPetitionHearing', XFJ, { id: p.id, version: q.version, hearingFrom: cst('2025-03-20'), hearingTo: cst('2025-03-20', '17:00') });
    expect(q).toMatchObject({ status: 'HANDLING', version: p.version + 3, hearingHeld: true, proceduralRepliedAt: at('2025-03-07').toISOString() });
    expect(q.history.slice(-3).map((h: { from: string; to: string }) => `${h.from}>${h.to}`)).toEqual(['HANDLING>HANDLING', 'HANDLING>HANDLING', 'HANDLING>HANDLING']);
    expect(q.history.at(-2).note).toBe('延期 10 日：需要现场调查');
  });
});

describe('petition workflow: refused moves', () => {
  it.each([
    ['RECEIVED', 'startPetitionHandling', '411221-RSJ', {}, ['ACCEPTED', 'NOT_ACCEPTED']],
    ['RECEIVED', 'answerPetition', '411221-RSJ', { answer: 'x' }, ['ACCEPTED', 'NOT_ACCEPTED']],
    ['RECEIVED', 'extendPetition', '411221-RSJ', { days: 10, reason: '复杂' }, ['ACCEPTED', 'NOT_ACCEPTED']],
    ['ACCEPTED', 'acceptPetition', '411221-XFJ', {}, ['HANDLING']],
    ['ACCEPTED', 'answerPetition', '411221-RSJ', { answer: 'x' }, ['HANDLING']],
    ['NOT_ACCEPTED', 'acceptPetition', '411221-XFJ', {}, []],
    ['HANDLING', 'applyPetitionReview', '411221-XFJ', {}, ['ANSWERED']],
    ['HANDLING', 'closePetition', '411221-XFJ', { petitionerAccepted: true }, ['ANSWERED']],
    ['HANDLING', 'decidePetitionReview', '411221-XFJ', { decision: 'x' }, ['ANSWERED']],
    ['ANSWERED', 'applyPetitionReReview', '411221-XFJ', {}, ['REVIEW', 'FINAL']],
    ['ANSWERED', 'decidePetitionReReview', '411221-XFJ', { decision: 'x' }, ['REVIEW', 'FINAL']],
    ['ANSWERED', 'holdPetitionHearing', '411221-XFJ', { hearingFrom: cst('2025-04-02') }, ['REVIEW', 'FINAL']],
    ['REVIEW', 'applyPetitionReReview', '411221-ZFB', {}, ['RE_REVIEW', 'FINAL']], // the review is not decided yet
    ['REVIEW', 'closePetition', '411221-XFJ', { petitionerAccepted: true }, ['RE_REVIEW', 'FINAL']],
    ['REVIEW_DECIDED', 'decidePetitionReview', '411221-ZFB', { decision: 'again' }, ['RE_REVIEW', 'FINAL']],
    ['REVIEW_DECIDED', 'holdPetitionHearing', '411221-ZFB', { hearingFrom: cst('2025-04-21') }, ['RE_REVIEW', 'FINAL']],
    ['RE_REVIEW', 'closePetition', '411221-ZFB', { petitionerAccepted: true }, ['FINAL']],
    ['FINAL', 'applyPetitionReview', '411221-XFJ', {}, []],
    ['FINAL', 'decidePetitionReReview', '411221-ZFB', { decision: 'x' }, []],
  ] as [PetitionState, string, string, Record<string, unknown>, string[]][])(
    '%s refuses %s by %s (CONFLICT naming the allowed steps)',
    async (state, name, agency, args, allowed) => {
      const who = identity(agency);
      const before = await petitionAt(state);
      const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed });
      expect(await stored(before.id)).toMatchObject({ version: before.version, status: before.status });
      expect((await stored(before.id)).history).toHaveLength(before.history.length);
    },
  );

  // 县政府办 takes part in every petition but reads one only once a review is applied for: before that its steps
  // are refused as if the petition were not there, revealing no status.
  it.each([
    ['HANDLING', 'decidePetitionReview', { decision: 'x' }],
    ['ANSWERED', 'applyPetitionReReview', {}],
  ] as [PetitionState, string, Record<string, unknown>][])('%s refuses %s by 411221-ZFB before any review with FORBIDDEN', async (state, name, args) => {
    const before = await petitionAt(state);
    const r = await run(name, identity('411221-ZFB'), { id: before.id, version: before.version, ...args }, 'id');
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0].message).not.toContain(state);
    expect(await stored(before.id)).toMatchObject({ version: before.version, status: before.status });
  });

  it('refuses a stale version', async () => {
    const p = await petitionAt('RECEIVED');
    await petitionStep('acceptPetition', XFJ, { id: p.id, version: 0 });
    const r = await run('startPetitionHandling', RSJ, { id: p.id, version: 0 }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
  });
});

describe('petition workflow: who may act', () => {
  it.each([
    ['an agency outside the petition', 'RECEIVED', 'acceptPetition', HBJ, {}],
    ['县政府办 accepting (not its step)', 'RECEIVED', 'acceptPetition', ZFB, {}],
    ['the 信访局 starting the handling (the handling agency does)', 'ACCEPTED', 'startPetitionHandling', XFJ, {}],
    ['the 信访局 answering for the handling agency', 'HANDLING', 'answerPetition', XFJ, { answer: 'x' }],
    ['the 信访局 extending for the handling agency', 'HANDLING', 'extendPetition', XFJ, { days: 5, reason: 'x' }],
    ['县政府办 recording the review application', 'ANSWERED', 'applyPetitionReview', ZFB, {}],
    ['the handling agency deciding the review of its own answer', 'REVIEW', 'decidePetitionReview', RSJ, { decision: 'x' }],
    ['the handling agency recording the re-review application', 'REVIEW_DECIDED', 'applyPetitionReReview', RSJ, {}],
    ['the 信访局 deciding the re-review', 'RE_REVIEW', 'decidePetitionReReview', XFJ, { decision: 'x' }],
    ['a viewer of the handling agency', 'ACCEPTED', 'startPetitionHandling', identity('411221-RSJ', ['viewer']), {}],
    ['an auditor of the 信访局', 'RECEIVED', 'acceptPetition', identity('411221-XFJ', ['auditor']), {}],
  ] as [string, PetitionState, string, Identity, Record<string, unknown>][])('FORBIDDEN: %s', async (_, state, name, who, args) => {
    const before = await petitionAt(state);
    const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect((await stored(before.id)).version).toBe(before.version);
  });

  it('lets the 信访局 decide a review only of a petition it did not handle itself', async () => {
    const own = await petitionAt('RECEIVED', { handlingAgencyCode: '411221-XFJ' });
    let p = own;
    for (const [name, args] of [['acceptPetition', {}], ['startPetitionHandling', {}], ['answerPetition', { answer: '已答复' }], ['applyPetitionReview', {}]] as const) {
      p = await petitionStep(name, XFJ, { id: p.id, version: p.version, ...args });
    }
    expect(errorCode(await run('decidePetitionReview', XFJ, { id: p.id, version: p.version, decision: 'x' }, 'id'))).toBe('FORBIDDEN');
    expect((await petitionStep('decidePetitionReview', ZFB, { id: p.id, version: p.version, decision: '维持' })).reviewDecidedAt).not.toBeNull();

    const other = await petitionAt('REVIEW');
    expect((await petitionStep('decidePetitionReview', XFJ, { id: other.id, version: other.version, decision: '维持' })).status).toBe('REVIEW');
  });
});

describe('petition workflow: races', () => {
  it('lets exactly one of two concurrent moves from the same version win', async () => {
    const p = await petitionAt('RECEIVED');
    const results = await Promise.allSettled([
      run('acceptPetition', XFJ, { id: p.id, version: 0 }, 'status'),
      run('declinePetition', RSJ, { id: p.id, version: 0, reason: '不属于信访事项' }, 'status'),
      run('acceptPetition', RSJ, { id: p.id, version: 0 }, 'status'),
    ]);
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : { errors: [{ message: String(r.reason), extensions: {} }] }));
    expect(values.filter((v) => !v.errors)).toHaveLength(1);
    expect(values.filter((v) => v.errors).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT']);
    const after = await stored(p.id);
    expect(after.version).toBe(1);
    expect(after.history).toHaveLength(2);
  });

  it('lets exactly one of two concurrent extensions win (extended once)', async () => {
    const p = await petitionAt('HANDLING');
    const results = await Promise.allSettled([10, 20].map((days) => run('extendPetition', RSJ, { id: p.id, version: p.version, days, reason: '案情复杂', extendedAt: cst('2025-03-10') }, 'extensionDays')));
    const ok = results.filter((r) => r.status === 'fulfilled' && !r.value.errors);
    expect(ok).toHaveLength(1);
    expect([10, 20]).toContain((await stored(p.id)).extensionDays);
  });
});

describe('petition workflow: inputs and dates', () => {
  it.each([
    ['declinePetition', 'RECEIVED', RSJ, { reason: '  ' }, 'reason'],
    ['answerPetition', 'HANDLING', RSJ, { answer: '' }, 'answer'],
    ['decidePetitionReview', 'REVIEW', ZFB, { decision: ' ' }, 'decision'],
    ['extendPetition', 'HANDLING', RSJ, { days: 10, reason: '' }, 'reason'],
    ['acceptPetition', 'RECEIVED', XFJ, { acceptedAt: cst('2025-03-02') }, 'acceptedAt'], // before receipt
    ['acceptPetition', 'RECEIVED', XFJ, { acceptedAt: '2999-01-01' }, 'acceptedAt'], // in the future
    ['answerPetition', 'HANDLING', RSJ, { answer: 'x', answeredAt: cst('2025-03-05', '20:00') }, 'answeredAt'], // before handling started
    ['holdPetitionHearing', 'HANDLING', RSJ, { hearingFrom: cst('2025-03-20'), hearingTo: cst('2025-03-19') }, 'hearingTo'],
  ] as [string, PetitionState, Identity, Record<string, unknown>, string][])('%s in %s refuses bad input (BAD_USER_INPUT naming the field)', async (name, state, who, args, field) => {
    const before = await petitionAt(state);
    const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await stored(before.id)).version).toBe(before.version);
  });

  it('closes early only on the petitioner acceptance while the 30 days to apply run', async () => {
    const day = 86_400_000;
    const ago = (d: number) => new Date(Date.now() - d * day).toISOString();
    let p = await petitionAt('RECEIVED', { receivedAt: ago(6) });
    for (const [name, who, args] of [['acceptPetition', XFJ, { acceptedAt: ago(5) }], ['startPetitionHandling', RSJ, { startedAt: ago(4) }], ['answerPetition', RSJ, { answer: '已答复', answeredAt: ago(2) }]] as [string, Identity, Record<string, unknown>][]) {
      p = await petitionStep(name, who, { id: p.id, version: p.version, ...args });
    }
    expect(p.deadlines).toEqual([{ rule: 'petitionReviewApplication', dueAt: expect.any(String), overdue: false }]);
    const early = await run('closePetition', XFJ, { id: p.id, version: p.version }, 'id');
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'petitionerAccepted' });
    expect(await petitionStep('closePetition', XFJ, { id: p.id, version: p.version, petitionerAccepted: true })).toMatchObject({ status: 'FINAL', petitionerAccepted: true });
  });
});

describe('petition deadlines', () => {
  const received = at('2025-03-03'); // a Monday
  const base: PetitionTimes = { status: 'RECEIVED', receivedAt: received, procuratorateHandled: false, hearings: [] };

  it('acceptance: 15 days, to 24:00 of the last day; overdue one millisecond later', () => {
    const due = endOf('2025-03-18');
    expect(petitionClocks(base, new Date(due)).acceptance).toMatchObject({ dueAt: new Date(due), overdue: false, running: true });
    expect(petitionClocks(base, ms(due, 1)).acceptance!.overdue).toBe(true);
    expect(petitionDerived({ ...base, status: 'ACCEPTED', acceptedAt: new Date(due) }).acceptedInTime).toBe(true);
    expect(petitionDerived({ ...base, status: 'ACCEPTED', acceptedAt: ms(due, 1) }).acceptedInTime).toBe(false);
  });

  it('handling: 60 days from acceptance rolled off a Sunday, + extension, + hearings', () => {
    const accepted = { ...base, status: 'HANDLING' as const, acceptedAt: at('2025-03-05') };
    // 5 Mar + 60 days = Sun 4 May, in 劳动节 (1–5 May) → Tue 6 May; + 30 days' extension = Thu 5 June.
    expect(petitionClocks(accepted).handling!.dueAt.toISOString()).toBe(endOf('2025-05-06'));
    expect(petitionClocks({ ...accepted, extensionDays: 30 }).handling!.dueAt.toISOString()).toBe(endOf('2025-06-05'));
    // 3 days of hearing do not count: the 60 days end Sun 4 May + 3 = Wed 7 May, a working day (as a clerk counts;
    // tests/unit/official-calendar.test.ts).
    const heard = { ...accepted, hearings: [{ from: at('2025-04-01'), to: at('2025-04-04') }] };
    const due = endOf('2025-05-07');
    expect(petitionClocks(heard, new Date(due)).handling).toMatchObject({ dueAt: new Date(due), overdue: false });
    expect(petitionClocks(heard, ms(due, 1)).handling!.overdue).toBe(true);
    expect(petitionDerived(heard).nextDueAt?.toISOString()).toBe(due);
  });

  it('is not overdue while a hearing lasts, and the overdue filter leaves the petition out', () => {
    const open = { ...base, status: 'HANDLING' as const, acceptedAt: at('2025-03-05'), hearings: [{ from: at('2025-04-01') }] };
    const c = petitionClocks(open, at('2026-01-01')).handling!;
    expect(c.overdue).toBe(false);
    // Paused 1 April → now (1 Jan 2026, 275 days): Sun 4 May + 275 days = Tue 3 Feb 2026.
    expect(c.dueAt.toISOString()).toBe(endOf('2026-02-03'));
    expect(petitionDerived(open).nextDueAt).toBeNull();
  });

  it('counts a hearing only on the clocks it interrupts', () => {
    const during = { from: at('2025-04-01'), to: at('2025-04-08') }; // while handling
    const reviewed: PetitionTimes = {
      ...base, status: 'REVIEW', acceptedAt: at('2025-03-05'), answeredAt: at('2025-04-10'), reviewAppliedAt: at('2025-04-20'), hearings: [during],
    };
    // 20 Apr + 30 days = Tue 20 May, with no week of hearing added.
    expect(petitionClocks(reviewed).reviewDecision!.dueAt.toISOString()).toBe(endOf('2025-05-20'));
    expect(petitionClocks({ ...reviewed, hearings: [during, { from: at('2025-05-01'), to: at('2025-05-03') }] }).reviewDecision!.dueAt.toISOString()).toBe(endOf('2025-05-22'));
  });

  it('procuratorate: procedural reply in 7 days and result in 3 months (件件有回复)', () => {
    const p: PetitionTimes = { ...base, procuratorateHandled: true };
    const reply = endOf('2025-03-10'); // +7 = Mon 10 Mar
    expect(petitionClocks(p, new Date(reply)).proceduralReply).toMatchObject({ dueAt: new Date(reply), overdue: false });
    expect(petitionClocks(p, ms(reply, 1)).proceduralReply!.overdue).toBe(true);
    expect(petitionClocks(p).result!.dueAt.toISOString()).toBe(endOf('2025-06-03'));
    // The earliest running duty is the reply; once it is given the acceptance clock is the next one.
    expect(petitionDerived(p).nextDueAt?.toISOString()).toBe(reply);
    expect(petitionDerived({ ...p, proceduralRepliedAt: at('2025-03-05') }).nextDueAt?.toISOString()).toBe(endOf('2025-03-18'));
    // 30 Nov + 3 months = 28 Feb (clamped), a Friday; an answer stops it.
    const nov = { ...p, receivedAt: at('2024-11-30') };
    expect(petitionClocks(nov).result!.dueAt.toISOString()).toBe(endOf('2025-02-28'));
    const answered = { ...nov, status: 'ANSWERED' as const, acceptedAt: at('2024-12-01'), extensionDays: 30 }; // handling due 7 Mar (30 Jan is in 春节 → 5 Feb, + 30)
    expect(petitionDerived({ ...answered, answeredAt: new Date(endOf('2025-02-28')) }).answeredInTime).toBe(true);
    expect(petitionDerived({ ...answered, answeredAt: ms(endOf('2025-02-28'), 1) }).answeredInTime).toBe(false);
  });

  it('shows the clocks of the current status through the graph', async () => {
    const p = await petitionAt('REVIEW');
    // Applied 10 Apr + 30 days = Sat 10 May → Mon 12 May.
    expect(p.deadlines).toEqual([{ rule: 'petitionReviewDecision', dueAt: endOf('2025-05-12'), overdue: true }]);
    expect(p).toMatchObject({ dueAt: endOf('2025-05-12'), overdue: true });
    const decided = await petitionStep('decidePetitionReview', ZFB, { id: p.id, version: p.version, decision: '维持', decidedAt: cst('2025-04-20') });
    // Now only the petitioner's window to apply for re-review runs (20 Apr + 30 = Tue 20 May): no duty, not overdue.
    expect(decided.deadlines).toEqual([{ rule: 'petitionReviewApplication', dueAt: endOf('2025-05-20'), overdue: true }]);
    expect(decided).toMatchObject({ dueAt: null, overdue: false });
  });

  it('refuses a review application after the 30 days, to the millisecond', async () => {
    // Answered Tue 1 Apr: 30 days end Thu 1 May, in 劳动节 (1–5 May): the petitioner may apply until Tue 6 May, 24:00.
    const inTime = await petitionAt('ANSWERED');
    expect((await petitionStep('applyPetitionReview', XFJ, { id: inTime.id, version: inTime.version, appliedAt: endOf('2025-05-06') })).status).toBe('REVIEW');
    const late = await petitionAt('ANSWERED');
    const r = await run('applyPetitionReview', XFJ, { id: late.id, version: late.version, appliedAt: cst('2025-05-07', '00:00') }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliedAt' });
  });
});

describe('petition extension and hearings', () => {
  it('extends once, by 1 to 30 days, with a reason, before the period ends', async () => {
    const p = await petitionAt('HANDLING');
    expect(p.handlingDueAt).toBe(endOf('2025-05-06'));
    const args = { id: p.id, version: p.version, reason: '案情复杂', extendedAt: cst('2025-04-01') };
    for (const days of [31, 0, -1]) {
      expect((await run('extendPetition', RSJ, { ...args, days }, 'id')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    }
    const extended = await petitionStep('extendPetition', RSJ, { ...args, days: 30 });
    expect(extended).toMatchObject({ extensionDays: 30, extensionReason: '案情复杂', handlingDueAt: endOf('2025-06-05'), dueAt: endOf('2025-06-05') });
    const again = await run('extendPetition', RSJ, { ...args, version: extended.version, days: 1 }, 'id');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });

    const accepted = await petitionAt('ACCEPTED');
    expect((await petitionStep('extendPetition', RSJ, { id: accepted.id, version: accepted.version, days: 1, reason: '待鉴定', extendedAt: endOf('2025-05-06') })).handlingDueAt).toBe(endOf('2025-05-07'));
    const late = await petitionAt('HANDLING');
    const r = await run('extendPetition', RSJ, { id: late.id, version: late.version, days: 10, reason: '补充调查', extendedAt: cst('2025-05-07', '00:00') }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'extendedAt' });
  });

  it('stops the clock during a hearing: open, then ended; a second open hearing is refused', async () => {
    const WJW = identity('411221-WJW');
    const p = await petitionAt('HANDLING', { handlingAgencyCode: '411221-WJW' });
    let q = await petitionStep('holdPetitionHearing', WJW, { id: p.id, version: p.version, hearingFrom: cst('2025-04-01'), hearingTo: cst('2025-04-04') });
    // 60 days end Sun 4 May + 3 days' hearing = Wed 7 May.
    expect(q).toMatchObject({ handlingDueAt: endOf('2025-05-07'), overdue: true, hearingHeld: true });
    q = await petitionStep('holdPetitionHearing', XFJ, { id: p.id, version: q.version, hearingFrom: cst('2025-04-10') });
    expect(q).toMatchObject({ overdue: false, hearings: [{ to: at('2025-04-04').toISOString() }, { from: at('2025-04-10').toISOString(), to: null }] });
    const overdueIds = async (flag: boolean) => ((await execute(petitions, XFJ, `{ petitions(first: 100, filter: { handlingAgencyCode: "411221-WJW", overdue: ${flag} }) { nodes { id } } }`))
      .data!.petitions.nodes as { id: string }[]).map((n) => n.id);
    expect(await overdueIds(true)).not.toContain(p.id);
    expect(await overdueIds(false)).toContain(p.id);
    expect(errorCode(await run('holdPetitionHearing', WJW, { id: p.id, version: q.version, hearingFrom: cst('2025-04-11') }, 'id'))).toBe('CONFLICT');

    q = await petitionStep('endPetitionHearing', WJW, { id: p.id, version: q.version, hearingTo: cst('2025-04-12') });
    // + 2 more days: 4 May + 5 = Fri 9 May.
    expect(q).toMatchObject({ handlingDueAt: endOf('2025-05-09'), overdue: true });
    expect(await overdueIds(true)).toContain(p.id);
    expect(errorCode(await run('endPetitionHearing', WJW, { id: p.id, version: q.version }, 'id'))).toBe('CONFLICT');

    // A hearing still open when the petition is answered ends with the answer.
    q = await petitionStep('holdPetitionHearing', WJW, { id: p.id, version: q.version, hearingFrom: cst('2025-04-15') });
    q = await petitionStep('answerPetition', WJW, { id: p.id, version: q.version, answer: '听证后答复', answeredAt: cst('2025-04-20') });
    expect(q.hearings.at(-1)).toEqual({ from: at('2025-04-15').toISOString(), to: at('2025-04-20').toISOString() });
  });

  it('lets the reviewing agency hold a hearing during the review, stopping the review clock', async () => {
    const p = await petitionAt('REVIEW'); // applied 10 Apr: decision due Mon 12 May
    const args = { id: p.id, version: p.version, hearingFrom: cst('2025-04-15'), hearingTo: cst('2025-04-16') };
    expect(errorCode(await run('holdPetitionHearing', RSJ, args, 'id'))).toBe('FORBIDDEN');
    const q = await petitionStep('holdPetitionHearing', ZFB, args);
    // 30 days from 10 April end Sat 10 May; + 1 day's hearing = Sun 11 May → Mon 12 May.
    expect(q.deadlines).toEqual([{ rule: 'petitionReviewDecision', dueAt: endOf('2025-05-12'), overdue: true }]);
  });

  it('records the procedural reply of a procuratorate-handled petition once', async () => {
    const plain = await petitionAt('RECEIVED');
    expect(errorCode(await run('recordProceduralReply', RSJ, { id: plain.id, version: 0 }, 'id'))).toBe('CONFLICT');
    const jcy = identity('411221-JCY');
    const p = await petitionAt('RECEIVED', { handlingAgencyCode: '411221-JCY', procuratorateHandled: true });
    expect(p.deadlines.map((d: { rule: string }) => d.rule)).toEqual(['procuratorateProceduralReply', 'petitionAcceptance', 'procuratorateResult']);
    const q = await petitionStep('recordProceduralReply', jcy, { id: p.id, version: 0, repliedAt: cst('2025-03-10', '23:00') });
    expect(q.deadlines.map((d: { rule: string }) => d.rule)).toEqual(['petitionAcceptance', 'procuratorateResult']);
    expect(errorCode(await run('recordProceduralReply', jcy, { id: p.id, version: 1 }, 'id'))).toBe('CONFLICT');
  });
});

// ---------------------------------------------------------------- hotline tickets

type TicketState = 'DISPATCHED' | 'RETURNED' | 'REDISPATCHED' | 'HANDLING' | 'FEEDBACK' | 'REVISIT' | 'RATED';

/** A 12345 ticket dispatched Fri 7 Mar 2025 10:00 to 县生态环境分局, walked to `state`. */
async function ticketAt(state: TicketState, input: Record<string, unknown> = {}) {
  const centre = input.line === 'L12309' ? JCY : RX;
  const receiver = identity(String(input.dispatchedToCode ?? '411221-HBJ'));
  const r = await execute(petitions, centre, `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) { ${TF} } }`, {
    input: { line: 'L12345', subject: '夜间施工噪声', dispatchedToCode: '411221-HBJ', dispatchedAt: cst('2025-03-07', '10:00'), ...input },
  });
  expect(r.errors).toBeUndefined();
  let t = r.data!.createHotlineTicket;
  const path: [TicketState[], string, Identity, Record<string, unknown>][] = [
    [['RETURNED', 'REDISPATCHED'], 'returnHotlineTicket', receiver, { reason: '不属于本单位职责', returnedAt: cst('2025-03-10') }],
    [['REDISPATCHED'], 'redispatchHotlineTicket', centre, { dispatchedToCode: '411221-ZJJ', dispatchedAt: cst('2025-03-10', '15:00') }],
    [['HANDLING', 'FEEDBACK', 'REVISIT', 'RATED'], 'acceptHotlineTicket', receiver, { acceptedAt: cst('2025-03-07', '14:00') }],
    [['FEEDBACK', 'REVISIT', 'RATED'], 'giveHotlineFeedback', receiver, { feedback: '已责令停止夜间施工', feedbackAt: cst('2025-03-12') }],
    [['REVISIT', 'RATED'], 'revisitHotlineTicket', centre, { revisitedAt: cst('2025-03-13') }],
    [['RATED'], 'rateHotlineTicket', centre, { rating: 5, ratedAt: cst('2025-03-13', '10:00') }],
  ];
  for (const [states, name, who, args] of path) if (states.includes(state)) t = await ticketStep(name, who, { id: t.id, version: t.version, ...args });
  return t;
}

async function ticketStep(name: string, who: Identity, args: Record<string, unknown>) {
  const r = await run(name, who, args, TF);
  expect(r.errors).toBeUndefined();
  return r.data![name];
}

const storedTicket = async (id: string) => (await HotlineTicketModel.findById(id).lean())!;

describe('hotline ticket workflow: allowed moves', () => {
  it.each([
    ['DISPATCHED', 'returnHotlineTicket', '411221-HBJ', { reason: '属于住建局职责', returnedAt: cst('2025-03-11', '23:59') }, 'RETURNED', ['DISPATCHED'], {}],
    ['DISPATCHED', 'acceptHotlineTicket', '411221-HBJ', {}, 'HANDLING', ['FEEDBACK'], {}],
    ['RETURNED', 'redispatchHotlineTicket', '411221-RX12345', { dispatchedToCode: '411221-ZJJ' }, 'DISPATCHED', ['RETURNED', 'HANDLING'], {}],
    ['REDISPATCHED', 'acceptHotlineTicket', '411221-ZJJ', {}, 'HANDLING', ['FEEDBACK'], {}],
    ['HANDLING', 'giveHotlineFeedback', '411221-HBJ', { feedback: '已处理' }, 'FEEDBACK', ['REVISIT'], {}],
    ['FEEDBACK', 'revisitHotlineTicket', '411221-RX12345', { note: '来电人表示满意' }, 'REVISIT', ['RATED'], {}],
    ['REVISIT', 'rateHotlineTicket', '411221-RX12345', { rating: 4 }, 'RATED', [], {}],
    ['FEEDBACK', 'revisitHotlineTicket', '411221-JCY', {}, 'REVISIT', ['RATED'], { line: 'L12309', dispatchedToCode: '411221-GAJ' }],
    ['REVISIT', 'rateHotlineTicket', '411221-JCY', { rating: 1 }, 'RATED', [], { line: 'L12309', dispatchedToCode: '411221-GAJ' }],
  ] as [TicketState, string, string, Record<string, unknown>, string, string[], Record<string, unknown>][])(
    '%s --%s by %s--> %s',
    async (state, name, agency, args, to, next, input) => {
      const who = identity(agency);
      const before = await ticketAt(state, input);
      const after = await ticketStep(name, who, { id: before.id, version: before.version, ...args });
      expect(after).toMatchObject({ status: to, version: before.version + 1, allowedNextSteps: next });
      expect(after.history).toHaveLength(before.history.length + 1);
      expect(after.history.at(-1)).toMatchObject({ from: before.status, to, agency: who.agency });
      expect((await storedTicket(before.id)).status).toBe(to);
    },
  );

  it('keeps the returns and restarts the clocks on re-dispatch', async () => {
    const t = await ticketAt('REDISPATCHED');
    expect(t).toMatchObject({
      status: 'DISPATCHED', dispatchedTo: { code: '411221-ZJJ' }, dispatchedAt: at('2025-03-10', '15:00').toISOString(),
      returns: [{ agency: { code: '411221-HBJ' }, reason: '不属于本单位职责', returnedAt: at('2025-03-10').toISOString() }],
      returnDueAt: endOf('2025-03-12'), handlingDueAt: endOf('2025-03-17'),
    });
    expect(t.history.map((h: { to: string }) => h.to)).toEqual(['DISPATCHED', 'RETURNED', 'DISPATCHED']);
  });
});

describe('hotline ticket workflow: refused moves', () => {
  it.each([
    ['DISPATCHED', 'giveHotlineFeedback', '411221-HBJ', { feedback: 'x' }, ['RETURNED', 'HANDLING']],
    ['DISPATCHED', 'rateHotlineTicket', '411221-RX12345', { rating: 5 }, ['RETURNED', 'HANDLING']],
    ['DISPATCHED', 'extendHotlineTicket', '411221-HBJ', { workingDays: 3, reason: 'x' }, ['RETURNED', 'HANDLING']],
    ['RETURNED', 'acceptHotlineTicket', '411221-HBJ', {}, ['DISPATCHED']],
    ['HANDLING', 'returnHotlineTicket', '411221-HBJ', { reason: 'x' }, ['FEEDBACK']],
    ['HANDLING', 'redispatchHotlineTicket', '411221-RX12345', { dispatchedToCode: '411221-ZJJ' }, ['FEEDBACK']],
    ['FEEDBACK', 'rateHotlineTicket', '411221-RX12345', { rating: 5 }, ['REVISIT']],
    ['RATED', 'revisitHotlineTicket', '411221-RX12345', {}, []],
    ['RATED', 'rateHotlineTicket', '411221-RX12345', { rating: 3 }, []],
  ] as [TicketState, string, string, Record<string, unknown>, string[]][])('%s refuses %s by %s (CONFLICT naming the allowed steps)', async (state, name, agency, args, allowed) => {
    const who = identity(agency);
    const before = await ticketAt(state);
    const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed });
    expect(await storedTicket(before.id)).toMatchObject({ version: before.version, status: before.status });
  });

  it.each([
    ['the hotline centre taking the ticket on for the agency', 'DISPATCHED', 'acceptHotlineTicket', RX, {}, {}],
    ['an agency the ticket was not dispatched to', 'DISPATCHED', 'acceptHotlineTicket', identity('411221-SCJ'), {}, {}],
    ['the agency that returned it, after re-dispatch', 'REDISPATCHED', 'acceptHotlineTicket', HBJ, {}, {}],
    ['the receiving agency revisiting', 'FEEDBACK', 'revisitHotlineTicket', HBJ, {}, {}],
    ['the receiving agency re-dispatching', 'RETURNED', 'redispatchHotlineTicket', HBJ, { dispatchedToCode: '411221-ZJJ' }, {}],
    ['the 12345 centre rating a 12309 ticket', 'REVISIT', 'rateHotlineTicket', RX, { rating: 5 }, { line: 'L12309', dispatchedToCode: '411221-GAJ' }],
    ['a viewer of the receiving agency', 'HANDLING', 'giveHotlineFeedback', identity('411221-HBJ', ['viewer']), { feedback: 'x' }, {}],
    ['a viewer of the hotline centre', 'FEEDBACK', 'revisitHotlineTicket', identity('411221-RX12345', ['viewer']), {}, {}],
  ] as [string, TicketState, string, Identity, Record<string, unknown>, Record<string, unknown>][])('FORBIDDEN: %s', async (_, state, name, who, args, input) => {
    const before = await ticketAt(state, input);
    const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect((await storedTicket(before.id)).version).toBe(before.version);
  });

  it('lets exactly one of two concurrent moves from the same version win', async () => {
    const t = await ticketAt('DISPATCHED');
    const results = await Promise.allSettled([
      run('acceptHotlineTicket', HBJ, { id: t.id, version: 0 }, 'status'),
      run('returnHotlineTicket', HBJ, { id: t.id, version: 0, reason: '非本单位职责', returnedAt: cst('2025-03-10') }, 'status'),
    ]);
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : { errors: [{ message: String(r.reason), extensions: {} }] }));
    expect(values.filter((v) => !v.errors)).toHaveLength(1);
    expect(values.filter((v) => v.errors).map(errorCode)).toEqual(['CONFLICT']);
    expect(await storedTicket(t.id)).toMatchObject({ version: 1 });
    expect((await storedTicket(t.id)).history).toHaveLength(2);
  });

  it.each([
    ['returnHotlineTicket', 'DISPATCHED', HBJ, { reason: ' ' }, 'reason'],
    ['redispatchHotlineTicket', 'RETURNED', RX, { dispatchedToCode: '411221-HBJ' }, 'dispatchedToCode'], // back to the agency that returned it
    ['redispatchHotlineTicket', 'RETURNED', RX, { dispatchedToCode: 'nope' }, 'dispatchedToCode'],
    ['redispatchHotlineTicket', 'RETURNED', RX, { dispatchedToCode: '411221-ZJJ', dispatchedAt: cst('2025-03-09') }, 'dispatchedAt'], // before the return
    ['giveHotlineFeedback', 'HANDLING', HBJ, { feedback: '' }, 'feedback'],
    ['rateHotlineTicket', 'REVISIT', RX, { rating: 6 }, 'rating'],
    ['rateHotlineTicket', 'REVISIT', RX, { rating: 0 }, 'rating'],
    ['extendHotlineTicket', 'HANDLING', HBJ, { workingDays: 11, reason: '需检测' }, 'workingDays'],
    ['extendHotlineTicket', 'HANDLING', HBJ, { workingDays: 0, reason: '需检测' }, 'workingDays'],
    ['extendHotlineTicket', 'HANDLING', HBJ, { workingDays: 5, reason: '' }, 'reason'],
  ] as [string, TicketState, Identity, Record<string, unknown>, string][])('%s in %s refuses bad input (BAD_USER_INPUT naming the field)', async (name, state, who, args, field) => {
    const before = await ticketAt(state);
    const r = await run(name, who, { id: before.id, version: before.version, ...args }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await storedTicket(before.id)).version).toBe(before.version);
  });
});

describe('hotline ticket deadlines (working days)', () => {
  it('allows a return within 2 working days over the weekend, to the millisecond', async () => {
    // Dispatched Fri 7 Mar: Mon 10 and Tue 11 Mar are the two working days.
    const t = await ticketAt('DISPATCHED');
    expect(t.returnDueAt).toBe(endOf('2025-03-11'));
    expect(t.deadlines).toEqual([
      { rule: 'hotlineReturn', dueAt: endOf('2025-03-11'), overdue: true },
      { rule: 'hotlineHandling', dueAt: endOf('2025-03-14'), overdue: true },
    ]);
    expect((await ticketStep('returnHotlineTicket', HBJ, { id: t.id, version: 0, reason: '误派', returnedAt: endOf('2025-03-11') })).status).toBe('RETURNED');
    const late = await ticketAt('DISPATCHED');
    const r = await run('returnHotlineTicket', HBJ, { id: late.id, version: 0, reason: '误派', returnedAt: cst('2025-03-12', '00:00') }, 'id');
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'returnedAt' });
  });

  it('handles in 5 working days, extended once by at most 10 working days', async () => {
    const t = await ticketAt('HANDLING');
    expect(t).toMatchObject({ handlingDueAt: endOf('2025-03-14'), dueAt: endOf('2025-03-14'), overdue: true });
    const late = await run('extendHotlineTicket', HBJ, { id: t.id, version: t.version, workingDays: 3, reason: '需检测', extendedAt: cst('2025-03-15', '00:00') }, 'id');
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'extendedAt' });
    // 15 working days from Fri 7 Mar: two weekends skipped → Fri 28 Mar.
    const ext = await ticketStep('extendHotlineTicket', HBJ, { id: t.id, version: t.version, workingDays: 10, reason: '需第三方检测', extendedAt: endOf('2025-03-14') });
    expect(ext).toMatchObject({ status: 'HANDLING', extensionDays: 10, handlingDueAt: endOf('2025-03-28') });
    expect(ext.history.at(-1)).toMatchObject({ from: 'HANDLING', to: 'HANDLING', agency: '411221-HBJ' });
    const again = await run('extendHotlineTicket', HBJ, { id: t.id, version: ext.version, workingDays: 1, reason: '再延' }, 'id');
    expect(errorCode(again)).toBe('CONFLICT');
    const done = await ticketStep('giveHotlineFeedback', HBJ, { id: t.id, version: ext.version, feedback: '检测达标', feedbackAt: endOf('2025-03-28') });
    expect(done).toMatchObject({ overdue: false, dueAt: null, deadlines: [] });
    expect((await storedTicket(t.id)).onTime).toBe(true);
  });

  it('computes the clocks at their edges', () => {
    const t = { status: 'HANDLING' as const, dispatchedAt: at('2025-03-06', '16:00'), returns: [] }; // a Thursday
    const due = endOf('2025-03-13');
    expect(ticketClocks(t, new Date(due)).handling).toMatchObject({ dueAt: new Date(due), overdue: false, running: true });
    expect(ticketClocks(t, ms(due, 1)).handling.overdue).toBe(true);
    expect(ticketDerived({ ...t, status: 'FEEDBACK', feedbackAt: new Date(due) })).toEqual({ nextDueAt: null, onTime: true });
    expect(ticketDerived({ ...t, status: 'FEEDBACK', feedbackAt: ms(due, 1) })).toEqual({ nextDueAt: null, onTime: false });
    expect(ticketDerived(t).nextDueAt?.toISOString()).toBe(due);
    expect(ticketClocks(t).return.dueAt.toISOString()).toBe(endOf('2025-03-10')); // Fri 7, Mon 10
  });

  it('filters tickets on overdue: open past their deadline', async () => {
    const open = await ticketAt('HANDLING', { dispatchedToCode: '411221-LYJ' });
    const answered = await ticketAt('FEEDBACK', { dispatchedToCode: '411221-LYJ' });
    // Listed as the receiving agency sees them (a workflow counterpart of its tickets).
    const ids = async (flag: boolean) => ((await execute(petitions, identity('411221-LYJ'), `{ hotlineTickets(filter: { dispatchedToCode: "411221-LYJ", overdue: ${flag} }) { nodes { id } } }`))
      .data!.hotlineTickets.nodes as { id: string }[]).map((n) => n.id);
    expect(await ids(true)).toEqual([open.id]);
    expect(await ids(false)).toEqual([answered.id]);
  });
});

import { periodEnd } from '../../lib/deadlines';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import {
  caseClocks, caseNextDueAt, main, referralClocks, referralNextDueAt, suggestionClocks, suggestionNextDueAt, suggestionReplyDueAt,
} from '../../subgraphs/procuratorate/deadlines';
import {
  ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel, type ProcuratorateCaseDoc, type ReverseReferralDoc, type SuggestionDoc,
} from '../../subgraphs/procuratorate/models';
import { PUBLIC_INTEREST_MACHINE, REFERRAL_MACHINE, SUGGESTION_MACHINE } from '../../subgraphs/procuratorate/workflow';
import { useDatabase } from '../helpers/db';
import { errorCode, execute, identity, type Result } from '../helpers/subgraph';

// The three workflows of the procuratorate subgraph (docs/domain.md#status-machines), step by step:
// 检察建议, 公益诉讼 case steps and 行刑反向衔接.
useDatabase();

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const HBJ = '411221-HBJ';
const officer = identity(JCY, ['officer'], 'jcy-clerk');
const chief = identity(JCY, ['supervisor'], 'jcy-chief');
const scj = identity(SCJ, ['officer'], 'scj-clerk');
const hbj = identity(HBJ, ['officer'], 'hbj-clerk');
/** A Beijing-time instant. */
const cst = (date: string, time = '09:00:00') => new Date(`${date}T${time}+08:00`);
const iso = (d: Date) => d.toISOString();
const MS_DAY = 86_400_000;

type Rec = { id: string; version: number; status: string; [k: string]: unknown };
type Step = (r: Rec) => Promise<Result>;

function ok(r: Result): Rec {
  expect(r.errors).toBeUndefined();
  return r.data!.r as Rec;
}

const transitions = <S extends string>(machine: Record<S, Partial<Record<S, unknown>>>) =>
  (Object.keys(machine) as S[]).flatMap((from) => (Object.keys(machine[from]) as S[]).map((to) => [from, to] as [S, S]));

/** Of two concurrent results, exactly one succeeded and the other got CONFLICT. */
function oneWins(settled: PromiseSettledResult<Result>[]): void {
  const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : { errors: [{ message: String(s.reason) }] }) as Result);
  expect(results.filter((r) => !r.errors)).toHaveLength(1);
  expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(1);
}

let seq = 0;
const CASE = `mutation($input: ProcuratorateCaseInput!) { r: createProcuratorateCase(input: $input) { id status version type } }`;
const UPDATE_CASE = `mutation($id: ID!, $input: ProcuratorateCaseUpdate!) { r: updateProcuratorateCase(id: $id, input: $input) { id status version history { from to } } }`;

async function newCase(type: string, acceptedAt = cst('2025-01-06')): Promise<string> {
  return ok(await execute(procuratorate, officer, CASE, { input: { caseNumber: `渑检流程〔2025〕${++seq}号`, type, title: '流程测试', acceptedAt } })).id;
}

// ── 检察建议 ──────────────────────────────────────────────────────────────────────────────────────

const SUG = `id status version targetAgency { code } content originalContent approvedAt servedAt replyDueAt repliedAt reply objectedAt objectionReason
  objectionDecidedAt objectionAnswer withdrawnAt withdrawalReason rectificationStartedAt rectificationPlan rectificationProgress
  rectificationReportedAt verifiedAt verificationNote closedAt escalatedAt escalatedTo escalationReason discardedAt discardReason
  allowedNextSteps dueAt overdue deadlines { rule dueAt overdue } history { at actor agency from to note }`;
const S = {
  issue: `mutation($input: SuggestionInput!) { r: issueSuggestion(input: $input) { ${SUG} } }`,
  approve: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: approveSuggestion(id: $id, version: $version, approvedAt: $at) { ${SUG} } }`,
  serve: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: serveSuggestion(id: $id, version: $version, servedAt: $at) { ${SUG} } }`,
  object: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: objectToSuggestion(id: $id, version: $version, reason: $reason, objectedAt: $at) { ${SUG} } }`,
  uphold: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: upholdSuggestion(id: $id, version: $version, reason: $reason, decidedAt: $at) { ${SUG} } }`,
  amend: `mutation($id: ID!, $version: Int!, $content: String!, $at: DateTime) { r: amendSuggestion(id: $id, version: $version, content: $content, note: "删去第二项", decidedAt: $at) { ${SUG} } }`,
  withdraw: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: withdrawSuggestion(id: $id, version: $version, reason: $reason, withdrawnAt: $at) { ${SUG} } }`,
  reply: `mutation($id: ID!, $version: Int!, $reply: String!, $at: DateTime) { r: replyToSuggestion(id: $id, version: $version, reply: $reply, repliedAt: $at) { ${SUG} } }`,
  rectify: `mutation($id: ID!, $version: Int!, $plan: String!, $at: DateTime) { r: startSuggestionRectification(id: $id, version: $version, plan: $plan, startedAt: $at) { ${SUG} } }`,
  progress: `mutation($id: ID!, $version: Int!, $progress: String!, $at: DateTime) { r: reportRectificationProgress(id: $id, version: $version, progress: $progress, reportedAt: $at) { ${SUG} } }`,
  verify: `mutation($id: ID!, $version: Int!, $note: String!, $at: DateTime) { r: verifySuggestion(id: $id, version: $version, note: $note, verifiedAt: $at) { ${SUG} } }`,
  close: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: closeSuggestion(id: $id, version: $version, closedAt: $at) { ${SUG} } }`,
  escalate: `mutation($id: ID!, $version: Int!, $to: String!, $reason: String!, $at: DateTime) { r: escalateSuggestion(id: $id, version: $version, escalatedTo: $to, reason: $reason, escalatedAt: $at) { ${SUG} } }`,
  discard: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: discardSuggestion(id: $id, version: $version, reason: $reason, discardedAt: $at) { ${SUG} } }`,
};

/** Dates of a walk (2025, Beijing time): served on Wed 5 March; two months on is Mon 5 May, in 劳动节 (1–5 May), so the
 * reply is due at the end of Tue 6 May and escalated the day after. */
const SD = {
  issued: cst('2025-03-03'), approved: cst('2025-03-04'), served: cst('2025-03-05'), objected: cst('2025-03-10'), decided: cst('2025-03-12'),
  escalated: cst('2025-05-07'), replied: cst('2025-05-07'), rectifying: cst('2025-05-08'), verified: cst('2025-05-20'), closed: cst('2025-05-21'),
};
const REPLY_DUE = '2025-05-06T15:59:59.999Z';

/** A clerk of the suggestion's target agency. */
const target = (s: Rec) => {
  const code = (s.targetAgency as { code: string }).code;
  return identity(code, ['officer'], code === SCJ ? 'scj-clerk' : 'target-clerk');
};

const SUGGESTION_STEP: Record<string, Step> = {
  APPROVED: (s) => execute(procuratorate, chief, S.approve, { id: s.id, version: s.version, at: SD.approved }),
  SERVED: (s) => execute(procuratorate, officer, S.serve, { id: s.id, version: s.version, at: SD.served }),
  OBJECTED: (s) => execute(procuratorate, target(s), S.object, { id: s.id, version: s.version, reason: '建议事项不属于本单位职责', at: SD.objected }),
  UPHELD: (s) => execute(procuratorate, officer, S.uphold, { id: s.id, version: s.version, reason: '经复核，属于该局法定职责', at: SD.decided }),
  AMENDED: (s) => execute(procuratorate, officer, S.amend, { id: s.id, version: s.version, content: '建议加强对辖区集贸市场的监管（修改后）', at: SD.decided }),
  WITHDRAWN: (s) => execute(procuratorate, officer, S.withdraw, { id: s.id, version: s.version, reason: '异议成立，撤回检察建议', at: SD.decided }),
  REPLIED: (s) => execute(procuratorate, target(s), S.reply, { id: s.id, version: s.version, reply: '已部署专项检查', at: SD.replied }),
  RECTIFYING: (s) => execute(procuratorate, target(s), S.rectify, { id: s.id, version: s.version, plan: '三个月内完成全县排查', at: SD.rectifying }),
  VERIFIED: (s) => execute(procuratorate, officer, S.verify, { id: s.id, version: s.version, note: '回头看：整改到位', at: SD.verified }),
  CLOSED: (s) => execute(procuratorate, officer, S.close, { id: s.id, version: s.version, at: SD.closed }),
  ESCALATED: (s) => execute(procuratorate, officer, S.escalate, { id: s.id, version: s.version, to: '县人民政府', reason: '逾期未回复', at: SD.escalated }),
  DISCARDED: (s) => execute(procuratorate, officer, S.discard, { id: s.id, version: s.version, reason: '问题已自行纠正，不再制发', at: SD.approved }),
};
/** Who takes the step into each status. */
const SUGGESTION_ACTOR: Record<string, string> = {
  APPROVED: 'jcy-chief', OBJECTED: 'scj-clerk', REPLIED: 'scj-clerk', RECTIFYING: 'scj-clerk',
};

const SUGGESTION_PATH: Record<string, string[]> = {
  DRAFT: [], DISCARDED: ['DISCARDED'], APPROVED: ['APPROVED'], SERVED: ['APPROVED', 'SERVED'],
  OBJECTED: ['APPROVED', 'SERVED', 'OBJECTED'], UPHELD: ['APPROVED', 'SERVED', 'OBJECTED', 'UPHELD'],
  AMENDED: ['APPROVED', 'SERVED', 'OBJECTED', 'AMENDED'], WITHDRAWN: ['APPROVED', 'SERVED', 'OBJECTED', 'WITHDRAWN'],
  ESCALATED: ['APPROVED', 'SERVED', 'ESCALATED'], REPLIED: ['APPROVED', 'SERVED', 'REPLIED'],
  RECTIFYING: ['APPROVED', 'SERVED', 'REPLIED', 'RECTIFYING'], VERIFIED: ['APPROVED', 'SERVED', 'REPLIED', 'RECTIFYING', 'VERIFIED'],
  CLOSED: ['APPROVED', 'SERVED', 'REPLIED', 'RECTIFYING', 'VERIFIED', 'CLOSED'],
};

let criminalCase: string;
let publicCase: string;
beforeAll(async () => {
  criminalCase = await newCase('CRIMINAL_PROSECUTION', cst('2025-01-02'));
  publicCase = await newCase('PUBLIC_INTEREST', cst('2025-01-02'));
});

async function draft(patch: Record<string, unknown> = {}): Promise<Rec> {
  return ok(await execute(procuratorate, officer, S.issue, {
    input: { procuratorateCaseId: criminalCase, number: `渑检建〔2025〕${++seq}号`, kind: 'SOCIAL_GOVERNANCE', targetAgencyCode: SCJ, content: '建议加强对辖区集贸市场的监管', issuedAt: SD.issued, ...patch },
  }));
}

async function suggestion(status: string, patch: Record<string, unknown> = {}): Promise<Rec> {
  let s = await draft(patch);
  for (const to of SUGGESTION_PATH[status]) s = ok(await SUGGESTION_STEP[to](s));
  expect(s.status).toBe(status);
  return s;
}

describe('检察建议 suggestion workflow', () => {
  it('issues a DRAFT with its creation in the history and no clock yet', async () => {
    const s = await draft();
    expect(s).toMatchObject({ status: 'DRAFT', version: 0, servedAt: null, replyDueAt: null, allowedNextSteps: ['APPROVED', 'DISCARDED'], deadlines: [], dueAt: null, overdue: false });
    expect(s.history).toEqual([{ at: expect.any(String), actor: 'jcy-clerk', agency: JCY, from: null, to: 'DRAFT', note: null }]);
    const self = await execute(procuratorate, officer, S.issue, { input: { procuratorateCaseId: criminalCase, number: 'X-self', kind: 'OTHER', targetAgencyCode: JCY, content: 'x', issuedAt: SD.issued } });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode' });
  });

  it.each(transitions(SUGGESTION_MACHINE))('allows %s → %s and records it in the history', async (from, to) => {
    const before = await suggestion(from);
    const after = ok(await SUGGESTION_STEP[to](before));
    expect(after).toMatchObject({ status: to, version: before.version + 1 });
    const history = after.history as { from: string; to: string; agency: string; actor: string }[];
    expect(history).toHaveLength((before.history as unknown[]).length + 1);
    const actor = SUGGESTION_ACTOR[to] ?? 'jcy-clerk';
    expect(history.at(-1)).toMatchObject({ from, to, actor, agency: actor.startsWith('scj') ? SCJ : JCY });
    // Served in March 2025, the reply is overdue now: ESCALATED is offered wherever the machine has it.
    expect(after.allowedNextSteps).toEqual(Object.keys(SUGGESTION_MACHINE[to]));
    const stored = await SuggestionModel.findById(after.id).lean<SuggestionDoc>();
    expect(stored!.nextDueAt ?? null).toEqual(suggestionNextDueAt(stored!));
  });

  it('records what each step says', async () => {
    const amended = await suggestion('AMENDED');
    expect(amended).toMatchObject({
      content: '建议加强对辖区集贸市场的监管（修改后）', originalContent: '建议加强对辖区集贸市场的监管', objectionReason: '建议事项不属于本单位职责',
      objectedAt: iso(SD.objected), objectionDecidedAt: iso(SD.decided), objectionAnswer: '删去第二项',
    });
    const withdrawn = await suggestion('WITHDRAWN');
    expect(withdrawn).toMatchObject({ withdrawnAt: iso(SD.decided), withdrawalReason: '异议成立，撤回检察建议', allowedNextSteps: [], deadlines: [], overdue: false });
    const closed = await suggestion('CLOSED');
    expect(closed).toMatchObject({
      approvedAt: iso(SD.approved), servedAt: iso(SD.served), replyDueAt: REPLY_DUE, repliedAt: iso(SD.replied), reply: '已部署专项检查',
      rectificationStartedAt: iso(SD.rectifying), rectificationPlan: '三个月内完成全县排查', verifiedAt: iso(SD.verified),
      verificationNote: '回头看：整改到位', closedAt: iso(SD.closed), deadlines: [], dueAt: null, overdue: false,
    });
    const escalated = await suggestion('ESCALATED');
    expect(escalated).toMatchObject({ escalatedAt: iso(SD.escalated), escalatedTo: '县人民政府', escalationReason: '逾期未回复', allowedNextSteps: ['REPLIED'] });
    const discarded = await suggestion('DISCARDED');
    expect(discarded).toMatchObject({
      discardedAt: iso(SD.approved), discardReason: '问题已自行纠正，不再制发', approvedAt: null, servedAt: null, allowedNextSteps: [], deadlines: [], dueAt: null, overdue: false,
    });
    expect(discarded.history).toContainEqual(expect.objectContaining({ from: 'DRAFT', to: 'DISCARDED', agency: JCY, note: '问题已自行纠正，不再制发' }));
    expect(escalated.history).toContainEqual(expect.objectContaining({ from: 'SERVED', to: 'ESCALATED', note: '逾期未回复' }));
  });

  it('lets the target agency report rectification progress without changing the status', async () => {
    const s = await suggestion('RECTIFYING');
    const r = ok(await execute(procuratorate, scj, S.progress, { id: s.id, version: s.version, progress: '已完成60%', at: cst('2025-05-15') }));
    expect(r).toMatchObject({ status: 'RECTIFYING', version: s.version + 1, rectificationProgress: '已完成60%', rectificationReportedAt: iso(cst('2025-05-15')) });
    expect((r.history as unknown[]).at(-1)).toMatchObject({ from: 'RECTIFYING', to: 'RECTIFYING', agency: SCJ, note: '已完成60%' });
    const byJcy = await execute(procuratorate, officer, S.progress, { id: s.id, version: r.version, progress: 'x' });
    expect(errorCode(byJcy)).toBe('FORBIDDEN');
    const replied = await suggestion('REPLIED');
    const early = await execute(procuratorate, scj, S.progress, { id: replied.id, version: replied.version, progress: 'x' });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed: ['RECTIFYING'] });
  });

  describe('refuses moves the status does not allow (CONFLICT naming the allowed next steps)', () => {
    const records = new Map<string, Rec>();
    beforeAll(async () => {
      for (const status of Object.keys(SUGGESTION_MACHINE)) records.set(status, await suggestion(status));
    });
    const refused = Object.keys(SUGGESTION_MACHINE).flatMap((from) =>
      Object.keys(SUGGESTION_STEP).filter((to) => !(to in SUGGESTION_MACHINE[from as keyof typeof SUGGESTION_MACHINE])).map((to) => [from, to]),
    );
    it('covers every status', () => expect(new Set(refused.map(([f]) => f)).size).toBe(13));
    // The target may not read a suggestion before it is served (nor a discarded draft): its steps then get FORBIDDEN, revealing no status.
    const unseen = (from: string, to: string) => ['DRAFT', 'APPROVED', 'DISCARDED'].includes(from) && ['OBJECTED', 'REPLIED', 'RECTIFYING'].includes(to);
    it.each(refused)('%s → %s', async (from, to) => {
      const s = records.get(from)!;
      const r = await SUGGESTION_STEP[to](s);
      if (unseen(from, to)) {
        expect(errorCode(r)).toBe('FORBIDDEN');
        expect(r.errors?.[0].message).not.toContain(from);
      } else {
        expect(errorCode(r)).toBe('CONFLICT');
        expect(r.errors?.[0].extensions?.allowed).toEqual(Object.keys(SUGGESTION_MACHINE[from as keyof typeof SUGGESTION_MACHINE]));
        expect(r.errors?.[0].message).toContain(from);
      }
      expect(await SuggestionModel.findById(s.id).lean()).toMatchObject({ status: from, version: s.version });
    });
  });

  it('refuses escalation before the reply is overdue, and does not offer it', async () => {
    const s = await suggestion('APPROVED');
    const served = ok(await execute(procuratorate, officer, S.serve, { id: s.id, version: s.version, at: new Date(Date.now() - 10 * MS_DAY) }));
    expect(served).toMatchObject({ overdue: false, allowedNextSteps: ['OBJECTED', 'REPLIED'] });
    const r = await execute(procuratorate, officer, S.escalate, { id: s.id, version: served.version, to: '县人民政府', reason: '拖延' });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed: ['OBJECTED', 'REPLIED'] });
    expect(await SuggestionModel.findById(s.id).lean()).toMatchObject({ status: 'SERVED', version: served.version });
  });

  it('refuses a step by the wrong agency or role (FORBIDDEN), changing nothing', async () => {
    const d = await draft();
    const byOfficer = await execute(procuratorate, officer, S.approve, { id: d.id, version: d.version });
    expect(errorCode(byOfficer)).toBe('FORBIDDEN');
    expect(byOfficer.errors?.[0].message).toContain('supervisor');
    expect(errorCode(await execute(procuratorate, identity(SCJ, ['supervisor']), S.approve, { id: d.id, version: d.version }))).toBe('FORBIDDEN');
    // The target takes no part in a draft (it cannot even read it), nor does a viewer of the procuratorate discard.
    expect(errorCode(await execute(procuratorate, scj, S.discard, { id: d.id, version: d.version, reason: '不需要' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(JCY, ['viewer']), S.discard, { id: d.id, version: d.version, reason: '不需要' }))).toBe('FORBIDDEN');
    const a = await suggestion('APPROVED');
    expect(errorCode(await execute(procuratorate, scj, S.serve, { id: a.id, version: a.version }))).toBe('FORBIDDEN');
    expect(await SuggestionModel.findById(a.id).lean()).toMatchObject({ status: 'APPROVED', version: a.version });
    const s = await suggestion('SERVED');
    const cases: [string, ReturnType<typeof identity>, string, Record<string, unknown>][] = [
      ['the procuratorate replying for the target', officer, S.reply, { reply: '已整改' }],
      ['the procuratorate objecting for the target', officer, S.object, { reason: '异议' }],
      ['an agency outside the workflow replying', hbj, S.reply, { reply: '已整改' }],
      ['a viewer of the target replying', identity(SCJ, ['viewer']), S.reply, { reply: '已整改' }],
      ['the target escalating', scj, S.escalate, { to: '县政府', reason: '逾期' }],
    ];
    for (const [, who, m, args] of cases) {
      expect(errorCode(await execute(procuratorate, who, m, { id: s.id, version: s.version, ...args }))).toBe('FORBIDDEN');
    }
    expect(await SuggestionModel.findById(s.id).lean()).toMatchObject({ status: 'SERVED', version: s.version });
    expect(await SuggestionModel.findById(d.id).lean()).toMatchObject({ status: 'DRAFT', version: d.version });
  });

  it('lets exactly one of two concurrent moves with the same version win', async () => {
    const s = await suggestion('SERVED');
    oneWins(await Promise.allSettled([
      SUGGESTION_STEP.REPLIED(s),
      execute(procuratorate, identity(SCJ, ['officer'], 'scj-other'), S.object, { id: s.id, version: s.version, reason: '不属于本单位职责' }),
    ]));
    const stored = await SuggestionModel.findById(s.id).lean<SuggestionDoc>();
    expect(stored!.version).toBe(s.version + 1);
    expect(stored!.history.filter((h) => h.from === 'SERVED')).toHaveLength(1);
    const d = await draft();
    oneWins(await Promise.allSettled([SUGGESTION_STEP.APPROVED(d), execute(procuratorate, identity(JCY, ['supervisor'], 'jcy-deputy'), S.approve, { id: d.id, version: d.version })]));
  });

  it.each([
    ['an objection without a reason', 'SERVED', scj, S.object, { reason: '  ' }, 'reason'],
    ['an upheld objection without a reason', 'OBJECTED', officer, S.uphold, { reason: '' }, 'reason'],
    ['a withdrawal without a reason', 'OBJECTED', officer, S.withdraw, { reason: ' ' }, 'reason'],
    ['an amendment without content', 'OBJECTED', officer, S.amend, { content: ' ' }, 'content'],
    ['an empty reply', 'SERVED', scj, S.reply, { reply: '' }, 'reply'],
    ['a rectification without a plan', 'REPLIED', scj, S.rectify, { plan: '' }, 'plan'],
    ['a 回头看 without a note', 'RECTIFYING', officer, S.verify, { note: ' ' }, 'note'],
    ['an escalation without whom to', 'SERVED', officer, S.escalate, { to: ' ', reason: '逾期' }, 'escalatedTo'],
    ['a discard without a reason', 'DRAFT', officer, S.discard, { reason: '  ' }, 'reason'],
    ['a discard before the issue', 'DRAFT', officer, S.discard, { reason: '不再制发', at: cst('2025-03-02') }, 'discardedAt'],
    ['service before approval', 'APPROVED', officer, S.serve, { at: cst('2025-03-03') }, 'servedAt'],
    ['a reply in the future', 'SERVED', scj, S.reply, { reply: '已整改', at: '2999-01-01' }, 'repliedAt'],
    ['an objection before service', 'SERVED', scj, S.object, { reason: '异议', at: cst('2025-03-04') }, 'objectedAt'],
  ])('refuses %s (BAD_USER_INPUT) and leaves the record unchanged', async (_, status, who, m, args, field) => {
    const s = await suggestion(status);
    const r = await execute(procuratorate, who, m, { id: s.id, version: s.version, ...args });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await SuggestionModel.findById(s.id).lean()).toMatchObject({ status, version: s.version });
  });

  it('runs the reply clock from service through objection until the reply', async () => {
    const clock = [{ rule: 'suggestionReply', dueAt: REPLY_DUE, overdue: true }];
    for (const status of ['SERVED', 'OBJECTED', 'UPHELD', 'AMENDED', 'ESCALATED']) {
      expect(await suggestion(status)).toMatchObject({ replyDueAt: REPLY_DUE, deadlines: clock, dueAt: REPLY_DUE, overdue: true });
    }
    for (const status of ['APPROVED', 'REPLIED', 'WITHDRAWN', 'CLOSED', 'DISCARDED']) {
      expect(await suggestion(status)).toMatchObject({ deadlines: [], dueAt: null, overdue: false });
    }
    const harm = await execute(procuratorate, officer, S.issue, {
      input: { procuratorateCaseId: publicCase, number: `渑检行公建〔2025〕${++seq}号`, kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: HBJ, content: '督促履职', issuedAt: SD.issued, harmSpreading: true },
    });
    let h = ok(harm);
    h = ok(await SUGGESTION_STEP.APPROVED(h));
    h = ok(await SUGGESTION_STEP.SERVED(h));
    // Served Wed 5 March: 15 days end on Thu 20 March.
    expect(h).toMatchObject({ replyDueAt: '2025-03-20T15:59:59.999Z', deadlines: [{ rule: 'suggestionReplyHarmSpreading', dueAt: '2025-03-20T15:59:59.999Z', overdue: true }] });
  });

  it.each([
    ['31 March → 31 May, a Saturday in 端午 (31 May–2 June) → Tuesday 3 June', '2025-03-31', 'SOCIAL_GOVERNANCE', false, '2025-06-03T15:59:59.999Z'],
    ['31 December → 28 February', '2024-12-31', 'CORRECT_VIOLATION', false, '2025-02-28T15:59:59.999Z'],
    ['30 December 2023 → 29 February (leap year)', '2023-12-30', 'OTHER', false, '2024-02-29T15:59:59.999Z'],
    ['31 August → 31 October, a Friday', '2025-08-31', 'OTHER', false, '2025-10-31T15:59:59.999Z'],
    ['pre-suit without spreading harm: two months too, 1 May in 劳动节 (1–5 May) → Tuesday 6 May', '2025-03-01', 'PUBLIC_INTEREST_PRE_SUIT', false, '2025-05-06T15:59:59.999Z'],
    ['pre-suit with spreading harm: 15 days, Sunday 16 March → Monday 17', '2025-03-01', 'PUBLIC_INTEREST_PRE_SUIT', true, '2025-03-17T15:59:59.999Z'],
  ])('reply due date at a month end: %s', (_, served, kind, harmSpreading, due) => {
    const s = { status: 'SERVED' as const, kind: kind as SuggestionDoc['kind'], harmSpreading, servedAt: cst(served, '10:00:00'), repliedAt: null, withdrawnAt: null };
    expect(suggestionReplyDueAt(s)?.toISOString()).toBe(due);
    const at = new Date(due);
    expect(main(suggestionClocks(s, at))).toMatchObject({ overdue: false });
    expect(main(suggestionClocks(s, new Date(at.getTime() + 1)))).toMatchObject({ overdue: true });
    // A reply at the last instant is in time; the clock stops and no longer runs.
    const replied = { ...s, status: 'REPLIED' as const, repliedAt: at };
    expect(suggestionClocks(replied, new Date(at.getTime() + MS_DAY))[0]).toMatchObject({ overdue: false, running: false });
    expect(suggestionNextDueAt(replied)).toBeNull();
  });

  it('filters overdue suggestions on the stored due date', async () => {
    const LYJ = '411221-LYJ';
    const late = await suggestion('UPHELD', { targetAgencyCode: LYJ });
    const replied = await suggestion('REPLIED', { targetAgencyCode: LYJ });
    const fresh = await suggestion('APPROVED', { targetAgencyCode: LYJ });
    ok(await execute(procuratorate, officer, S.serve, { id: fresh.id, version: fresh.version }));
    const list = async (overdue: boolean) => {
      const r = await execute(procuratorate, officer, `query($f: SuggestionFilter) { suggestions(filter: $f) { totalCount nodes { id overdue } } }`, { f: { targetAgencyCode: LYJ, overdue } });
      expect(r.errors).toBeUndefined();
      return r.data!.suggestions;
    };
    expect(await list(true)).toEqual({ totalCount: 1, nodes: [{ id: late.id, overdue: true }] });
    expect((await list(false)).nodes.map((n: { id: string }) => n.id).sort()).toEqual([replied.id, fresh.id].sort());
  });
});

// ── 公益诉讼 ──────────────────────────────────────────────────────────────────────────────────────

const PI = `id type status version acceptedAt filedAt consultationStartedAt consultationAgency { code } preSuitSuggestion { id status }
  preSuitSuggestionAt preSuitReplyDueAt followUpAt followUpNote terminatedAt terminationReason noticeIssuedAt litigatedAt court closedAt
  allowedNextSteps dueAt overdue deadlines { rule dueAt overdue } history { at actor agency from to note }`;
const P = {
  file: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: filePublicInterestCase(id: $id, version: $version, filedAt: $at) { ${PI} } }`,
  consult: `mutation($id: ID!, $version: Int!, $at: DateTime, $agency: ID) { r: startPublicInterestConsultation(id: $id, version: $version, startedAt: $at, agencyCode: $agency) { ${PI} } }`,
  preSuit: `mutation($id: ID!, $version: Int!, $suggestionId: ID!) { r: recordPreSuitSuggestion(id: $id, version: $version, suggestionId: $suggestionId) { ${PI} } }`,
  followUp: `mutation($id: ID!, $version: Int!, $note: String!, $at: DateTime) { r: followUpPublicInterestCase(id: $id, version: $version, note: $note, followedUpAt: $at) { ${PI} } }`,
  terminate: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime, $notice: DateTime) { r: terminatePublicInterestCase(id: $id, version: $version, reason: $reason, terminatedAt: $at, noticeIssuedAt: $notice) { ${PI} } }`,
  notice: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: issueTerminationNotice(id: $id, version: $version, noticeIssuedAt: $at) { ${PI} } }`,
  litigate: `mutation($id: ID!, $version: Int!, $court: String!, $at: DateTime) { r: litigatePublicInterestCase(id: $id, version: $version, court: $court, litigatedAt: $at) { ${PI} } }`,
};
/** Filed Fri 10 January 2025; the pre-suit suggestion served Wed 5 February, its reply due at the end of Mon 7 April. */
const PD = {
  filed: cst('2025-01-10'), consulted: cst('2025-01-15'), issued: cst('2025-02-03'), approved: cst('2025-02-04'), served: cst('2025-02-05'),
  followUp: cst('2025-04-10'), terminated: cst('2025-04-20'), litigated: cst('2025-05-10'),
};
const PRE_SUIT_REPLY_DUE = '2025-04-07T15:59:59.999Z';

/** A served PUBLIC_INTEREST_PRE_SUIT suggestion of the case. */
async function servedPreSuit(caseId: string): Promise<Rec> {
  let s = ok(await execute(procuratorate, officer, S.issue, {
    input: { procuratorateCaseId: caseId, number: `渑检行公建〔2025〕${++seq}号`, kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: HBJ, content: '督促依法履行监管职责', issuedAt: PD.issued },
  }));
  s = ok(await execute(procuratorate, chief, S.approve, { id: s.id, version: s.version, at: PD.approved }));
  return ok(await execute(procuratorate, officer, S.serve, { id: s.id, version: s.version, at: PD.served }));
}

const CASE_STEP: Record<string, Step> = {
  FILED: (c) => execute(procuratorate, officer, P.file, { id: c.id, version: c.version, at: PD.filed }),
  CONSULTATION: (c) => execute(procuratorate, officer, P.consult, { id: c.id, version: c.version, at: PD.consulted, agency: HBJ }),
  PRE_SUIT_SUGGESTION: async (c) => execute(procuratorate, officer, P.preSuit, { id: c.id, version: c.version, suggestionId: (await servedPreSuit(c.id)).id }),
  FOLLOW_UP: (c) => execute(procuratorate, officer, P.followUp, { id: c.id, version: c.version, note: '现场查看整改情况', at: PD.followUp }),
  TERMINATED: (c) => execute(procuratorate, officer, P.terminate, { id: c.id, version: c.version, reason: '行政机关已依法全面履职', at: PD.terminated }),
  LITIGATED: (c) => execute(procuratorate, officer, P.litigate, { id: c.id, version: c.version, court: '渑池县人民法院', at: PD.litigated }),
};
const CASE_PATH: Record<string, string[]> = {
  CLUE: [], FILED: ['FILED'], CONSULTATION: ['FILED', 'CONSULTATION'], PRE_SUIT_SUGGESTION: ['FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION'],
  FOLLOW_UP: ['FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP'],
  TERMINATED: ['FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP', 'TERMINATED'],
  LITIGATED: ['FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP', 'LITIGATED'],
};

async function publicInterest(status: string): Promise<Rec> {
  const id = await newCase('PUBLIC_INTEREST');
  let c = ok(await execute(procuratorate, officer, `query($id: ID!) { r: procuratorateCase(id: $id) { ${PI} } }`, { id }));
  for (const to of CASE_PATH[status]) c = ok(await CASE_STEP[to](c));
  expect(c.status).toBe(status);
  return c;
}

describe('公益诉讼 public-interest case steps', () => {
  it('creates a CLUE with its creation in the history', async () => {
    const c = await publicInterest('CLUE');
    expect(c).toMatchObject({ version: 0, allowedNextSteps: ['FILED'], deadlines: [], dueAt: null, overdue: false });
    expect(c.history).toEqual([{ at: expect.any(String), actor: 'jcy-clerk', agency: JCY, from: null, to: 'CLUE', note: null }]);
  });

  it.each(transitions(PUBLIC_INTEREST_MACHINE))('allows %s → %s and records it in the history', async (from, to) => {
    const before = await publicInterest(from);
    const after = ok(await CASE_STEP[to](before));
    expect(after).toMatchObject({ status: to, version: before.version + 1, allowedNextSteps: Object.keys(PUBLIC_INTEREST_MACHINE[to]) });
    expect(after.history).toHaveLength((before.history as unknown[]).length + 1);
    expect((after.history as unknown[]).at(-1)).toMatchObject({ from, to, agency: JCY, actor: 'jcy-clerk' });
    const stored = await ProcuratorateCaseModel.findById(after.id).lean<ProcuratorateCaseDoc>();
    expect(stored!.nextDueAt ?? null).toEqual(caseNextDueAt(stored!));
  });

  it('records what each step says', async () => {
    const t = await publicInterest('TERMINATED');
    expect(t).toMatchObject({
      filedAt: iso(PD.filed), consultationStartedAt: iso(PD.consulted), consultationAgency: { code: HBJ }, preSuitSuggestion: { status: 'SERVED' },
      preSuitSuggestionAt: iso(PD.issued), preSuitReplyDueAt: PRE_SUIT_REPLY_DUE, followUpAt: iso(PD.followUp), followUpNote: '现场查看整改情况',
      terminatedAt: iso(PD.terminated), closedAt: iso(PD.terminated), terminationReason: '行政机关已依法全面履职', noticeIssuedAt: null,
    });
    expect(await publicInterest('LITIGATED')).toMatchObject({ litigatedAt: iso(PD.litigated), court: '渑池县人民法院', allowedNextSteps: [], deadlines: [] });
  });

  describe('refuses moves the status does not allow (CONFLICT naming the allowed next steps)', () => {
    const records = new Map<string, Rec>();
    beforeAll(async () => {
      for (const status of Object.keys(PUBLIC_INTEREST_MACHINE)) records.set(status, await publicInterest(status));
    });
    const refused = Object.keys(PUBLIC_INTEREST_MACHINE).flatMap((from) =>
      Object.keys(CASE_STEP).filter((to) => !(to in PUBLIC_INTEREST_MACHINE[from as keyof typeof PUBLIC_INTEREST_MACHINE])).map((to) => [from, to]),
    );
    it('covers every status', () => expect(new Set(refused.map(([f]) => f)).size).toBe(7));
    it.each(refused)('%s → %s', async (from, to) => {
      const c = records.get(from)!;
      const r = await CASE_STEP[to](c);
      expect(errorCode(r)).toBe('CONFLICT');
      expect(r.errors?.[0].extensions?.allowed).toEqual(Object.keys(PUBLIC_INTEREST_MACHINE[from as keyof typeof PUBLIC_INTEREST_MACHINE]));
      expect(await ProcuratorateCaseModel.findById(c.id).lean()).toMatchObject({ status: from, version: c.version });
    });
  });

  it('keeps other kinds of case and the update mutation out of these steps', async () => {
    const criminal = await newCase('CRIMINAL_PROSECUTION');
    const r = await execute(procuratorate, officer, P.file, { id: criminal, version: 0 });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', allowed: [] });
    expect(r.errors?.[0].message).toContain('CRIMINAL_PROSECUTION');
    const c = await publicInterest('FILED');
    for (const input of [{ status: 'FOLLOW_UP' }, { closedAt: iso(PD.filed) }]) {
      const u = await execute(procuratorate, officer, UPDATE_CASE, { id: c.id, input: { version: c.version, ...input } });
      expect(u.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: Object.keys(input)[0] });
    }
    expect(await ProcuratorateCaseModel.findById(c.id).lean()).toMatchObject({ status: 'FILED', version: c.version });
  });

  it('adds the status changes of an ordinary case made by updateProcuratorateCase to its history', async () => {
    const id = await newCase('CRIMINAL_PROSECUTION');
    const u = ok(await execute(procuratorate, officer, UPDATE_CASE, { id, input: { version: 0, status: 'UNDER_REVIEW' } }));
    expect(u).toMatchObject({ status: 'UNDER_REVIEW', history: [{ from: null, to: 'ACCEPTED' }, { from: 'ACCEPTED', to: 'UNDER_REVIEW' }] });
    const t = ok(await execute(procuratorate, officer, UPDATE_CASE, { id, input: { version: 1, title: '改名' } }));
    expect(t.history).toHaveLength(2);
  });

  it('refuses a step by another agency or a viewer (FORBIDDEN), changing nothing', async () => {
    const c = await publicInterest('FILED');
    expect(errorCode(await execute(procuratorate, hbj, P.consult, { id: c.id, version: c.version }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(SCJ, ['supervisor']), P.terminate, { id: c.id, version: c.version, reason: '已履职' }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(JCY, ['viewer']), P.consult, { id: c.id, version: c.version }))).toBe('FORBIDDEN');
    expect(await ProcuratorateCaseModel.findById(c.id).lean()).toMatchObject({ status: 'FILED', version: c.version });
  });

  it('lets exactly one of two concurrent moves with the same version win', async () => {
    const c = await publicInterest('FOLLOW_UP');
    oneWins(await Promise.allSettled([CASE_STEP.TERMINATED(c), CASE_STEP.LITIGATED(c)]));
    const stored = await ProcuratorateCaseModel.findById(c.id).lean<ProcuratorateCaseDoc>();
    expect(stored!.version).toBe(c.version + 1);
    expect(stored!.history.filter((h) => h.from === 'FOLLOW_UP')).toHaveLength(1);
  });

  it('links only a served pre-suit suggestion of the same case, issued after the last step', async () => {
    const c = await publicInterest('CONSULTATION');
    const other = await servedPreSuit(await newCase('PUBLIC_INTEREST'));
    const notServed = ok(await execute(procuratorate, officer, S.issue, {
      input: { procuratorateCaseId: c.id, number: `渑检行公建〔2025〕${++seq}号`, kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: HBJ, content: '督促', issuedAt: PD.issued },
    }));
    const wrongKind = ok(await execute(procuratorate, officer, S.issue, {
      input: { procuratorateCaseId: c.id, number: `渑检建〔2025〕${++seq}号`, kind: 'OTHER', targetAgencyCode: HBJ, content: '建议', issuedAt: PD.issued },
    }));
    const tooEarly = ok(await execute(procuratorate, officer, S.issue, {
      input: { procuratorateCaseId: c.id, number: `渑检行公建〔2025〕${++seq}号`, kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: HBJ, content: '督促', issuedAt: cst('2025-01-12') },
    }));
    for (const suggestionId of [other.id, notServed.id, wrongKind.id, tooEarly.id, 'f'.repeat(24)]) {
      const r = await execute(procuratorate, officer, P.preSuit, { id: c.id, version: c.version, suggestionId });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestionId' });
    }
    expect(await ProcuratorateCaseModel.findById(c.id).lean()).toMatchObject({ status: 'CONSULTATION', version: c.version });
  });

  it.each([
    ['a termination without a reason', 'FOLLOW_UP', P.terminate, { reason: ' ' }, 'reason'],
    ['a follow-up without a note', 'PRE_SUIT_SUGGESTION', P.followUp, { note: '' }, 'note'],
    ['a suit without a court', 'FOLLOW_UP', P.litigate, { court: ' ', at: PD.litigated }, 'court'],
    ['a filing before the clue', 'CLUE', P.file, { at: cst('2025-01-01') }, 'filedAt'],
    ['a consultation with an unknown agency', 'FILED', P.consult, { agency: '411221-XXX' }, 'agencyCode'],
    ['a notice before the termination', 'FOLLOW_UP', P.terminate, { reason: '已履职', at: PD.terminated, notice: cst('2025-04-19') }, 'noticeIssuedAt'],
  ])('refuses %s (BAD_USER_INPUT) and leaves the case unchanged', async (_, status, m, args, field) => {
    const c = await publicInterest(status);
    const r = await execute(procuratorate, officer, m, { id: c.id, version: c.version, ...args });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await ProcuratorateCaseModel.findById(c.id).lean()).toMatchObject({ status, version: c.version });
  });

  it('refuses a suit within the reply period of the pre-suit suggestion', async () => {
    let c = await publicInterest('PRE_SUIT_SUGGESTION');
    c = ok(await execute(procuratorate, officer, P.followUp, { id: c.id, version: c.version, note: '跟进', at: cst('2025-03-20') }));
    const early = await execute(procuratorate, officer, P.litigate, { id: c.id, version: c.version, court: '渑池县人民法院', at: cst('2025-04-07', '20:00:00') });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'litigatedAt' });
    expect(early.errors?.[0].message).toContain('reply period');
    const inTime = ok(await execute(procuratorate, officer, P.litigate, { id: c.id, version: c.version, court: '渑池县人民法院', at: cst('2025-04-08') }));
    expect(inTime).toMatchObject({ status: 'LITIGATED', deadlines: [], overdue: false });
  });

  it('runs the decision, suit-decision and termination-notice clocks in their statuses', async () => {
    // Filed Fri 10 January: decide by the end of Thu 10 April.
    const decision = [{ rule: 'publicInterestDecision', dueAt: '2025-04-10T15:59:59.999Z', overdue: true }];
    expect(await publicInterest('FILED')).toMatchObject({ deadlines: decision, dueAt: '2025-04-10T15:59:59.999Z', overdue: true });
    expect(await publicInterest('CONSULTATION')).toMatchObject({ deadlines: decision });
    // Reply period ends Mon 7 April; two months on is Sat 7 June → Mon 9 June.
    const suit = [{ rule: 'publicInterestSuitDecision', dueAt: '2025-06-09T15:59:59.999Z', overdue: true }];
    expect(await publicInterest('PRE_SUIT_SUGGESTION')).toMatchObject({ preSuitReplyDueAt: PRE_SUIT_REPLY_DUE, deadlines: suit });
    const followUp = await publicInterest('FOLLOW_UP');
    expect(followUp).toMatchObject({ deadlines: suit });
    // Terminated Sun 20 April: the notice is due by Sun 27 April, a 调休 working day (劳动节 2025).
    const t = await publicInterest('TERMINATED');
    expect(t).toMatchObject({ deadlines: [{ rule: 'terminationNotice', dueAt: '2025-04-27T15:59:59.999Z', overdue: true }], overdue: true });
    const noticed = ok(await execute(procuratorate, officer, P.notice, { id: t.id, version: t.version, at: cst('2025-04-25') }));
    expect(noticed).toMatchObject({ status: 'TERMINATED', version: t.version + 1, noticeIssuedAt: iso(cst('2025-04-25')), deadlines: [], overdue: false });
    expect((noticed.history as unknown[]).at(-1)).toMatchObject({ from: 'TERMINATED', to: 'TERMINATED' });
    const again = await execute(procuratorate, officer, P.notice, { id: t.id, version: noticed.version });
    expect(errorCode(again)).toBe('CONFLICT');
    const early = await execute(procuratorate, officer, P.notice, { id: followUp.id, version: followUp.version });
    expect(errorCode(early)).toBe('CONFLICT');
  });

  it('judges each clock at its edge', () => {
    const base = { type: 'PUBLIC_INTEREST' as const, preSuitSuggestionAt: null, preSuitReplyDueAt: null, terminatedAt: null, noticeIssuedAt: null, litigatedAt: null };
    const filed = { ...base, status: 'FILED' as const, filedAt: cst('2024-11-30', '10:00:00') };
    // 30 November + 3 months = 28 February 2025 (month end clamps), a Friday.
    const due = periodEnd(filed.filedAt, { months: 3 });
    expect(iso(due)).toBe('2025-02-28T15:59:59.999Z');
    expect(main(caseClocks(filed, due))).toMatchObject({ rule: 'publicInterestDecision', overdue: false });
    expect(main(caseClocks(filed, new Date(due.getTime() + 1)))).toMatchObject({ overdue: true });
    // A reply period ending on 31 March: two months on is Sat 31 May, in 端午 (31 May–2 June) → Tue 3 June.
    const suit = { ...base, status: 'FOLLOW_UP' as const, filedAt: filed.filedAt, preSuitSuggestionAt: cst('2025-01-06'), preSuitReplyDueAt: new Date('2025-03-31T15:59:59.999Z') };
    expect(main(caseClocks(suit))).toMatchObject({ rule: 'publicInterestSuitDecision', dueAt: new Date('2025-06-03T15:59:59.999Z') });
    expect(main(caseClocks(suit, new Date('2025-06-03T15:59:59.999Z')))!.overdue).toBe(false);
    expect(main(caseClocks(suit, new Date('2025-06-03T16:00:00.000Z')))!.overdue).toBe(true);
    const terminated = { ...base, status: 'TERMINATED' as const, filedAt: filed.filedAt, terminatedAt: cst('2025-03-03') };
    expect(main(caseClocks(terminated, new Date('2025-03-10T15:59:59.999Z')))).toMatchObject({ rule: 'terminationNotice', overdue: false });
    expect(main(caseClocks(terminated, new Date('2025-03-10T16:00:00.000Z')))).toMatchObject({ overdue: true });
    expect(caseClocks({ ...terminated, type: 'CRIMINAL_PROSECUTION' })).toEqual([]);
  });

  it('filters public-interest cases whose owed step is overdue', async () => {
    const late = await publicInterest('FILED');
    const done = await publicInterest('LITIGATED');
    const fresh = await publicInterest('CLUE');
    const filed = ok(await execute(procuratorate, officer, P.file, { id: fresh.id, version: fresh.version }));
    const ids = async (overdue: boolean) => {
      const r = await execute(procuratorate, officer, `query($f: ProcuratorateCaseFilter) { procuratorateCases(filter: $f, first: 100) { nodes { id } } }`,
        { f: { type: 'PUBLIC_INTEREST', overdue } });
      expect(r.errors).toBeUndefined();
      return r.data!.procuratorateCases.nodes.map((n: { id: string }) => n.id);
    };
    const overdue = await ids(true);
    expect(overdue).toContain(late.id);
    expect(overdue).not.toContain(done.id);
    expect(overdue).not.toContain(filed.id);
    expect(await ids(false)).toEqual(expect.arrayContaining([done.id, filed.id]));
  });
});

// ── 行刑反向衔接 ──────────────────────────────────────────────────────────────────────────────────

const RR = `id status version nonProsecutedAt referredAt reviewStartedAt pauses { from to reason } opinionIssuedAt opinion terminatedAt terminationReason
  agencyDecidedAt agencyDecisionKind agencyDecision resultReportedAt result competentAgency { code }
  allowedNextSteps dueAt overdue deadlines { rule dueAt overdue } history { at actor agency from to note }`;
const R = {
  create: `mutation($input: ReverseReferralInput!) { r: createReverseReferral(input: $input) { ${RR} } }`,
  refer: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: referReverseReferral(id: $id, version: $version, referredAt: $at) { ${RR} } }`,
  start: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: startReverseReview(id: $id, version: $version, startedAt: $at) { ${RR} } }`,
  suspend: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: suspendReverseReview(id: $id, version: $version, reason: $reason, suspendedAt: $at) { ${RR} } }`,
  resume: `mutation($id: ID!, $version: Int!, $at: DateTime) { r: resumeReverseReview(id: $id, version: $version, resumedAt: $at) { ${RR} } }`,
  opinion: `mutation($id: ID!, $version: Int!, $opinion: String!, $at: DateTime) { r: issueReverseOpinion(id: $id, version: $version, opinion: $opinion, issuedAt: $at) { ${RR} } }`,
  terminate: `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { r: terminateReverseReview(id: $id, version: $version, reason: $reason, terminatedAt: $at) { ${RR} } }`,
  decide: `mutation($id: ID!, $version: Int!, $kind: ReverseReferralDecisionKind!, $decision: String!, $at: DateTime) {
    r: recordReverseAgencyDecision(id: $id, version: $version, kind: $kind, decision: $decision, decidedAt: $at) { ${RR} } }`,
  report: `mutation($id: ID!, $version: Int!, $result: String!, $at: DateTime) { r: reportReverseReferralResult(id: $id, version: $version, result: $result, reportedAt: $at) { ${RR} } }`,
};
/** Non-prosecution on Mon 3 March 2025; referred Wed 5 March (review due at the end of Wed 19 March). */
const RD = {
  decided: cst('2025-03-03'), referred: cst('2025-03-05'), started: cst('2025-03-06'), suspended: cst('2025-03-10'), resumed: cst('2025-03-20'),
  opinion: cst('2025-03-25'), agencyDecided: cst('2025-04-10'), reported: cst('2025-04-15'),
};

const REFERRAL_STEP: Record<string, { to: string; from?: string; run: Step }> = {
  refer: { to: 'REFERRED', run: (r) => execute(procuratorate, officer, R.refer, { id: r.id, version: r.version, at: RD.referred }) },
  start: { to: 'UNDER_REVIEW', from: 'REFERRED', run: (r) => execute(procuratorate, officer, R.start, { id: r.id, version: r.version, at: RD.started }) },
  suspend: { to: 'SUSPENDED', run: (r) => execute(procuratorate, officer, R.suspend, { id: r.id, version: r.version, reason: '被不起诉人提出申诉', at: RD.suspended }) },
  resume: { to: 'UNDER_REVIEW', from: 'SUSPENDED', run: (r) => execute(procuratorate, officer, R.resume, { id: r.id, version: r.version, at: RD.resumed }) },
  opinion: { to: 'OPINION_ISSUED', run: (r) => execute(procuratorate, officer, R.opinion, { id: r.id, version: r.version, opinion: '建议依法给予行政处罚', at: RD.opinion }) },
  terminate: { to: 'TERMINATED', run: (r) => execute(procuratorate, officer, R.terminate, { id: r.id, version: r.version, reason: '已被给予行政处罚', at: RD.opinion }) },
  decide: { to: 'AGENCY_DECIDED', run: (r) => execute(procuratorate, scj, R.decide, { id: r.id, version: r.version, kind: 'ADMINISTRATIVE_PENALTY', decision: '罚款五千元', at: RD.agencyDecided }) },
  report: { to: 'RESULT_REPORTED', run: (r) => execute(procuratorate, scj, R.report, { id: r.id, version: r.version, result: '已作出行政处罚决定并执行', at: RD.reported }) },
};
const REFERRAL_PATH: Record<string, string[]> = {
  NON_PROSECUTED: [], REFERRED: ['refer'], UNDER_REVIEW: ['refer', 'start'], SUSPENDED: ['refer', 'start', 'suspend'],
  OPINION_ISSUED: ['refer', 'start', 'opinion'], TERMINATED: ['refer', 'start', 'terminate'],
  AGENCY_DECIDED: ['refer', 'start', 'opinion', 'decide'], RESULT_REPORTED: ['refer', 'start', 'opinion', 'decide', 'report'],
};
/** The step name of a move (UNDER_REVIEW is reached by starting or by resuming the review). */
const stepOf = (from: string, to: string) => Object.entries(REFERRAL_STEP).find(([, s]) => s.to === to && (!s.from || s.from === from))![0];

async function nonProsecuted(decidedAt = RD.decided): Promise<string> {
  const id = await newCase('CRIMINAL_PROSECUTION', cst('2025-01-02'));
  const u = await execute(procuratorate, officer, UPDATE_CASE, { id, input: { version: 0, decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY', decidedAt } });
  expect(u.errors).toBeUndefined();
  return id;
}

async function referral(status: string): Promise<Rec> {
  let r = ok(await execute(procuratorate, officer, R.create, { input: { procuratorateCaseId: await nonProsecuted(), competentAgencyCode: SCJ } }));
  for (const step of REFERRAL_PATH[status]) r = ok(await REFERRAL_STEP[step].run(r));
  expect(r.status).toBe(status);
  return r;
}

describe('行刑反向衔接 reverse referral workflow', () => {
  it('creates NON_PROSECUTED (or REFERRED when referred already) with its creation in the history', async () => {
    const r = await referral('NON_PROSECUTED');
    expect(r).toMatchObject({ version: 0, nonProsecutedAt: iso(RD.decided), allowedNextSteps: ['REFERRED'], competentAgency: { code: SCJ } });
    expect(r.history).toEqual([{ at: expect.any(String), actor: 'jcy-clerk', agency: JCY, from: null, to: 'NON_PROSECUTED', note: null }]);
    const referred = ok(await execute(procuratorate, officer, R.create, { input: { procuratorateCaseId: await nonProsecuted(), competentAgencyCode: SCJ, referredAt: RD.referred } }));
    expect(referred).toMatchObject({ status: 'REFERRED', allowedNextSteps: ['UNDER_REVIEW'], history: [expect.objectContaining({ from: null, to: 'REFERRED' })] });
    const toSelf = await execute(procuratorate, officer, R.create, { input: { procuratorateCaseId: await nonProsecuted(), competentAgencyCode: JCY } });
    expect(toSelf.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'competentAgencyCode' });
  });

  it.each(transitions(REFERRAL_MACHINE))('allows %s → %s and records it in the history', async (from, to) => {
    const before = await referral(from);
    const after = ok(await REFERRAL_STEP[stepOf(from, to)].run(before));
    expect(after).toMatchObject({ status: to, version: before.version + 1, allowedNextSteps: Object.keys(REFERRAL_MACHINE[to]) });
    expect(after.history).toHaveLength((before.history as unknown[]).length + 1);
    const agency = to === 'AGENCY_DECIDED' || to === 'RESULT_REPORTED' ? SCJ : JCY;
    expect((after.history as unknown[]).at(-1)).toMatchObject({ from, to, agency, actor: agency === SCJ ? 'scj-clerk' : 'jcy-clerk' });
    const stored = await ReverseReferralModel.findById(after.id).lean<ReverseReferralDoc>();
    expect(stored!.nextDueAt ?? null).toEqual(referralNextDueAt(stored!));
  });

  it('records what each step says', async () => {
    const r = await referral('RESULT_REPORTED');
    expect(r).toMatchObject({
      referredAt: iso(RD.referred), reviewStartedAt: iso(RD.started), opinionIssuedAt: iso(RD.opinion), opinion: '建议依法给予行政处罚',
      agencyDecidedAt: iso(RD.agencyDecided), agencyDecisionKind: 'ADMINISTRATIVE_PENALTY', agencyDecision: '罚款五千元',
      resultReportedAt: iso(RD.reported), result: '已作出行政处罚决定并执行', allowedNextSteps: [], deadlines: [], overdue: false,
    });
    expect(await referral('TERMINATED')).toMatchObject({ terminatedAt: iso(RD.opinion), terminationReason: '已被给予行政处罚' });
  });

  describe('refuses moves the status does not allow (CONFLICT naming the allowed next steps)', () => {
    const records = new Map<string, Rec>();
    beforeAll(async () => {
      for (const status of Object.keys(REFERRAL_MACHINE)) records.set(status, await referral(status));
    });
    const refused = Object.keys(REFERRAL_MACHINE).flatMap((from) =>
      Object.entries(REFERRAL_STEP)
        .filter(([, s]) => !(s.to in REFERRAL_MACHINE[from as keyof typeof REFERRAL_MACHINE] && (!s.from || s.from === from)))
        .map(([name]) => [from, name]),
    );
    it('covers every status', () => expect(new Set(refused.map(([f]) => f)).size).toBe(8));
    it.each(refused)('%s: %s', async (from, name) => {
      const r = records.get(from)!;
      const res = await REFERRAL_STEP[name].run(r);
      if (from === 'NON_PROSECUTED' && ['decide', 'report'].includes(name)) {
        // The competent agency may not read a referral before it is referred: FORBIDDEN, revealing no status.
        expect(errorCode(res)).toBe('FORBIDDEN');
        expect(res.errors?.[0].message).not.toContain(from);
      } else {
        expect(errorCode(res)).toBe('CONFLICT');
        expect(res.errors?.[0].extensions?.allowed).toEqual(Object.keys(REFERRAL_MACHINE[from as keyof typeof REFERRAL_MACHINE]));
        expect(res.errors?.[0].message).toContain(from);
      }
      expect(await ReverseReferralModel.findById(r.id).lean()).toMatchObject({ status: from, version: r.version });
    });
  });

  it('refuses a step by the wrong agency or role (FORBIDDEN), changing nothing', async () => {
    const r = await referral('NON_PROSECUTED');
    expect(errorCode(await execute(procuratorate, scj, R.refer, { id: r.id, version: r.version }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, hbj, R.refer, { id: r.id, version: r.version }))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(JCY, ['viewer']), R.refer, { id: r.id, version: r.version }))).toBe('FORBIDDEN');
    const o = await referral('OPINION_ISSUED');
    const decide = { id: o.id, version: o.version, kind: 'ADMINISTRATIVE_PENALTY', decision: '罚款' };
    expect(errorCode(await execute(procuratorate, officer, R.decide, decide))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity(SCJ, ['viewer']), R.decide, decide))).toBe('FORBIDDEN');
    expect(errorCode(await execute(procuratorate, identity('411221-NYJ', ['supervisor']), R.decide, decide))).toBe('FORBIDDEN');
    expect(await ReverseReferralModel.findById(r.id).lean()).toMatchObject({ status: 'NON_PROSECUTED', version: r.version });
    expect(await ReverseReferralModel.findById(o.id).lean()).toMatchObject({ status: 'OPINION_ISSUED', version: o.version });
  });

  it('lets exactly one of two concurrent moves with the same version win', async () => {
    const r = await referral('UNDER_REVIEW');
    oneWins(await Promise.allSettled([REFERRAL_STEP.opinion.run(r), REFERRAL_STEP.terminate.run(r)]));
    const stored = await ReverseReferralModel.findById(r.id).lean<ReverseReferralDoc>();
    expect(stored!.version).toBe(r.version + 1);
    expect(stored!.history.filter((h) => h.from === 'UNDER_REVIEW')).toHaveLength(1);
  });

  it.each([
    ['a suspension without a reason', 'UNDER_REVIEW', officer, R.suspend, { reason: ' ' }, 'reason'],
    ['a termination without a reason', 'UNDER_REVIEW', officer, R.terminate, { reason: '' }, 'reason'],
    ['an empty opinion', 'UNDER_REVIEW', officer, R.opinion, { opinion: ' ' }, 'opinion'],
    ['an empty agency decision', 'OPINION_ISSUED', scj, R.decide, { kind: 'NO_PENALTY', decision: '' }, 'decision'],
    ['an empty result', 'AGENCY_DECIDED', scj, R.report, { result: ' ' }, 'result'],
    ['a referral before the decision', 'NON_PROSECUTED', officer, R.refer, { at: cst('2025-03-02') }, 'referredAt'],
    ['a resumption before the suspension', 'SUSPENDED', officer, R.resume, { at: cst('2025-03-09') }, 'resumedAt'],
    ['a decision in the future', 'OPINION_ISSUED', scj, R.decide, { kind: 'ADMINISTRATIVE_PENALTY', decision: '罚款', at: '2999-01-01' }, 'decidedAt'],
  ])('refuses %s (BAD_USER_INPUT) and leaves the record unchanged', async (_, status, who, m, args, field) => {
    const r = await referral(status);
    const res = await execute(procuratorate, who, m, { id: r.id, version: r.version, ...args });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await ReverseReferralModel.findById(r.id).lean()).toMatchObject({ status, version: r.version });
  });

  it('runs the referral clock in working days from the non-prosecution decision', async () => {
    // Mon 3 March + 3 working days = Thu 6 March.
    expect(await referral('NON_PROSECUTED')).toMatchObject({
      deadlines: [{ rule: 'reverseReferral', dueAt: '2025-03-06T15:59:59.999Z', overdue: true }], dueAt: '2025-03-06T15:59:59.999Z', overdue: true,
    });
    // Decided Fri 7 March: the weekend does not count → Wed 12 March.
    const r = { status: 'NON_PROSECUTED' as const, nonProsecutedAt: cst('2025-03-07', '16:00:00'), referredAt: null, opinionIssuedAt: null, terminatedAt: null, pauses: [] };
    expect(main(referralClocks(r, new Date('2025-03-12T15:59:59.999Z')))).toMatchObject({ rule: 'reverseReferral', overdue: false });
    expect(main(referralClocks(r, new Date('2025-03-12T16:00:00.000Z')))).toMatchObject({ overdue: true });
    // Referred on the last day: in time, and the clock no longer runs.
    const referred = { ...r, status: 'REFERRED' as const, referredAt: new Date('2025-03-12T15:59:59.999Z') };
    expect(referralClocks(referred, new Date('2026-01-01'))[0]).toMatchObject({ rule: 'reverseReferral', overdue: false, running: false });
  });

  it('pauses the review clock while suspended (never overdue then) and moves its end by the suspension', async () => {
    // Referred Wed 5 March + 10 working days = Wed 19 March.
    expect(await referral('UNDER_REVIEW')).toMatchObject({ deadlines: [{ rule: 'reverseReview', dueAt: '2025-03-19T15:59:59.999Z', overdue: true }] });
    const suspended = await referral('SUSPENDED');
    expect(suspended).toMatchObject({ overdue: false, pauses: [{ from: iso(RD.suspended), to: null, reason: '被不起诉人提出申诉' }] });
    expect((suspended.deadlines as { overdue: boolean }[])[0]).toMatchObject({ rule: 'reverseReview', overdue: false });
    expect((await ReverseReferralModel.findById(suspended.id).lean())!.nextDueAt).toBeNull();
    // Suspended 10 March 09:00 → 20 March 09:00: the working days 11–14 and 17–20 March do not count, so the tenth
    // working day after the referral is Mon 31 March (6, 7, 10, 21, 24–28, 31); overdue again now.
    const resumed = ok(await REFERRAL_STEP.resume.run(suspended));
    expect(resumed).toMatchObject({
      status: 'UNDER_REVIEW', pauses: [{ from: iso(RD.suspended), to: iso(RD.resumed) }],
      deadlines: [{ rule: 'reverseReview', dueAt: '2025-03-31T15:59:59.999Z', overdue: true }], overdue: true,
    });
    expect(iso((await ReverseReferralModel.findById(resumed.id).lean())!.nextDueAt!)).toBe('2025-03-31T15:59:59.999Z');

    const base = { nonProsecutedAt: RD.decided, referredAt: RD.referred, opinionIssuedAt: null, terminatedAt: null };
    const paused = { ...base, status: 'SUSPENDED' as const, pauses: [{ from: cst('2025-03-18'), to: null, reason: '复议' }] };
    expect(main(referralClocks(paused, new Date('2025-06-01')))).toMatchObject({ overdue: false });
    expect(referralNextDueAt(paused)).toBeNull();
    const after = { ...base, status: 'UNDER_REVIEW' as const, pauses: [{ from: cst('2025-03-18'), to: cst('2025-03-21'), reason: '复议' }] };
    // Suspended 18 March 09:00 → 21 March 09:00: 19–21 March do not count → the tenth working day is Mon 24 March.
    const due = new Date('2025-03-24T15:59:59.999Z');
    expect(main(referralClocks(after, due))).toMatchObject({ dueAt: due, overdue: false });
    expect(main(referralClocks(after, new Date(due.getTime() + 1)))).toMatchObject({ overdue: true });
    // An opinion at the moved end is in time.
    const issued = { ...after, status: 'OPINION_ISSUED' as const, opinionIssuedAt: due };
    expect(referralClocks(issued, new Date('2026-01-01'))[1]).toMatchObject({ rule: 'reverseReview', overdue: false, running: false });
  });

  it('runs the reply clock of the competent agency from the 检察意见 (two months, reverseOpinionReply) until its decision', async () => {
    // Opinion Tue 25 March 2025: two months end on Sunday 25 May, a rest day → Monday 26 May.
    const waiting = await referral('OPINION_ISSUED');
    const due = '2025-05-26T15:59:59.999Z';
    expect(waiting).toMatchObject({ deadlines: [{ rule: 'reverseOpinionReply', dueAt: due, overdue: true }], dueAt: due, overdue: true });
    expect(iso((await ReverseReferralModel.findById(waiting.id).lean())!.nextDueAt!)).toBe(due);
    const decided = ok(await REFERRAL_STEP.decide.run(waiting));
    expect(decided).toMatchObject({ status: 'AGENCY_DECIDED', deadlines: [], dueAt: null, overdue: false });
    expect((await ReverseReferralModel.findById(decided.id).lean())!.nextDueAt).toBeNull();

    // At its edge: issued Tue 15 April, due at the end of Monday 16 June (Sunday 15 June rolls); a decision then is in time.
    const issued = {
      status: 'OPINION_ISSUED' as const, nonProsecutedAt: RD.decided, referredAt: RD.referred, opinionIssuedAt: cst('2025-04-15', '15:00:00'),
      terminatedAt: null, agencyDecidedAt: null, pauses: [],
    };
    const end = new Date('2025-06-16T15:59:59.999Z');
    expect(main(referralClocks(issued, end))).toMatchObject({ rule: 'reverseOpinionReply', dueAt: end, overdue: false });
    expect(main(referralClocks(issued, new Date(end.getTime() + 1)))).toMatchObject({ rule: 'reverseOpinionReply', overdue: true });
    expect(referralNextDueAt(issued)).toEqual(end);
    const inTime = { ...issued, status: 'AGENCY_DECIDED' as const, agencyDecidedAt: end };
    expect(referralClocks(inTime, new Date('2026-01-01')).find((c) => c.rule === 'reverseOpinionReply')).toMatchObject({ overdue: false, running: false });
    expect(referralNextDueAt(inTime)).toBeNull();
  });

  it('filters overdue referrals on the stored due date', async () => {
    const late = await referral('UNDER_REVIEW');
    const unanswered = await referral('OPINION_ISSUED');
    const suspended = await referral('SUSPENDED');
    const done = await referral('RESULT_REPORTED');
    const recent = ok(await execute(procuratorate, officer, R.create, { input: { procuratorateCaseId: await nonProsecuted(new Date(Date.now() - MS_DAY)), competentAgencyCode: SCJ } }));
    const ids = async (overdue: boolean) => {
      const r = await execute(procuratorate, officer, `query($f: ReverseReferralFilter) { reverseReferrals(filter: $f, first: 100) { nodes { id } } }`, { f: { overdue } });
      expect(r.errors).toBeUndefined();
      return r.data!.reverseReferrals.nodes.map((n: { id: string }) => n.id);
    };
    const overdue = await ids(true);
    expect(overdue).toEqual(expect.arrayContaining([late.id, unanswered.id]));
    for (const id of [suspended.id, done.id, recent.id]) expect(overdue).not.toContain(id);
    expect(await ids(false)).toEqual(expect.arrayContaining([suspended.id, done.id, recent.id]));
  });
});

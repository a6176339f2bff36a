import { useDatabase } from '../helpers/db';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import type { Result } from '../helpers/subgraph';

// 检察建议, 公益诉讼 and 行刑反向衔接 through the gateway, as the users of each agency involved would walk them.
useDatabase();

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const JCY = '411221-JCY';
const SCJ = '411221-SCJ';
const HBJ = '411221-HBJ';
const clerk: Caller = { agency: JCY, roles: ['officer'], userId: 'jcy-clerk' };
const chief: Caller = { agency: JCY, roles: ['supervisor'], userId: 'jcy-chief' };
const scjClerk: Caller = { agency: SCJ, roles: ['officer'], userId: 'scj-clerk' };
const hbjClerk: Caller = { agency: HBJ, roles: ['officer'], userId: 'hbj-clerk' };
const NOW = Date.now();
/** An instant n days before the start of this test file (one base, so that differences are exact). */
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

type Node = { id: string; version: number; status: string; [k: string]: unknown };

async function step(who: Caller, query: string, variables: Record<string, unknown>): Promise<Node> {
  const r = await hub.query(who, query, variables);
  expect(r.errors).toBeUndefined();
  expect(r.data).toBeTruthy();
  return Object.values(r.data!)[0] as Node;
}

const code = (r: Result) => r.errors?.[0]?.extensions?.code;
const trail = (n: Node) => (n.history as { agency: string; from: string | null; to: string }[]).map((h) => `${h.agency}:${h.from ?? '-'}→${h.to}`);

const CASE = `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) { id status version } }`;

const SUG = `id status version number content reply rectificationPlan rectificationProgress verificationNote objectionReason objectionAnswer
  servedAt replyDueAt repliedAt closedAt dueAt overdue deadlines { rule dueAt overdue } allowedNextSteps
  targetAgency { code name } procuratorateCase { caseNumber } history { actor agency from to note }`;

describe('检察建议 from DRAFT to CLOSED, through the gateway', () => {
  it('is drafted, approved and served by the procuratorate, objected to, replied and rectified by the 市场监管局, verified and closed', async () => {
    const kase = await step(clerk, CASE, { input: { caseNumber: '渑检行监〔2026〕E1号', type: 'ADMINISTRATIVE_SUPERVISION', title: '行政处罚决定监督案', acceptedAt: daysAgo(40) } });
    let s = await step(clerk, `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { ${SUG} } }`, {
      input: { procuratorateCaseId: kase.id, number: '渑检建〔2026〕E1号', kind: 'SOCIAL_GOVERNANCE', targetAgencyCode: SCJ, content: '建议加强集贸市场食品安全监管', issuedAt: daysAgo(20) },
    });
    expect(s).toMatchObject({ status: 'DRAFT', allowedNextSteps: ['APPROVED', 'DISCARDED'], deadlines: [], targetAgency: { code: SCJ }, procuratorateCase: { caseNumber: '渑检行监〔2026〕E1号' } });

    const APPROVE = `mutation($id: ID!, $version: Int!, $at: DateTime) { approveSuggestion(id: $id, version: $version, approvedAt: $at) { ${SUG} } }`;
    expect(code(await hub.query(clerk, APPROVE, { id: s.id, version: s.version, at: daysAgo(19) }))).toBe('FORBIDDEN'); // a supervisor approves
    expect(code(await hub.query({ agency: SCJ, roles: ['supervisor'] }, APPROVE, { id: s.id, version: s.version, at: daysAgo(19) }))).toBe('FORBIDDEN');
    s = await step(chief, APPROVE, { id: s.id, version: s.version, at: daysAgo(19) });
    expect(s).toMatchObject({ status: 'APPROVED', allowedNextSteps: ['SERVED'] });

    s = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { serveSuggestion(id: $id, version: $version, servedAt: $at) { ${SUG} } }`, { id: s.id, version: s.version, at: daysAgo(18) });
    expect(s).toMatchObject({ status: 'SERVED', overdue: false, allowedNextSteps: ['OBJECTED', 'REPLIED'], deadlines: [{ rule: 'suggestionReply', overdue: false }] });
    expect(s.dueAt).toBe(s.replyDueAt);
    expect(new Date(s.replyDueAt as string).getTime()).toBeGreaterThan(Date.now() + 30 * 86_400_000); // two months from service

    // The 市场监管局 sees the suggestion addressed to it and objects.
    const inbox = await hub.query(scjClerk, `query { suggestions(filter: { targetAgencyCode: "${SCJ}", status: SERVED }) { nodes { id number } } }`);
    expect(inbox.data?.suggestions.nodes).toContainEqual({ id: s.id, number: '渑检建〔2026〕E1号' });
    const OBJECT = `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { objectToSuggestion(id: $id, version: $version, reason: $reason, objectedAt: $at) { ${SUG} } }`;
    expect(code(await hub.query(clerk, OBJECT, { id: s.id, version: s.version, reason: '代为异议' }))).toBe('FORBIDDEN');
    s = await step(scjClerk, OBJECT, { id: s.id, version: s.version, reason: '部分事项属于农业农村局职责', at: daysAgo(16) });
    expect(s).toMatchObject({ status: 'OBJECTED', objectionReason: '部分事项属于农业农村局职责', allowedNextSteps: ['UPHELD', 'AMENDED', 'WITHDRAWN'], overdue: false });

    s = await step(clerk, `mutation($id: ID!, $version: Int!, $reason: String!, $at: DateTime) { upholdSuggestion(id: $id, version: $version, reason: $reason, decidedAt: $at) { ${SUG} } }`, {
      id: s.id, version: s.version, reason: '经复核，集贸市场食品安全属市场监管局职责', at: daysAgo(14),
    });
    expect(s).toMatchObject({ status: 'UPHELD', allowedNextSteps: ['REPLIED'], deadlines: [{ rule: 'suggestionReply', overdue: false }] });

    const REPLY = `mutation($id: ID!, $version: Int!, $reply: String!, $at: DateTime) { replyToSuggestion(id: $id, version: $version, reply: $reply, repliedAt: $at) { ${SUG} } }`;
    const stale = await hub.query(scjClerk, REPLY, { id: s.id, version: s.version - 1, reply: '已部署', at: daysAgo(10) });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: s.version });
    s = await step(scjClerk, REPLY, { id: s.id, version: s.version, reply: '已部署全县集贸市场专项检查', at: daysAgo(10) });
    expect(s).toMatchObject({ status: 'REPLIED', reply: '已部署全县集贸市场专项检查', deadlines: [], dueAt: null, overdue: false, allowedNextSteps: ['RECTIFYING'] });

    s = await step(scjClerk, `mutation($id: ID!, $version: Int!, $plan: String!, $at: DateTime) { startSuggestionRectification(id: $id, version: $version, plan: $plan, startedAt: $at) { ${SUG} } }`, {
      id: s.id, version: s.version, plan: '一个月内完成12个集贸市场排查', at: daysAgo(9),
    });
    s = await step(scjClerk, `mutation($id: ID!, $version: Int!, $progress: String!, $at: DateTime) { reportRectificationProgress(id: $id, version: $version, progress: $progress, reportedAt: $at) { ${SUG} } }`, {
      id: s.id, version: s.version, progress: '已排查12个市场，立案3起', at: daysAgo(5),
    });
    expect(s).toMatchObject({ status: 'RECTIFYING', rectificationPlan: '一个月内完成12个集贸市场排查', rectificationProgress: '已排查12个市场，立案3起', allowedNextSteps: ['VERIFIED'] });

    const VERIFY = `mutation($id: ID!, $version: Int!, $note: String!, $at: DateTime) { verifySuggestion(id: $id, version: $version, note: $note, verifiedAt: $at) { ${SUG} } }`;
    expect(code(await hub.query(scjClerk, VERIFY, { id: s.id, version: s.version, note: '自查' }))).toBe('FORBIDDEN');
    s = await step(clerk, VERIFY, { id: s.id, version: s.version, note: '回头看：整改到位', at: daysAgo(2) });
    s = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { closeSuggestion(id: $id, version: $version, closedAt: $at) { ${SUG} } }`, { id: s.id, version: s.version, at: daysAgo(1) });
    expect(s).toMatchObject({ status: 'CLOSED', allowedNextSteps: [], verificationNote: '回头看：整改到位', closedAt: daysAgo(1), deadlines: [], overdue: false });
    expect(trail(s)).toEqual([
      `${JCY}:-→DRAFT`, `${JCY}:DRAFT→APPROVED`, `${JCY}:APPROVED→SERVED`, `${SCJ}:SERVED→OBJECTED`, `${JCY}:OBJECTED→UPHELD`,
      `${SCJ}:UPHELD→REPLIED`, `${SCJ}:REPLIED→RECTIFYING`, `${SCJ}:RECTIFYING→RECTIFYING`, `${JCY}:RECTIFYING→VERIFIED`, `${JCY}:VERIFIED→CLOSED`,
    ]);
    expect((s.history as { actor: string }[]).map((h) => h.actor)).toContain('jcy-chief');
  });
});

const PI = `id status version filedAt consultationAgency { code } preSuitSuggestion { id status replyDueAt } preSuitReplyDueAt
  terminatedAt terminationReason noticeIssuedAt closedAt dueAt overdue deadlines { rule dueAt overdue } allowedNextSteps history { actor agency from to note }`;

describe('公益诉讼 case from CLUE to TERMINATED, through the gateway', () => {
  it('is walked by the procuratorate, with the 生态环境分局 answering the pre-suit suggestion', async () => {
    let c = await step(clerk, `mutation($input: ProcuratorateCaseInput!) { createProcuratorateCase(input: $input) { ${PI} } }`, {
      input: { caseNumber: '渑检公益〔2026〕E1号', type: 'PUBLIC_INTEREST', title: '生态环境保护公益诉讼案', acceptedAt: daysAgo(90), publicInterestField: '生态环境和资源保护' },
    });
    expect(c).toMatchObject({ status: 'CLUE', allowedNextSteps: ['FILED'], deadlines: [] });

    const FILE = `mutation($id: ID!, $version: Int!, $at: DateTime) { filePublicInterestCase(id: $id, version: $version, filedAt: $at) { ${PI} } }`;
    expect(code(await hub.query(hbjClerk, FILE, { id: c.id, version: c.version, at: daysAgo(80) }))).toBe('FORBIDDEN');
    c = await step(clerk, FILE, { id: c.id, version: c.version, at: daysAgo(80) });
    expect(c).toMatchObject({ status: 'FILED', overdue: false, deadlines: [{ rule: 'publicInterestDecision', overdue: false }], allowedNextSteps: ['CONSULTATION', 'PRE_SUIT_SUGGESTION', 'TERMINATED'] });

    c = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { startPublicInterestConsultation(id: $id, version: $version, agencyCode: "${HBJ}", startedAt: $at) { ${PI} } }`, {
      id: c.id, version: c.version, at: daysAgo(75),
    });
    expect(c).toMatchObject({ status: 'CONSULTATION', consultationAgency: { code: HBJ }, deadlines: [{ rule: 'publicInterestDecision' }] });

    // 磋商 did not settle it: a pre-suit suggestion to the 生态环境分局, approved and served.
    let s = await step(clerk, `mutation($input: SuggestionInput!) { issueSuggestion(input: $input) { id version status } }`, {
      input: { procuratorateCaseId: c.id, number: '渑检行公建〔2026〕E1号', kind: 'PUBLIC_INTEREST_PRE_SUIT', targetAgencyCode: HBJ, content: '督促依法查处非法排污', issuedAt: daysAgo(60) },
    });
    const PRE_SUIT = `mutation($id: ID!, $version: Int!, $s: ID!) { recordPreSuitSuggestion(id: $id, version: $version, suggestionId: $s) { ${PI} } }`;
    const unserved = await hub.query(clerk, PRE_SUIT, { id: c.id, version: c.version, s: s.id });
    expect(unserved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suggestionId' });
    s = await step(chief, `mutation($id: ID!, $version: Int!, $at: DateTime) { approveSuggestion(id: $id, version: $version, approvedAt: $at) { id version status } }`, { id: s.id, version: s.version, at: daysAgo(59) });
    s = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { serveSuggestion(id: $id, version: $version, servedAt: $at) { id version status } }`, { id: s.id, version: s.version, at: daysAgo(58) });
    c = await step(clerk, PRE_SUIT, { id: c.id, version: c.version, s: s.id });
    expect(c).toMatchObject({ status: 'PRE_SUIT_SUGGESTION', preSuitSuggestion: { id: s.id, status: 'SERVED' }, allowedNextSteps: ['FOLLOW_UP'] });
    expect(c.preSuitReplyDueAt).toBe((c.preSuitSuggestion as { replyDueAt: string }).replyDueAt);
    expect(c.deadlines).toEqual([{ rule: 'publicInterestSuitDecision', dueAt: expect.any(String), overdue: false }]);

    s = await step(hbjClerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { replyToSuggestion(id: $id, version: $version, reply: "已责令停产整治并处罚款", repliedAt: $at) { id version status } }`, {
      id: s.id, version: s.version, at: daysAgo(30),
    });
    expect(s.status).toBe('REPLIED');

    c = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { followUpPublicInterestCase(id: $id, version: $version, note: "现场回访，排污口已封堵", followedUpAt: $at) { ${PI} } }`, {
      id: c.id, version: c.version, at: daysAgo(20),
    });
    expect(c).toMatchObject({ status: 'FOLLOW_UP', allowedNextSteps: ['TERMINATED', 'LITIGATED'] });

    c = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { terminatePublicInterestCase(id: $id, version: $version, reason: "行政机关已依法全面履职，公益得到有效保护", terminatedAt: $at) { ${PI} } }`, {
      id: c.id, version: c.version, at: daysAgo(5),
    });
    expect(c).toMatchObject({ status: 'TERMINATED', allowedNextSteps: [], noticeIssuedAt: null, overdue: false, deadlines: [{ rule: 'terminationNotice', overdue: false }] });
    expect(c.closedAt).toBe(c.terminatedAt);

    c = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { issueTerminationNotice(id: $id, version: $version, noticeIssuedAt: $at) { ${PI} } }`, { id: c.id, version: c.version, at: daysAgo(3) });
    expect(c).toMatchObject({ status: 'TERMINATED', deadlines: [], dueAt: null, overdue: false });
    expect(trail(c)).toEqual([
      `${JCY}:-→CLUE`, `${JCY}:CLUE→FILED`, `${JCY}:FILED→CONSULTATION`, `${JCY}:CONSULTATION→PRE_SUIT_SUGGESTION`,
      `${JCY}:PRE_SUIT_SUGGESTION→FOLLOW_UP`, `${JCY}:FOLLOW_UP→TERMINATED`, `${JCY}:TERMINATED→TERMINATED`,
    ]);
  });
});

const RR = `id status version nonProsecutedAt referredAt reviewStartedAt pauses { from to reason } opinion opinionIssuedAt agencyDecisionKind
  agencyDecision agencyDecidedAt result resultReportedAt dueAt overdue deadlines { rule dueAt overdue } allowedNextSteps
  competentAgency { code } procuratorateCase { caseNumber decision } history { actor agency from to note }`;

describe('行刑反向衔接 from NON_PROSECUTED to RESULT_REPORTED, through the gateway', () => {
  it('is referred and reviewed by the procuratorate, then decided and reported by the 市场监管局', async () => {
    const kase = await step(clerk, CASE, { input: { caseNumber: '渑检刑诉受〔2026〕E1号', type: 'CRIMINAL_PROSECUTION', title: '涉嫌销售伪劣产品案', acceptedAt: daysAgo(60) } });
    await step(clerk, `mutation($id: ID!) { updateProcuratorateCase(id: $id, input: { version: 0, decision: NON_PROSECUTION, nonProsecutionKind: DISCRETIONARY, decidedAt: "${daysAgo(16)}" }) { id version status } }`, { id: kase.id });

    let r = await step(clerk, `mutation($input: ReverseReferralInput!) { createReverseReferral(input: $input) { ${RR} } }`, {
      input: { procuratorateCaseId: kase.id, competentAgencyCode: SCJ },
    });
    expect(r).toMatchObject({ status: 'NON_PROSECUTED', allowedNextSteps: ['REFERRED'], competentAgency: { code: SCJ }, procuratorateCase: { decision: 'NON_PROSECUTION' } });
    expect(r.deadlines).toEqual([{ rule: 'reverseReferral', dueAt: expect.any(String), overdue: true }]); // decided 16 days ago, not referred yet

    const REFER = `mutation($id: ID!, $version: Int!, $at: DateTime) { referReverseReferral(id: $id, version: $version, referredAt: $at) { ${RR} } }`;
    expect(code(await hub.query(scjClerk, REFER, { id: r.id, version: r.version, at: daysAgo(15) }))).toBe('FORBIDDEN');
    r = await step(clerk, REFER, { id: r.id, version: r.version, at: daysAgo(15) });
    expect(r).toMatchObject({ status: 'REFERRED', deadlines: [{ rule: 'reverseReview' }], allowedNextSteps: ['UNDER_REVIEW'] });

    r = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { startReverseReview(id: $id, version: $version, startedAt: $at) { ${RR} } }`, { id: r.id, version: r.version, at: daysAgo(14) });
    const dueBefore = new Date(r.dueAt as string).getTime();

    r = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { suspendReverseReview(id: $id, version: $version, reason: "被不起诉人提出申诉", suspendedAt: $at) { ${RR} } }`, { id: r.id, version: r.version, at: daysAgo(13) });
    expect(r).toMatchObject({ status: 'SUSPENDED', overdue: false, allowedNextSteps: ['UNDER_REVIEW'], pauses: [{ reason: '被不起诉人提出申诉', to: null }] });
    r = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { resumeReverseReview(id: $id, version: $version, resumedAt: $at) { ${RR} } }`, { id: r.id, version: r.version, at: daysAgo(6) });
    expect(r).toMatchObject({ status: 'UNDER_REVIEW', overdue: false, allowedNextSteps: ['SUSPENDED', 'OPINION_ISSUED', 'TERMINATED'] });
    expect(new Date(r.dueAt as string).getTime() - dueBefore).toBe(7 * 86_400_000); // the suspension does not count

    r = await step(clerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { issueReverseOpinion(id: $id, version: $version, opinion: "建议依法给予行政处罚", issuedAt: $at) { ${RR} } }`, { id: r.id, version: r.version, at: daysAgo(4) });
    // The 市场监管局 now owes its decision on the opinion within two months (reverseOpinionReply).
    expect(r).toMatchObject({ status: 'OPINION_ISSUED', deadlines: [{ rule: 'reverseOpinionReply', overdue: false }], overdue: false, allowedNextSteps: ['AGENCY_DECIDED'] });

    // The 市场监管局 finds the opinion addressed to it, decides and reports back.
    const inbox = await hub.query(scjClerk, `query { reverseReferrals(filter: { competentAgencyCode: "${SCJ}", status: OPINION_ISSUED }) { nodes { id opinion } } }`);
    expect(inbox.data?.reverseReferrals.nodes).toContainEqual({ id: r.id, opinion: '建议依法给予行政处罚' });
    const DECIDE = `mutation($id: ID!, $version: Int!, $at: DateTime) { recordReverseAgencyDecision(id: $id, version: $version, kind: ADMINISTRATIVE_PENALTY, decision: "没收违法所得并罚款二万元", decidedAt: $at) { ${RR} } }`;
    expect(code(await hub.query(clerk, DECIDE, { id: r.id, version: r.version, at: daysAgo(3) }))).toBe('FORBIDDEN');
    expect(code(await hub.query(hbjClerk, DECIDE, { id: r.id, version: r.version, at: daysAgo(3) }))).toBe('FORBIDDEN');
    r = await step(scjClerk, DECIDE, { id: r.id, version: r.version, at: daysAgo(3) });
    expect(r).toMatchObject({ status: 'AGENCY_DECIDED', agencyDecisionKind: 'ADMINISTRATIVE_PENALTY', allowedNextSteps: ['RESULT_REPORTED'] });
    r = await step(scjClerk, `mutation($id: ID!, $version: Int!, $at: DateTime) { reportReverseReferralResult(id: $id, version: $version, result: "处罚决定已执行完毕", reportedAt: $at) { ${RR} } }`, { id: r.id, version: r.version, at: daysAgo(1) });
    expect(r).toMatchObject({ status: 'RESULT_REPORTED', result: '处罚决定已执行完毕', allowedNextSteps: [], deadlines: [], overdue: false });
    expect(trail(r)).toEqual([
      `${JCY}:-→NON_PROSECUTED`, `${JCY}:NON_PROSECUTED→REFERRED`, `${JCY}:REFERRED→UNDER_REVIEW`, `${JCY}:UNDER_REVIEW→SUSPENDED`,
      `${JCY}:SUSPENDED→UNDER_REVIEW`, `${JCY}:UNDER_REVIEW→OPINION_ISSUED`, `${SCJ}:OPINION_ISSUED→AGENCY_DECIDED`, `${SCJ}:AGENCY_DECIDED→RESULT_REPORTED`,
    ]);
  });
});

import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { chinaYear } from '../lib/calendar';
import type { Machine, StatusChange } from '../lib/workflow';
import { caseNextDueAt, referralNextDueAt, suggestionNextDueAt, suggestionReplyDueAt } from '../subgraphs/procuratorate/deadlines';
import {
  ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel,
  type ProcuratorateCaseDoc, type PublicInterestStatus, type ReverseReferralDoc, type SuggestionDoc,
} from '../subgraphs/procuratorate/models';
import {
  PUBLIC_INTEREST_MACHINE, RECTIFICATION_PROGRESS, REFERRAL_MACHINE, SUGGESTION_MACHINE, TERMINATION_NOTICE,
  type Act, type PublicInterestCaseDoc,
} from '../subgraphs/procuratorate/workflow';
import type {
  ProcuratorateCaseStatus, ProcuratorateCaseType, ReverseReferralStatus, SuggestionKind, SuggestionStatus,
} from '../subgraphs/procuratorate/__generated__/resolvers-types';
import { addDays, DAY, notAfter, seedId, type Random } from './random';
import { scaled, type SeedWorld } from './world';

const TYPE_WEIGHTS: readonly (readonly [ProcuratorateCaseType, number])[] = [
  ['CRIMINAL_PROSECUTION', 70], ['PUBLIC_INTEREST', 12], ['ADMINISTRATIVE_SUPERVISION', 10], ['CIVIL_SUPERVISION', 8],
];
const TYPE_CODE: Record<ProcuratorateCaseType, string> = {
  CRIMINAL_PROSECUTION: '刑诉受', PUBLIC_INTEREST: '公益', ADMINISTRATIVE_SUPERVISION: '行监', CIVIL_SUPERVISION: '民监',
};
const TITLES: Record<ProcuratorateCaseType, string[]> = {
  CRIMINAL_PROSECUTION: ['涉嫌盗窃案', '涉嫌危险驾驶案', '涉嫌诈骗案', '涉嫌故意伤害案', '涉嫌污染环境案', '涉嫌生产、销售伪劣产品案', '涉嫌非法占用农用地案'],
  PUBLIC_INTEREST: ['食品安全领域公益诉讼案', '生态环境保护公益诉讼案', '国有财产保护公益诉讼案', '文物保护公益诉讼案'],
  ADMINISTRATIVE_SUPERVISION: ['行政非诉执行监督案', '行政处罚决定监督案', '行政裁判结果监督案'],
  CIVIL_SUPERVISION: ['民事生效裁判监督案', '民事执行活动监督案', '虚假诉讼监督案'],
};
/** Public-interest fields and the agency usually consulted and addressed. */
const PI_FIELDS: readonly (readonly [string, string])[] = [
  ['食品药品安全', '411221-SCJ'], ['生态环境和资源保护', '411221-HBJ'], ['国有财产保护', '411221-ZRJ'],
  ['国有土地使用权出让', '411221-ZRJ'], ['文物和文化遗产保护', '411221-WLJ'],
];

const NOTES = {
  objection: ['建议事项部分不属于本单位法定职责', '相关问题已由上级主管部门部署整治', '建议所涉事实与本单位掌握情况不符'],
  upheld: '经复核，建议事项属于该单位法定职责，维持原建议',
  amended: '经复核，异议部分成立，删去第二项建议',
  withdrawn: '经复核，异议成立，撤回检察建议',
  reply: ['已召开专题会议研究，部署专项整治', '已对涉事企业立案查处，并建立长效监管机制', '已完成排查，制定整改方案'],
  plan: '成立整改工作专班，三个月内完成全县排查并建立台账',
  progress: '已完成排查，整改完成率80%',
  verified: '回头看：整改措施已落实到位',
  escalated: '逾期未回复，提请县人民政府督促落实',
  consult: '与行政机关磋商，听取其履职情况说明',
  followUp: '跟进监督，现场查看整改情况',
  terminated: ['行政机关已依法全面履职，国家利益和社会公共利益得到有效保护', '经调查，行政机关不存在违法行使职权或者不作为情形'],
  referralSuspended: '被不起诉人提出申诉，中止审查',
  opinion: '建议依法给予行政处罚，并将处理结果书面回复我院',
  referralTerminated: '被不起诉人已被给予行政处罚，终结审查',
  agencyDecision: ['没收违法所得并处罚款', '责令改正，处警告', '给予政务记过处分'],
  result: '处罚决定已执行完毕，特此回复',
};

// ── walking the machines ────────────────────────────────────────────────────────────────────────

type Walked<S extends string> = { status: S; history: StatusChange[]; version: number };

/** One planned event: a move to `to` (or an act that keeps the status), `gap` days after the previous event. */
interface Event<S extends string, D> {
  to: S;
  gap: number;
  note?: string | null;
  act?: Act<S, D>;
  /** Fields the step writes, from its date and the record before the step. */
  set?: (at: Date, doc: D) => Partial<D>;
}

const actor = (agency: string) => `seed-${agency}`;
const first = (agencies: string | readonly (string | null | undefined)[] | null | undefined) =>
  [agencies].flat().find((a): a is string => typeof a === 'string')!;

/** The dates of a plan from `start` (the record's creation). */
function dated<T extends { gap: number }>(start: Date, plan: readonly T[]): (T & { at: Date })[] {
  let at = start;
  return plan.map((e) => ({ ...e, at: (at = addDays(at, e.gap)) }));
}

/** Days from the creation to the last event of a plan. */
const span = (plan: readonly { gap: number }[]) => plan.reduce((s, e) => s + e.gap, 0);

/**
 * Walks `doc` (created at `created` by `creator`) along dated events up to `today`: every move must be a step
 * of the machine and every act one of its acts in the current status, taken by the agency the step names;
 * dates never go back. Throws otherwise, so the seed cannot drift from the rules.
 */
function walk<S extends string, D extends Walked<S>>(machine: Machine<S, D>, doc: D, created: Date, creator: string,
  events: readonly (Event<S, D> & { at: Date })[], today: Date): D {
  doc.history = [{ at: created, actor: actor(creator), agency: creator, from: null, to: doc.status, note: null }];
  for (const e of events) {
    if (e.at > today) break;
    const from = doc.status;
    if (e.at < doc.history[doc.history.length - 1].at) throw new Error(`seed: ${from} → ${e.to} goes back in time`);
    let agency: string;
    if (e.act) {
      if (!e.act.in.includes(from)) throw new Error(`seed: the act to ${e.to} is not allowed when ${from}`);
      agency = first(e.act.by(doc));
    } else {
      const step = machine[from]?.[e.to];
      if (!step) throw new Error(`seed: ${from} → ${e.to} is not a step of the machine`);
      agency = first(step.by(doc));
    }
    Object.assign(doc, e.set?.(e.at, doc) ?? {});
    if (!e.act) doc.status = e.to;
    doc.history.push({ at: e.at, actor: actor(agency), agency, from, to: doc.status, note: e.note ?? null });
  }
  doc.version = doc.history.length - 1;
  return doc;
}

/** Cuts a plan after the first event reaching `target` (a record left resting there). */
function upTo<T extends { to: string; act?: unknown }>(plan: T[], target: string | null): T[] {
  if (!target) return plan;
  const i = plan.findIndex((e) => e.to === target && !e.act);
  return i < 0 ? plan : plan.slice(0, i + 1);
}

/** A gap of whole days (so steps keep the working hour of the first), a few hours when on the same day. */
const between = (rng: Random, [lo, hi]: readonly [number, number]) => rng.int(lo, hi) || rng.int(1, 3) / 24;

// ── 检察建议 ────────────────────────────────────────────────────────────────────────────────────

type SugEvent = Event<SuggestionStatus, SuggestionDoc>;

/**
 * A suggestion's plan: approval and service, then (by variant) an objection and its outcome, a late reply
 * escalated upward, or a reply in time; then rectification, 回头看 and closing.
 */
function suggestionPlan(rng: Random, variant: 'main' | 'objection' | 'late', harmSpreading: boolean, outcome?: 'UPHELD' | 'AMENDED' | 'WITHDRAWN'): SugEvent[] {
  const plan: SugEvent[] = [
    { to: 'APPROVED', gap: between(rng, [0, 2]), set: (at) => ({ approvedAt: at }) },
    { to: 'SERVED', gap: between(rng, [1, 4]), set: (at) => ({ servedAt: at }) },
  ];
  const replyGap: [number, number] = harmSpreading ? [3, 12] : [15, 50];
  if (variant === 'objection') {
    const o = outcome ?? rng.weighted([['UPHELD', 5], ['AMENDED', 3], ['WITHDRAWN', 2]] as const);
    const reason = rng.pick(NOTES.objection);
    plan.push({ to: 'OBJECTED', gap: between(rng, [2, 6]), note: reason, set: (at) => ({ objectedAt: at, objectionReason: reason }) });
    if (o === 'WITHDRAWN') {
      plan.push({ to: 'WITHDRAWN', gap: between(rng, [2, 8]), note: NOTES.withdrawn, set: (at) => ({ withdrawnAt: at, objectionDecidedAt: at, withdrawalReason: NOTES.withdrawn }) });
      return plan;
    }
    plan.push(o === 'UPHELD'
      ? { to: 'UPHELD', gap: between(rng, [2, 8]), note: NOTES.upheld, set: (at) => ({ objectionDecidedAt: at, objectionAnswer: NOTES.upheld }) }
      : { to: 'AMENDED', gap: between(rng, [2, 8]), note: NOTES.amended, set: (at, s) => ({ objectionDecidedAt: at, objectionAnswer: NOTES.amended, originalContent: s.content, content: `${s.content}（已修改）` }) });
    replyGap[0] = 3;
    replyGap[1] = harmSpreading ? 5 : 30;
  }
  if (variant === 'late') {
    // Past the reply period (two months, or 15 days) with no reply: reported upward, then answered.
    plan.push({ to: 'ESCALATED', gap: between(rng, harmSpreading ? [18, 30] : [66, 80]), note: NOTES.escalated, set: (at) => ({ escalatedAt: at, escalatedTo: '县人民政府', escalationReason: NOTES.escalated }) });
    replyGap[0] = 5;
    replyGap[1] = 30;
  }
  const reply = rng.pick(NOTES.reply);
  plan.push(
    { to: 'REPLIED', gap: between(rng, replyGap), set: (at) => ({ repliedAt: at, reply }) },
    { to: 'RECTIFYING', gap: between(rng, [2, 10]), set: (at) => ({ rectificationStartedAt: at, rectificationPlan: NOTES.plan }) },
  );
  if (rng.chance(0.6)) {
    plan.push({ to: 'RECTIFYING', act: RECTIFICATION_PROGRESS, gap: between(rng, [10, 30]), note: NOTES.progress, set: (at) => ({ rectificationReportedAt: at, rectificationProgress: NOTES.progress }) });
  }
  plan.push(
    { to: 'VERIFIED', gap: between(rng, [20, 60]), note: NOTES.verified, set: (at) => ({ verifiedAt: at, verificationNote: NOTES.verified }) },
    { to: 'CLOSED', gap: between(rng, [1, 10]), set: (at) => ({ closedAt: at }) },
  );
  return plan;
}

/** A suggestion document walked along its dated events up to today, with its stored due dates. */
function walkSuggestion(base: Omit<SuggestionDoc, 'status' | 'history' | 'version'>, events: (SugEvent & { at: Date })[], today: Date): SuggestionDoc {
  const doc = walk(SUGGESTION_MACHINE, { ...base, status: 'DRAFT', history: [], version: 0 } as SuggestionDoc, base.issuedAt, base.agencyCode, events, today);
  doc.replyDueAt = suggestionReplyDueAt(doc);
  doc.nextDueAt = suggestionNextDueAt(doc);
  return doc;
}

/** Suggestions left resting in each status, `ago` days after their last step (some past their reply date). */
const FORCED_SUGGESTIONS: { target: SuggestionStatus; variant: 'main' | 'objection' | 'late'; outcome?: 'UPHELD' | 'AMENDED' | 'WITHDRAWN'; ago: number }[] = [
  { target: 'DRAFT', variant: 'main', ago: 2 },
  { target: 'APPROVED', variant: 'main', ago: 1 },
  { target: 'SERVED', variant: 'main', ago: 10 }, // reply clock running
  { target: 'SERVED', variant: 'main', ago: 80 }, // reply overdue
  { target: 'OBJECTED', variant: 'objection', ago: 5 },
  { target: 'UPHELD', variant: 'objection', outcome: 'UPHELD', ago: 70 }, // reply overdue after the objection
  { target: 'AMENDED', variant: 'objection', outcome: 'AMENDED', ago: 5 },
  { target: 'WITHDRAWN', variant: 'objection', outcome: 'WITHDRAWN', ago: 20 },
  { target: 'ESCALATED', variant: 'late', ago: 3 },
  { target: 'REPLIED', variant: 'main', ago: 4 },
  { target: 'RECTIFYING', variant: 'main', ago: 15 },
  { target: 'VERIFIED', variant: 'main', ago: 3 },
  { target: 'CLOSED', variant: 'main', ago: 30 },
];

// ── 公益诉讼 ────────────────────────────────────────────────────────────────────────────────────

/** One event of a public-interest case's timeline: a step of the case or of its pre-suit suggestion. */
type PiEvent =
  | ({ kind: 'case' } & Event<PublicInterestStatus, PublicInterestCaseDoc>)
  | ({ kind: 'suggestion' } & SugEvent);
type PiVariant = 'terminatedEarly' | 'terminated' | 'litigated';

/**
 * A public-interest case's timeline: filing, 磋商, then either an early termination or a pre-suit suggestion
 * (issued, approved, served, answered or escalated), follow-up, and termination (with its notice) or suit.
 */
function publicInterestPlan(rng: Random, variant: PiVariant, harmSpreading: boolean, target: string, notice = rng.chance(0.85)): PiEvent[] {
  const plan: PiEvent[] = [{ kind: 'case', to: 'FILED', gap: between(rng, [3, 20]), set: (at) => ({ filedAt: at }) }];
  if (variant !== 'terminated' || rng.chance(0.8)) {
    plan.push({ kind: 'case', to: 'CONSULTATION', gap: between(rng, [3, 15]), note: NOTES.consult, set: (at) => ({ consultationStartedAt: at, consultationAgencyCode: target }) });
  }
  const terminate = (gap: [number, number]): PiEvent[] => {
    const reason = rng.pick(NOTES.terminated);
    const events: PiEvent[] = [{ kind: 'case', to: 'TERMINATED', gap: between(rng, gap), note: reason, set: (at) => ({ terminatedAt: at, closedAt: at, terminationReason: reason }) }];
    if (notice) {
      events.push({ kind: 'case', to: 'TERMINATED', act: TERMINATION_NOTICE, gap: between(rng, rng.chance(0.85) ? [1, 6] : [8, 12]), set: (at) => ({ noticeIssuedAt: at }) });
    }
    return events;
  };
  if (variant === 'terminatedEarly') return [...plan, ...terminate([10, 40])];

  const s = suggestionPlan(rng, variant === 'litigated' ? 'late' : 'main', harmSpreading);
  const [approve, serve, ...rest] = s;
  plan.push(
    { kind: 'suggestion', to: 'DRAFT', gap: between(rng, [5, 40]) }, // issued: the suggestion's creation
    { kind: 'suggestion', ...approve },
    { kind: 'suggestion', ...serve },
    { kind: 'case', to: 'PRE_SUIT_SUGGESTION', gap: between(rng, [0, 2]) }, // its set is filled in by seedPublicInterest
  );
  const answer = rest.findIndex((e) => e.to === 'REPLIED');
  const escalated = rest.filter((e) => e.to === 'ESCALATED');
  const afterAnswer = rest.slice(answer + 1);
  plan.push(...escalated.map((e) => ({ kind: 'suggestion' as const, ...e })));
  if (variant === 'litigated') {
    plan.push(
      { kind: 'case', to: 'FOLLOW_UP', gap: between(rng, [3, 10]), note: NOTES.followUp, set: (at) => ({ followUpAt: at, followUpNote: NOTES.followUp }) },
      { kind: 'case', to: 'LITIGATED', gap: between(rng, rng.chance(0.85) ? [10, 40] : [70, 90]), set: (at) => ({ litigatedAt: at, court: '渑池县人民法院' }) },
    );
    return plan;
  }
  plan.push(
    { kind: 'suggestion', ...rest[answer] },
    { kind: 'case', to: 'FOLLOW_UP', gap: between(rng, [5, 20]), note: NOTES.followUp, set: (at) => ({ followUpAt: at, followUpNote: NOTES.followUp }) },
    ...afterAnswer.slice(0, 1).map((e) => ({ kind: 'suggestion' as const, ...e })),
    ...terminate([10, 40]),
    ...afterAnswer.slice(1).map((e) => ({ kind: 'suggestion' as const, ...e })),
  );
  return plan;
}

/** Public-interest cases left resting in each status, `ago` days after their last step. */
const FORCED_PUBLIC_INTEREST: { target: PublicInterestStatus | 'NOTICE'; variant: PiVariant; ago: number }[] = [
  { target: 'TERMINATED', variant: 'terminated', ago: 30 }, // termination notice overdue
  { target: 'CLUE', variant: 'terminated', ago: 5 },
  { target: 'FILED', variant: 'terminated', ago: 10 }, // decision clock running
  { target: 'FILED', variant: 'terminated', ago: 120 }, // decision overdue
  { target: 'CONSULTATION', variant: 'terminated', ago: 20 },
  { target: 'PRE_SUIT_SUGGESTION', variant: 'terminated', ago: 10 },
  { target: 'FOLLOW_UP', variant: 'terminated', ago: 30 },
  { target: 'FOLLOW_UP', variant: 'terminated', ago: 150 }, // suit decision overdue
  { target: 'TERMINATED', variant: 'terminatedEarly', ago: 3 }, // notice clock running
  { target: 'NOTICE', variant: 'terminated', ago: 40 },
  { target: 'LITIGATED', variant: 'litigated', ago: 20 },
];

// ── 行刑反向衔接 ────────────────────────────────────────────────────────────────────────────────

type RefEvent = Event<ReverseReferralStatus, ReverseReferralDoc>;

function referralPlan(rng: Random, opts: { late?: boolean; suspended?: boolean; terminated?: boolean } = {}): RefEvent[] {
  const plan: RefEvent[] = [
    { to: 'REFERRED', gap: between(rng, opts.late ? [6, 9] : [0, 2]), set: (at) => ({ referredAt: at }) },
    { to: 'UNDER_REVIEW', gap: between(rng, [0, 2]), set: (at) => ({ reviewStartedAt: at }) },
  ];
  if (opts.suspended) {
    plan.push(
      { to: 'SUSPENDED', gap: between(rng, [1, 5]), note: NOTES.referralSuspended, set: (at, r) => ({ pauses: [...r.pauses, { from: at, to: null, reason: NOTES.referralSuspended }] }) },
      { to: 'UNDER_REVIEW', gap: between(rng, [5, 30]), set: (at, r) => ({ pauses: r.pauses.map((p) => (p.to ? p : { ...p, to: at })) }) },
    );
  }
  if (opts.terminated) {
    plan.push({ to: 'TERMINATED', gap: between(rng, [3, 9]), note: NOTES.referralTerminated, set: (at) => ({ terminatedAt: at, terminationReason: NOTES.referralTerminated }) });
    return plan;
  }
  const kind = rng.weighted([['ADMINISTRATIVE_PENALTY', 8], ['DISCIPLINARY_SANCTION', 1], ['NO_PENALTY', 1]] as const);
  const decision = kind === 'DISCIPLINARY_SANCTION' ? NOTES.agencyDecision[2] : kind === 'NO_PENALTY' ? '违法情节轻微并及时改正，不予行政处罚' : rng.pick(NOTES.agencyDecision.slice(0, 2));
  plan.push(
    { to: 'OPINION_ISSUED', gap: between(rng, [3, 9]), set: (at) => ({ opinionIssuedAt: at, opinion: NOTES.opinion }) },
    { to: 'AGENCY_DECIDED', gap: between(rng, [15, 60]), set: (at) => ({ agencyDecidedAt: at, agencyDecisionKind: kind, agencyDecision: decision }) },
    { to: 'RESULT_REPORTED', gap: between(rng, [1, 15]), note: NOTES.result, set: (at) => ({ resultReportedAt: at, result: NOTES.result }) },
  );
  return plan;
}

function walkReferral(base: Omit<ReverseReferralDoc, 'status' | 'history' | 'version' | 'pauses'>, plan: RefEvent[], today: Date): ReverseReferralDoc {
  const doc = walk(REFERRAL_MACHINE, { ...base, pauses: [], status: 'NON_PROSECUTED', history: [], version: 0 } as ReverseReferralDoc,
    base.nonProsecutedAt, base.agencyCode, dated(base.nonProsecutedAt, plan), today);
  doc.nextDueAt = referralNextDueAt(doc);
  return doc;
}

/** Referrals left resting in each status, `ago` days after their last step (some past their clock). */
const FORCED_REFERRALS: { target: ReverseReferralStatus; ago: number; suspended?: boolean; terminated?: boolean }[] = [
  { target: 'NON_PROSECUTED', ago: 1 }, // referral clock running
  { target: 'NON_PROSECUTED', ago: 20 }, // not referred in 3 working days
  { target: 'REFERRED', ago: 2 },
  { target: 'UNDER_REVIEW', ago: 3 },
  { target: 'UNDER_REVIEW', ago: 40 }, // review overdue
  { target: 'SUSPENDED', ago: 10, suspended: true }, // paused: not overdue
  { target: 'OPINION_ISSUED', ago: 10 },
  { target: 'TERMINATED', ago: 30, terminated: true },
  { target: 'AGENCY_DECIDED', ago: 5 },
  { target: 'RESULT_REPORTED', ago: 15, suspended: true },
];

// ── the seeder ──────────────────────────────────────────────────────────────────────────────────

/** About 800 cases, 150 suggestions and the reverse referrals after 不起诉 per county-year, in every status. */
export async function seedProcuratorate(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const adults = world.people.filter((p) => !p.sealed);
  const minors = world.people.filter((p) => p.sealed);
  const numbers = new Map<string, number>();
  const nextNumber = (prefix: string, at: Date) => {
    const key = `${prefix}〔${chinaYear(at)}〕`;
    numbers.set(key, (numbers.get(key) ?? 0) + 1);
    return `${key}${numbers.get(key)}号`;
  };
  const transfers = [...world.filedTransfers];
  const cases: ProcuratorateCaseDoc[] = [];
  const suggestions: SuggestionDoc[] = [];
  const referrals: ReverseReferralDoc[] = [];
  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT' || a.type === 'GOVERNMENT').map((a) => a.code);
  let seq = 0;

  const baseCase = (type: ProcuratorateCaseType, acceptedAt: Date, patch: Partial<ProcuratorateCaseDoc> = {}): ProcuratorateCaseDoc => ({
    _id: seedId(acceptedAt, 1_000_000 + ++seq), caseNumber: nextNumber(`渑检${TYPE_CODE[type]}`, acceptedAt), type, title: rng.pick(TITLES[type]),
    agencyCode: PROCURATORATE_CODE, personIds: [], victimIds: [], creditCodes: [], status: type === 'PUBLIC_INTEREST' ? 'CLUE' : 'ACCEPTED',
    acceptedAt, decidedAt: null, closedAt: null, decision: null, nonProsecutionKind: null, publicInterestField: null, sealed: false,
    sourceTransferId: null, history: [], version: 0, ...patch,
  });

  /** An ordinary case: accepted, perhaps under review, decided, closed; its history records each change. */
  function ordinaryHistory(c: ProcuratorateCaseDoc, reviewAt: Date | null): void {
    const entry = (at: Date, from: ProcuratorateCaseStatus | null, to: ProcuratorateCaseStatus): StatusChange =>
      ({ at, actor: actor(c.agencyCode), agency: c.agencyCode, from, to, note: null });
    c.history = [entry(c.acceptedAt, null, 'ACCEPTED')];
    if (reviewAt) c.history.push(entry(reviewAt, 'ACCEPTED', 'UNDER_REVIEW'));
    const last = () => c.history[c.history.length - 1].to as ProcuratorateCaseStatus;
    if (c.decidedAt) c.history.push(entry(c.decidedAt, last(), 'DECIDED'));
    if (c.closedAt) c.history.push(entry(c.closedAt, last(), 'CLOSED'));
    c.version = c.history.length - 1;
  }

  /** A reverse referral of a NON_PROSECUTION case to the competent agency. */
  function addReferral(c: ProcuratorateCaseDoc, competentAgencyCode: string, enforcementCaseId: string | null, plan: RefEvent[]): void {
    referrals.push(walkReferral({
      _id: seedId(c.decidedAt!, 1_500_000 + ++seq), procuratorateCaseId: c._id, agencyCode: c.agencyCode, enforcementCaseId, competentAgencyCode,
      nonProsecutedAt: c.decidedAt!,
    }, plan, today));
  }

  /** A public-interest case walked along its timeline (its field, target agency and harm chosen with the plan), with its pre-suit suggestion. */
  function seedPublicInterest(c: ProcuratorateCaseDoc, plan: PiEvent[], [field, target]: readonly [string, string], harmSpreading: boolean): void {
    c.publicInterestField = field;
    const events = dated(c.acceptedAt, plan);
    const issue = events.find((e) => e.kind === 'suggestion' && e.to === 'DRAFT');
    let s: SuggestionDoc | null = null;
    if (issue && issue.at <= today) {
      s = walkSuggestion({
        _id: seedId(issue.at, 1_800_000 + ++seq), number: nextNumber('渑检行公建', issue.at), kind: 'PUBLIC_INTEREST_PRE_SUIT', procuratorateCaseId: c._id,
        agencyCode: c.agencyCode, targetAgencyCode: target, content: `督促依法履行${field}领域监管职责`, issuedAt: issue.at, harmSpreading,
      }, events.filter((e) => e.kind === 'suggestion' && e !== issue) as (SugEvent & { at: Date })[], today);
      const served = s;
      const link = events.find((e) => e.kind === 'case' && e.to === 'PRE_SUIT_SUGGESTION');
      if (link) link.set = () => ({ preSuitSuggestionId: served._id, preSuitSuggestionAt: served.issuedAt, preSuitReplyDueAt: suggestionReplyDueAt(served) });
      suggestions.push(s);
    }
    const caseEvents = events.filter((e) => e.kind === 'case') as (Event<PublicInterestStatus, PublicInterestCaseDoc> & { at: Date })[];
    walk(PUBLIC_INTEREST_MACHINE, c as PublicInterestCaseDoc, c.acceptedAt, c.agencyCode, caseEvents, today);
    c.nextDueAt = caseNextDueAt(c);
  }

  for (let i = 0; i < scaled(world, 800); i++) {
    // Most filed transfers come on to the procuratorate as cases (行刑衔接).
    const transfer = transfers.length && rng.chance(0.25) ? transfers.shift()! : null;
    const type: ProcuratorateCaseType = transfer ? 'CRIMINAL_PROSECUTION' : rng.weighted(TYPE_WEIGHTS);
    const acceptedAt = transfer ? notAfter(addDays(transfer.filedAt, rng.int(20, 60)), addDays(today, -1)) : rng.date(world.start, addDays(today, -1));
    const sealed = type === 'CRIMINAL_PROSECUTION' && minors.length > 0 && rng.chance(0.03);
    const suspect = sealed ? rng.pick(minors).id : transfer?.personId ?? rng.pick(adults).id;
    const c = baseCase(type, acceptedAt, {
      personIds: type === 'PUBLIC_INTEREST' ? [] : [suspect],
      victimIds: type === 'CRIMINAL_PROSECUTION' && rng.chance(0.6) ? [rng.pick(adults).id] : [],
      creditCodes: transfer?.creditCode ? [transfer.creditCode] : type !== 'CIVIL_SUPERVISION' && rng.chance(0.12) ? [rng.pick(world.enterprises).creditCode] : [],
      sealed, sourceTransferId: transfer?.id ?? null, counterpartCodes: transfer ? [transfer.agencyCode] : [],
    });
    const age = (today.getTime() - acceptedAt.getTime()) / DAY;
    if (type === 'PUBLIC_INTEREST') {
      const variant = rng.weighted([['terminated', 70], ['terminatedEarly', 15], ['litigated', 15]] as const);
      // Some cases rest at a step (a clue not yet filed, a 磋商 that drags on): the clocks show which are late.
      const rest = rng.chance(0.2) ? rng.pick(['CLUE', 'FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP'] as const) : null;
      const field = rng.pick(PI_FIELDS);
      const harmSpreading = rng.chance(0.2);
      const plan = publicInterestPlan(rng, variant, harmSpreading, field[1]);
      seedPublicInterest(c, rest === 'CLUE' ? [] : upTo(plan, rest), field, harmSpreading);
    } else if (age < 30 || rng.chance(0.08)) {
      c.status = rng.pick(['ACCEPTED', 'UNDER_REVIEW'] as const); // some company cases linger: 挂案
      ordinaryHistory(c, c.status === 'UNDER_REVIEW' ? notAfter(addDays(acceptedAt, rng.int(1, 10)), today) : null);
    } else {
      c.decidedAt = notAfter(addDays(acceptedAt, rng.int(15, 45)), today);
      if (type === 'CRIMINAL_PROSECUTION') {
        c.decision = rng.chance(0.8) ? 'PROSECUTE' : 'NON_PROSECUTION';
        if (c.decision === 'NON_PROSECUTION') c.nonProsecutionKind = rng.weighted([['DISCRETIONARY', 6], ['STATUTORY', 1], ['EVIDENTIARY', 2], ['CONDITIONAL', 1]] as const);
      } else c.decision = rng.pick(['TERMINATE_REVIEW', 'OTHER'] as const);
      c.closedAt = rng.chance(0.7) ? notAfter(addDays(c.decidedAt, rng.int(5, 30)), today) : null;
      c.status = c.closedAt ? 'CLOSED' : 'DECIDED';
      ordinaryHistory(c, rng.chance(0.5) ? addDays(acceptedAt, Math.min(5, (c.decidedAt.getTime() - acceptedAt.getTime()) / DAY / 2)) : null);
    }
    c.nextDueAt ??= caseNextDueAt(c);
    cases.push(c);
    if (!sealed) world.procuratorateCases.push({ id: c._id, acceptedAt, suspectIds: c.personIds, victimIds: c.victimIds });

    // 行刑反向衔接: after 不起诉, refer to the competent agency for a penalty.
    if (c.decision === 'NON_PROSECUTION' && c.decidedAt && !sealed) {
      const plan = referralPlan(rng, { late: rng.chance(0.1), suspended: rng.chance(0.15), terminated: rng.chance(0.12) });
      const rest = rng.chance(0.1) ? rng.pick(['NON_PROSECUTED', 'REFERRED', 'UNDER_REVIEW', 'OPINION_ISSUED', 'AGENCY_DECIDED'] as const) : null;
      addReferral(c, transfer?.agencyCode ?? '411221-SCJ', transfer?.enforcementCaseId ?? null, rest === 'NON_PROSECUTED' ? [] : upTo(plan, rest));
    }
  }

  // Public-interest cases and reverse referrals resting in every status, some past their clocks.
  for (const f of FORCED_PUBLIC_INTEREST) {
    const field = rng.pick(PI_FIELDS);
    const plan = publicInterestPlan(rng, f.variant, false, field[1], true);
    const cut = f.target === 'CLUE' ? [] : f.target === 'NOTICE' ? plan.slice(0, plan.findIndex((e) => e.act === TERMINATION_NOTICE) + 1) : upTo(plan, f.target);
    const acceptedAt = addDays(today, -(f.ago + span(cut)));
    const c = baseCase('PUBLIC_INTEREST', acceptedAt);
    seedPublicInterest(c, cut, field, false);
    cases.push(c);
    world.procuratorateCases.push({ id: c._id, acceptedAt, suspectIds: [], victimIds: [] });
  }
  for (const f of FORCED_REFERRALS) {
    const plan = f.target === 'NON_PROSECUTED' ? [] : upTo(referralPlan(rng, { suspended: f.suspended, terminated: f.terminated }), f.target);
    const decidedAt = addDays(today, -(f.ago + span(plan)));
    const acceptedAt = addDays(decidedAt, -rng.int(20, 40));
    const c = baseCase('CRIMINAL_PROSECUTION', acceptedAt, {
      personIds: [rng.pick(adults).id], decision: 'NON_PROSECUTION', nonProsecutionKind: 'DISCRETIONARY', decidedAt, status: 'DECIDED',
    });
    ordinaryHistory(c, null);
    c.nextDueAt = null;
    cases.push(c);
    world.procuratorateCases.push({ id: c._id, acceptedAt, suspectIds: c.personIds, victimIds: [] });
    addReferral(c, rng.pick(['411221-SCJ', '411221-HBJ', '411221-ZRJ'] as const), null, plan);
  }

  // 检察建议 on criminal and administrative cases (pre-suit suggestions came with their public-interest cases).
  const suggestable = cases.filter((c) => (c.type === 'CRIMINAL_PROSECUTION' || c.type === 'ADMINISTRATIVE_SUPERVISION') && !c.sealed);
  const addSuggestion = (c: ProcuratorateCaseDoc, issuedAt: Date, plan: SugEvent[]) => {
    const kind: SuggestionKind = rng.weighted([['CORRECT_VIOLATION', 5], ['SOCIAL_GOVERNANCE', 4], ['OTHER', 1]] as const);
    suggestions.push(walkSuggestion({
      _id: seedId(issuedAt, 1_900_000 + ++seq), number: nextNumber('渑检建', issuedAt), kind, procuratorateCaseId: c._id, agencyCode: c.agencyCode,
      targetAgencyCode: rng.pick(enforcementAgencies), harmSpreading: false, issuedAt,
      content: kind === 'SOCIAL_GOVERNANCE' ? '建议加强行业监管，堵塞管理漏洞。' : '建议依法履行监管职责，对违法行为予以纠正。',
    }, dated(issuedAt, plan), today));
  };
  for (let i = 0; i < scaled(world, 150) && suggestable.length; i++) {
    const c = rng.pick(suggestable);
    const issuedAt = notAfter(addDays(c.acceptedAt, rng.int(10, 60)), addDays(today, -1));
    if (issuedAt < c.acceptedAt) continue;
    const variant = rng.weighted([['main', 65], ['objection', 20], ['late', 15]] as const);
    const plan = suggestionPlan(rng, variant, false);
    // A few rest at a step; those served over two months ago and still unanswered are overdue.
    addSuggestion(c, issuedAt, rng.chance(0.1) ? plan.slice(0, rng.int(0, 2)) : plan);
  }
  for (const f of FORCED_SUGGESTIONS) {
    const plan = f.target === 'DRAFT' ? [] : upTo(suggestionPlan(rng, f.variant, false, f.outcome), f.target);
    const issuedAt = addDays(today, -(f.ago + span(plan)));
    const c = suggestable.find((k) => k.acceptedAt <= issuedAt) ?? suggestable[0];
    addSuggestion(c, issuedAt < c.acceptedAt ? c.acceptedAt : issuedAt, plan);
  }

  // Workflow counterparts see the case (subgraphs/procuratorate/policies.ts): the targets of its suggestions and the
  // competent agencies of its referrals join the transferring agency; both follow their case when it is sealed.
  const byId = new Map(cases.map((c) => [c._id, c]));
  for (const linked of [...suggestions.map((x) => [x, x.targetAgencyCode] as const), ...referrals.map((x) => [x, x.competentAgencyCode] as const)]) {
    const [doc, agency] = linked;
    const c = byId.get(doc.procuratorateCaseId)!;
    c.counterpartCodes = [...new Set([...(c.counterpartCodes ?? []), agency])];
    doc.sealed = c.sealed;
  }

  await ProcuratorateCaseModel.insertMany(cases);
  await SuggestionModel.insertMany(suggestions);
  await ReverseReferralModel.insertMany(referrals);
  Object.assign(world.counts, { procuratorateCases: cases.length, suggestions: suggestions.length, reverseReferrals: referrals.length });
}

import { AGENCIES, PETITION_BUREAU_CODE, PROCURATORATE_CODE } from '../lib/agencies';
import { chinaYear } from '../lib/calendar';
import type { StatusChange, WorkflowDefinition } from '../lib/workflow';
import { petitionClocks, ticketClocks } from '../subgraphs/petitions/deadlines';
import { HotlineTicketModel, PetitionModel, type HotlineReturnDoc, type HotlineTicketDoc, type PetitionDoc } from '../subgraphs/petitions/models';
import { HOTLINE_CENTRE, REVIEW_AGENCY_CODE } from '../subgraphs/petitions/policies';
import { hotlineTickets, petitions, type PetitionAct } from '../subgraphs/petitions/workflow';
import type { HotlineLine, HotlineTicketStatus, PetitionChannel, PetitionStatus } from '../subgraphs/petitions/__generated__/resolvers-types';
import { addDays, seedId, type Random } from './random';
import { scaled, type SeedWorld } from './world';

const SUBJECTS = ['拖欠农民工工资', '征地补偿纠纷', '环境污染投诉', '食品安全投诉', '不服行政处罚', '邻里宅基地纠纷', '要求落实低保待遇', '不服不起诉决定', '民事判决执行难', '物业服务纠纷', '噪声扰民', '违法建设举报'];
const CHANNELS: readonly (readonly [PetitionChannel, number])[] = [['LETTER', 2], ['VISIT', 3], ['ONLINE', 3], ['HOTLINE_12345', 1], ['HOTLINE_12309', 1]];
const HOUR = 3_600_000;
const hours = (d: Date, h: number) => new Date(d.getTime() + h * HOUR);
const later = (a: Date, b: Date) => (a > b ? hours(a, 1) : b);
/** A moment between `from` and `to` (just after `from` when `to` is not later). */
const between = (rng: Random, from: Date, to: Date) => (to > from ? new Date(from.getTime() + rng.next() * (to.getTime() - from.getTime())) : hours(from, 1));

/**
 * Where a record's walk stops: a status, reached if the data set's "today" leaves time for it. The first
 * records take each target in turn so that every status is present at any scale.
 */
type PetitionTarget = PetitionStatus | 'REVIEW_DECIDED';
const PETITION_TARGETS: readonly (readonly [PetitionTarget, number])[] = [
  ['FINAL', 68], ['NOT_ACCEPTED', 8], ['ANSWERED', 6], ['HANDLING', 6], ['RECEIVED', 3], ['ACCEPTED', 2], ['REVIEW', 3], ['REVIEW_DECIDED', 2], ['RE_REVIEW', 2],
];
type PetitionWalk = Walk<PetitionStatus, PetitionDoc, PetitionAct>;
type TicketTarget = HotlineTicketStatus | 'REDISPATCHED';
const TICKET_TARGETS: readonly (readonly [TicketTarget, number])[] = [
  ['RATED', 66], ['REVISIT', 5], ['FEEDBACK', 8], ['HANDLING', 7], ['DISPATCHED', 3], ['RETURNED', 3], ['REDISPATCHED', 8],
];

/**
 * A record's history, built by walking its workflow: every move must be a step of the machine taken by an
 * agency the machine names for it (else the seed is wrong and throws); acts that keep the status likewise.
 */
class Walk<S extends string, D extends { _id: string; version: number; status: S }, A extends string> {
  readonly history: StatusChange[];

  constructor(private readonly workflow: WorkflowDefinition<S, D, A>, readonly doc: D, at: Date, agency: string) {
    this.history = [{ at, actor: `seed-${agency}`, agency, from: null, to: doc.status, note: null }];
  }

  get last(): Date {
    return this.history[this.history.length - 1].at;
  }

  move(to: S, at: Date, agency: string, set: Partial<D> = {}, note: string | null = null): void {
    const step = this.workflow.machine[this.doc.status][to];
    if (!step) throw new Error(`seed: ${this.doc.status} → ${to} is not a step of the machine`);
    this.entry(at, agency, [step.by(this.doc)].flat(), to, note);
    Object.assign(this.doc, set, { status: to });
  }

  act(name: A, at: Date, agency: string, set: Partial<D>, note: string): void {
    const act = this.workflow.acts![name];
    if (!act.in.includes(this.doc.status)) throw new Error(`seed: ${name} is not possible in ${this.doc.status}`);
    this.entry(at, agency, [act.by(this.doc)].flat(), this.doc.status, note);
    Object.assign(this.doc, set);
  }

  private entry(at: Date, agency: string, allowed: readonly (string | null | undefined)[], to: S, note: string | null) {
    if (!allowed.includes(agency)) throw new Error(`seed: ${agency} may not take this step (${allowed.join(', ')})`);
    if (at < this.last) throw new Error('seed: a step before the previous one');
    this.history.push({ at, actor: `seed-${agency}`, agency, from: this.doc.status, to, note });
  }
}

/** About 1,500 petitions and 2,500 hotline tickets a county-year; some petitioners are parties of cases. */
export async function seedPetitions(world: SeedWorld): Promise<void> {
  const petitionDocs = generatePetitions(world);
  const ticketDocs = generateTickets(world);
  await PetitionModel.insertMany(petitionDocs);
  await HotlineTicketModel.insertMany(ticketDocs);
  world.counts.petitions = petitionDocs.length;
  world.counts.hotlineTickets = ticketDocs.length;
}

function generatePetitions(world: SeedWorld): Partial<PetitionDoc>[] {
  const { rng, today } = world;
  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT').map((a) => a.code);
  const people = world.people.filter((p) => !p.sealed);
  const caseParties = world.procuratorateCases.flatMap((c) => [...c.victimIds, ...c.suspectIds].map((p) => ({ person: p, caseId: c.id })));
  const count = scaled(world, 1500);
  const forced = PETITION_TARGETS.map(([t]) => t);
  // Received in time order, so that numbers and repeat links follow the calendar.
  const received = Array.from({ length: count }, (_, i) => rng.date(world.start, addDays(today, i < forced.length ? -240 : -1))).sort((a, b) => a.getTime() - b.getTime());
  const openBySubject = new Map<string, string>();
  const perYear = new Map<number, number>();
  const out: Partial<PetitionDoc>[] = [];

  received.forEach((receivedAt, i) => {
    const year = chinaYear(receivedAt);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const channel = rng.weighted(CHANNELS);
    const procuratorateHandled = channel === 'HOTLINE_12309' || rng.chance(0.1);
    const fromCase = caseParties.length > 0 && rng.chance(0.15) ? rng.pick(caseParties) : null;
    const petitionerId = fromCase?.person ?? (rng.chance(0.95) ? rng.pick(people).id : null);
    const subject = fromCase ? '不服不起诉决定' : rng.pick(SUBJECTS);
    const handlingAgencyCode = procuratorateHandled ? PROCURATORATE_CODE : rng.chance(0.5) ? PETITION_BUREAU_CODE : rng.pick(enforcementAgencies);
    const doc: PetitionDoc = {
      _id: seedId(receivedAt, 2_000_000 + i),
      number: `${procuratorateHandled ? '渑检信访' : '渑信访'}〔${year}〕${n}号`,
      channel, petitionerId, subject, summary: `${subject}，请求有关部门依法处理。`, handlingAgencyCode, status: 'RECEIVED', receivedAt,
      procuratorateHandled, hearings: [], relatedCaseRefs: fromCase ? [{ kind: 'PROCURATORATE', id: fromCase.caseId }]
        : rng.chance(0.05) && world.enforcementCases.length ? [{ kind: 'ENFORCEMENT', id: rng.pick(world.enforcementCases).id }] : [],
      repeatOfId: null, history: [], version: 0,
    };
    const key = `${petitionerId}|${subject}`;
    doc.repeatOfId = petitionerId ? openBySubject.get(key) ?? null : null;
    const walk = walkPetition(rng, doc, i < forced.length ? forced[i] : rng.weighted(PETITION_TARGETS), today);
    if (petitionerId && !doc.repeatOfId && !['FINAL', 'NOT_ACCEPTED'].includes(doc.status)) openBySubject.set(key, doc._id);
    if (petitionerId && !['FINAL', 'NOT_ACCEPTED', 'ANSWERED'].includes(doc.status)) world.openPetitioners.add(petitionerId);
    // The derived fields (due date, dashboard flags, counterparts) as every write stores them.
    out.push(petitions.prepare({ ...doc, history: walk.history, version: walk.history.length - 1 }));
  });
  return out;
}

/** Walks a petition towards `target`, stopping early when the next step would fall after `today`. */
function walkPetition(rng: Random, doc: PetitionDoc, target: PetitionTarget, today: Date): PetitionWalk {
  const handler = doc.handlingAgencyCode;
  const registrar = rng.chance(0.6) ? PETITION_BUREAU_CODE : handler;
  const w = new Walk(petitions.definition, doc, doc.receivedAt, registrar);
  const fits = (at: Date) => at <= today;
  const stall = (here: PetitionTarget) => target === here;

  // 件件有回复: the procuratorate's procedural reply, mostly within the 7 days.
  if (doc.procuratorateHandled) {
    const replied = hours(doc.receivedAt, rng.chance(0.9) ? rng.int(4, 6 * 24) : rng.int(8 * 24, 12 * 24));
    if (!fits(replied)) return w;
    w.act('proceduralReply', replied, handler, { proceduralRepliedAt: replied }, '程序性回复：已登记，依法办理');
  }
  if (stall('RECEIVED')) return w;
  const decided = later(w.last, hours(doc.receivedAt, 24 * (rng.chance(0.9) ? rng.int(1, 14) : rng.int(16, 25)) + rng.int(0, 8)));
  const decider = rng.chance(0.5) ? PETITION_BUREAU_CODE : handler;
  if (!fits(decided)) return w;
  if (stall('NOT_ACCEPTED')) {
    w.move('NOT_ACCEPTED', decided, decider, { notAcceptedAt: decided, notAcceptedReason: '已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决' }, '不予受理');
    return w;
  }
  w.move('ACCEPTED', decided, decider, { acceptedAt: decided });
  if (stall('ACCEPTED')) return w;

  const started = hours(decided, rng.int(2, 72));
  if (!fits(started)) return w;
  w.move('HANDLING', started, handler, { handlingStartedAt: started });
  const due = () => petitionClocks(doc).handling!.dueAt;
  // 公开听证 (some): the clock stops from its start to its end; one still going stops the walk.
  if (rng.chance(0.07)) {
    const from = hours(started, 24 * rng.int(10, 30));
    const to = hours(from, rng.int(2, 72));
    if (!fits(from)) return w;
    w.act('hearing', from, rng.pick([handler, PETITION_BUREAU_CODE]), { hearings: [{ from, to: null, note: '公开听证' }] }, '公开听证');
    if (!fits(to)) return w;
    w.act('hearing', to, handler, { hearings: [{ from, to, note: '公开听证' }] }, '听证结束');
  }
  // 延期 (some): once, before the period ends.
  if (rng.chance(0.08)) {
    const extendedAt = later(w.last, hours(due(), -24 * rng.int(2, 10)));
    const days = rng.int(10, 30);
    if (fits(extendedAt) && extendedAt <= due()) {
      w.act('extend', extendedAt, handler, { extensionDays: days, extensionReason: '案情复杂，需多部门会商', extendedAt }, `延期 ${days} 日：案情复杂，需多部门会商`);
    }
  }
  if (stall('HANDLING')) return w;
  const late = rng.chance(0.06);
  const answeredAt = late ? later(w.last, hours(due(), 24 * rng.int(1, 20))) : between(rng, w.last, due());
  if (!fits(answeredAt)) return w;
  w.move('ANSWERED', answeredAt, handler, { answeredAt, answer: '经调查核实，已依法作出处理，现予答复。' });
  if (stall('ANSWERED')) return w;

  if (!['REVIEW', 'REVIEW_DECIDED', 'RE_REVIEW'].includes(target) && !(target === 'FINAL' && rng.chance(0.15))) {
    return closePetition(rng, w, petitionClocks(doc).reviewApplication!.dueAt, handler, fits);
  }
  const applied = hours(answeredAt, 24 * rng.int(3, 29));
  if (!fits(applied)) return w;
  w.move('REVIEW', applied, rng.pick([PETITION_BUREAU_CODE, handler]), { reviewAppliedAt: applied }, '信访人申请复查');
  if (stall('REVIEW')) return w;
  const reviewer = handler === PETITION_BUREAU_CODE || rng.chance(0.7) ? REVIEW_AGENCY_CODE : PETITION_BUREAU_CODE;
  const reviewed = hours(applied, 24 * (rng.chance(0.9) ? rng.int(10, 29) : rng.int(31, 40)));
  if (!fits(reviewed)) return w;
  w.act('decideReview', reviewed, reviewer, { reviewDecidedAt: reviewed, reviewDecision: '经复查，原答复意见正确，予以维持。' }, '复查意见');
  if (stall('REVIEW_DECIDED')) return w;
  if (target !== 'RE_REVIEW' && rng.chance(0.5)) return closePetition(rng, w, petitionClocks(doc).reReviewApplication!.dueAt, REVIEW_AGENCY_CODE, fits);
  const reApplied = hours(reviewed, 24 * rng.int(3, 29));
  if (!fits(reApplied)) return w;
  w.move('RE_REVIEW', reApplied, rng.pick([PETITION_BUREAU_CODE, REVIEW_AGENCY_CODE]), { reReviewAppliedAt: reApplied }, '信访人申请复核');
  if (stall('RE_REVIEW')) return w;
  const final = hours(reApplied, 24 * rng.int(10, 29));
  if (!fits(final)) return w;
  w.move('FINAL', final, REVIEW_AGENCY_CODE, { reReviewDecidedAt: final, reReviewDecision: '经复核，维持复查意见。', closedAt: final }, '复核意见');
  return w;
}

/** FINAL without (further) review: on the petitioner's acceptance, or once the 30 days to apply have run out. */
function closePetition(rng: Random, w: PetitionWalk, windowEnd: Date, agency: string, fits: (d: Date) => boolean) {
  const accepted = rng.chance(0.3);
  const at = accepted ? hours(w.last, 24 * rng.int(1, 10)) : hours(windowEnd, rng.int(1, 10 * 24));
  if (fits(at)) w.move('FINAL', at, agency, { closedAt: at, petitionerAccepted: accepted }, accepted ? '信访人认可' : '申请期限届满');
  return w;
}

function generateTickets(world: SeedWorld): Partial<HotlineTicketDoc>[] {
  const { rng, today } = world;
  const receivers = AGENCIES.filter((a) => ['ENFORCEMENT', 'OTHER', 'PUBLIC_SECURITY', 'JUSTICE'].includes(a.type)).map((a) => a.code);
  const callers = world.people.filter((p) => !p.sealed);
  const forced = TICKET_TARGETS.map(([t]) => t);
  const count = scaled(world, 2500);
  const perLine = new Map<string, number>();
  const out: Partial<HotlineTicketDoc>[] = [];
  const dispatched = Array.from({ length: count }, (_, i) => rng.date(world.start, addDays(today, i < forced.length ? -60 : -1))).sort((a, b) => a.getTime() - b.getTime());

  dispatched.forEach((dispatchedAt, i) => {
    const target = i < forced.length ? forced[i] : rng.weighted(TICKET_TARGETS);
    // Only 12345 tickets go astray: the 12309 line is the procuratorate's own.
    const line: HotlineLine = ['RETURNED', 'REDISPATCHED'].includes(target) || rng.chance(0.9) ? 'L12345' : 'L12309';
    const key = `${line}:${chinaYear(dispatchedAt)}`;
    const n = (perLine.get(key) ?? 0) + 1;
    perLine.set(key, n);
    const doc: HotlineTicketDoc = {
      _id: seedId(dispatchedAt, 3_000_000 + i),
      number: `${line.slice(1)}-${chinaYear(dispatchedAt)}-${String(n).padStart(6, '0')}`,
      line, callerId: rng.chance(0.9) ? rng.pick(callers).id : null, subject: rng.pick(SUBJECTS),
      dispatchedToCode: line === 'L12309' ? PROCURATORATE_CODE : rng.pick(receivers), status: 'DISPATCHED', dispatchedAt,
      returns: [], history: [], version: 0,
    };
    const walk = walkTicket(rng, doc, target, today, receivers);
    out.push(hotlineTickets.prepare({ ...doc, history: walk.history, version: walk.history.length - 1 }));
  });
  return out;
}

/** Walks a ticket towards `target`, stopping early when the next step would fall after `today`. */
function walkTicket(rng: Random, doc: HotlineTicketDoc, target: TicketTarget, today: Date, receivers: string[]) {
  const centre = HOTLINE_CENTRE[doc.line];
  const w = new Walk(hotlineTickets.definition, doc, doc.dispatchedAt, centre);
  const fits = (at: Date) => at <= today;
  const stall = (here: TicketTarget) => target === here;
  if (stall('DISPATCHED')) return w;

  if (target === 'RETURNED' || target === 'REDISPATCHED') {
    const window = ticketClocks(doc).return.dueAt;
    const returnedAt = between(rng, doc.dispatchedAt, window);
    if (!fits(returnedAt)) return w;
    const back: HotlineReturnDoc = { agencyCode: doc.dispatchedToCode, dispatchedAt: doc.dispatchedAt, returnedAt, reason: '不属于本单位职责，请改派' };
    w.move('RETURNED', returnedAt, doc.dispatchedToCode, { returns: [back] }, back.reason);
    if (stall('RETURNED')) return w;
    const again = hours(returnedAt, rng.int(1, 24));
    if (!fits(again)) return w;
    const to = rng.pick(receivers.filter((c) => c !== back.agencyCode));
    w.move('DISPATCHED', again, centre, { dispatchedToCode: to, dispatchedAt: again }, `改派 ${to}`);
  }
  const receiver = doc.dispatchedToCode;
  const acceptedAt = hours(w.last, rng.int(1, 20));
  if (!fits(acceptedAt)) return w;
  w.move('HANDLING', acceptedAt, receiver, { acceptedAt });
  const due = () => ticketClocks(doc).handling.dueAt;
  if (rng.chance(0.08) && acceptedAt < due()) {
    const extendedAt = between(rng, acceptedAt, due());
    const days = rng.int(3, 10);
    if (fits(extendedAt)) w.act('extend', extendedAt, receiver, { extensionDays: days, extensionReason: '需现场核查', extendedAt }, `延期 ${days} 个工作日：需现场核查`);
  }
  if (stall('HANDLING')) return w;
  const feedbackAt = rng.chance(0.12) ? later(w.last, hours(due(), rng.int(2, 5 * 24))) : between(rng, w.last, due());
  if (!fits(feedbackAt)) return w;
  w.move('FEEDBACK', feedbackAt, receiver, { feedbackAt, feedback: '已现场核实并处理，已告知来电人。' });
  if (stall('FEEDBACK')) return w;
  const revisitedAt = hours(feedbackAt, rng.int(4, 72));
  if (!fits(revisitedAt)) return w;
  w.move('REVISIT', revisitedAt, centre, { revisitedAt, revisitNote: '已电话回访来电人' }, '已电话回访来电人');
  if (stall('REVISIT')) return w;
  const ratedAt = hours(revisitedAt, rng.int(0, 2));
  if (!fits(ratedAt)) return w;
  const rating = rng.weighted([[5, 6], [4, 3], [3, 1], [2, 1], [1, 1]] as const);
  w.move('RATED', ratedAt, centre, { rating, ratedAt }, `满意度 ${rating}`);
  return w;
}


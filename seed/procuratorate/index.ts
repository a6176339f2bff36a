import { AGENCIES, PROCURATORATE_CODE } from '../../lib/agencies';
import { chinaYear } from '../../lib/calendar';
import type { StatusChange } from '../../lib/workflow';
import {
  ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel,
  type ProcuratorateCaseDoc, type PublicInterestStatus, type ReverseReferralDoc, type SuggestionDoc,
} from '../../subgraphs/procuratorate/models';
import { PUBLIC_INTEREST_MACHINE, publicInterestCases, type PublicInterestCaseDoc } from '../../subgraphs/procuratorate/workflow';
import type { ProcuratorateCaseStatus, ProcuratorateCaseType, SuggestionKind } from '../../subgraphs/procuratorate/__generated__/resolvers-types';
import { addDays, DAY, notAfter, seedId } from '../random';
import { scaled, type SeedWorld } from '../world';
import { FORCED_PUBLIC_INTEREST, issueNotice, publicInterestPlan, type PiEvent } from './publicInterest';
import { FORCED_REFERRALS, referralPlan, walkReferral, type RefEvent } from './referrals';
import { discardPlan, FORCED_SUGGESTIONS, suggestionPlan, walkSuggestion, type SugEvent } from './suggestions';
import { PI_FIELDS, TITLES, TYPE_CODE, TYPE_WEIGHTS } from './vocabulary';
import { actor, dated, span, upTo, walk, type Event } from './walk';

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
      // The case's suit clock starts at its suggestion's reply due date, as the suggestion workflow derived it.
      const link = events.find((e) => e.kind === 'case' && e.to === 'PRE_SUIT_SUGGESTION');
      if (link) link.set = () => ({ preSuitSuggestionId: served._id, preSuitSuggestionAt: served.issuedAt, preSuitReplyDueAt: served.replyDueAt });
      suggestions.push(s);
    }
    const caseEvents = events.filter((e) => e.kind === 'case') as (Event<PublicInterestStatus, PublicInterestCaseDoc> & { at: Date })[];
    walk(PUBLIC_INTEREST_MACHINE, c as PublicInterestCaseDoc, c.acceptedAt, c.agencyCode, caseEvents, today);
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
    const cut = f.target === 'CLUE' ? [] : f.target === 'NOTICE' ? plan.slice(0, plan.findIndex((e) => e.act === issueNotice) + 1) : upTo(plan, f.target);
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
    // A few rest at a step (those served over two months ago and still unanswered are overdue), a few drafts are discarded.
    addSuggestion(c, issuedAt, rng.chance(0.1) ? plan.slice(0, rng.int(0, 2)) : rng.chance(0.03) ? discardPlan(rng) : plan);
  }
  for (const f of FORCED_SUGGESTIONS) {
    const plan = f.target === 'DRAFT' ? [] : f.target === 'DISCARDED' ? discardPlan(rng) : upTo(suggestionPlan(rng, f.variant, false, f.outcome), f.target);
    const issuedAt = addDays(today, -(f.ago + span(plan)));
    const c = suggestable.find((k) => k.acceptedAt <= issuedAt) ?? suggestable[0];
    addSuggestion(c, issuedAt < c.acceptedAt ? c.acceptedAt : issuedAt, plan);
  }

  // Workflow counterparts see the case (subgraphs/procuratorate/policies.ts) from the step that involves them, as
  // the steps store them (resolvers/counterparts.ts): the targets of its served suggestions and the competent agencies
  // of its referred referrals (their derived counterpartCodes) join the transferring agency. Both follow their case when sealed.
  const byId = new Map(cases.map((c) => [c._id, c]));
  for (const doc of [...suggestions, ...referrals]) {
    const c = byId.get(doc.procuratorateCaseId)!;
    c.counterpartCodes = [...new Set([...(c.counterpartCodes ?? []), ...(doc.counterpartCodes ?? [])])];
    doc.sealed = c.sealed;
  }

  // The models derive nothing: the workflows' prepare adds each record's due dates (null for cases outside public interest).
  await ProcuratorateCaseModel.insertMany(cases.map((c) => publicInterestCases.prepare(c as PublicInterestCaseDoc)));
  await SuggestionModel.insertMany(suggestions);
  await ReverseReferralModel.insertMany(referrals);
  Object.assign(world.counts, { procuratorateCases: cases.length, suggestions: suggestions.length, reverseReferrals: referrals.length });
}

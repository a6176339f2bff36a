import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { chinaYear } from '../lib/calendar';
import type { StatusChange } from '../lib/workflow';
import { EXCLUSIONS, RescueApplicationModel, SupportReferralModel, type ExclusionCheck, type SupportReferralDoc } from '../subgraphs/assistance/models';
import { applications as rescueWorkflow, MAX_MONTHS, MONTHLY_WAGE, referrals as referralWorkflow } from '../subgraphs/assistance/workflow';
import type { RescueGroup, RescueSituation, RescueStatus, SupportKind, SupportReferralStatus } from '../subgraphs/assistance/__generated__/resolvers-types';
import { addDays, DAY, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

const SITUATIONS: RescueSituation[] = ['VICTIM_SERIOUS_INJURY', 'VICTIM_DEATH_DEPENDANT', 'PROPERTY_LOSS_NO_COMPENSATION', 'WITNESS_INJURED', 'LITIGANT_DIFFICULTY_CIVIL'];
const SUPPORT: { kind: SupportKind; agency: string }[] = [
  { kind: 'EMPLOYMENT', agency: '411221-RSJ' }, { kind: 'SKILLS_TRAINING', agency: '411221-RSJ' }, { kind: 'MEDICAL', agency: '411221-WJW' },
  { kind: 'EDUCATION', agency: '411221-JYJ' }, { kind: 'SUBSISTENCE_ALLOWANCE', agency: '411221-MZJ' }, { kind: 'HOUSEHOLD_REGISTRATION', agency: '411221-GAJ' },
];
const OFFICER = 'seed-jcy-officer';
const SUPERVISOR = 'seed-jcy-chief';
const REJECTION = '申请人已通过民事诉讼获得足额赔偿';

/** The machine's path to each final or resting status (rescue applications). */
const PATH: Record<RescueStatus, RescueStatus[]> = {
  NOTIFIED: ['NOTIFIED'],
  APPLIED: ['NOTIFIED', 'APPLIED'],
  UNDER_REVIEW: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW'],
  APPROVED: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'APPROVED'],
  REJECTED: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'REJECTED'],
  FUNDS_REQUESTED: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED'],
  DISBURSED: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED', 'DISBURSED'],
  FOLLOW_UP: ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'],
};

/**
 * Records in every status, a few of them past a running deadline: `ago` days before today for the last
 * step. Notification clocks: `notified` false leaves the applicant not yet notified of the funds.
 */
const FORCED: { target: RescueStatus; ago: number; notified?: boolean; paidOnArrival?: boolean }[] = [
  { target: 'NOTIFIED', ago: 3 },
  { target: 'APPLIED', ago: 1 }, // decision clock running
  { target: 'APPLIED', ago: 40 }, // decision overdue
  { target: 'UNDER_REVIEW', ago: 1 },
  { target: 'UNDER_REVIEW', ago: 30 }, // decision overdue
  { target: 'APPROVED', ago: 5 },
  { target: 'REJECTED', ago: 20 },
  { target: 'FUNDS_REQUESTED', ago: 7 },
  { target: 'DISBURSED', ago: 20, notified: true },
  { target: 'DISBURSED', ago: 15, notified: false }, // notification overdue
  { target: 'DISBURSED', ago: 1, notified: false, paidOnArrival: true }, // notification clock running
  { target: 'FOLLOW_UP', ago: 10 },
];

/** Days after the record's first date at which each step happened (offsets, before dates are fixed). */
interface Offsets {
  steps: { status: RescueStatus; day: number }[];
  fundsReceived?: number;
  notified?: number | null;
  last: number;
}

/** Walks the machine along `path` with realistic gaps, in days from the first step. */
function offsetsFor(world: SeedWorld, path: RescueStatus[], notify: boolean, paidOnArrival = false): Offsets {
  const { rng } = world;
  const steps: Offsets['steps'] = [];
  let day = 0;
  let applied = 0;
  let fundsReceived: number | undefined;
  let notified: number | null | undefined;
  for (const status of path) {
    if (status === 'APPLIED') day = applied = steps.length ? day + rng.int(1, 20) : 0;
    else if (status === 'UNDER_REVIEW') day += rng.int(0, 3);
    else if (status === 'APPROVED' || status === 'REJECTED') day = Math.max(day, applied + rng.int(4, 16)); // sometimes past 10 working days
    else if (status === 'FUNDS_REQUESTED') day += rng.int(1, 10);
    else if (status === 'DISBURSED') {
      fundsReceived = day + rng.int(5, 30);
      day = fundsReceived + (paidOnArrival ? 0 : rng.int(0, 5));
      notified = notify || path.includes('FOLLOW_UP') ? fundsReceived + rng.int(0, 4) : null; // four days can be past two working days
    } else if (status === 'FOLLOW_UP') day = Math.max(day, notified ?? day) + rng.int(15, 60);
    steps.push({ status, day });
  }
  const last = Math.max(day, notified ?? 0);
  return { steps, fundsReceived, notified, last };
}

/** About 60 rescue matters a county-year, for victims of procuratorate cases, with support referrals. */
export async function seedAssistance(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const byId = new Map(world.people.map((p) => [p.id, p]));
  const victims = world.procuratorateCases.flatMap((c) => c.victimIds.map((v) => ({ caseId: c.id, personId: v, acceptedAt: c.acceptedAt })));
  const applications: ReturnType<typeof rescueWorkflow.prepare>[] = [];
  const referrals: SupportReferralDoc[] = [];
  const used = new Set<string>();
  const perYear = new Map<number, number>();
  const count = scaled(world, 60);

  for (let i = 0; i < count && victims.length; i++) {
    const forced = FORCED[i];
    let target: RescueStatus;
    let path: RescueStatus[];
    let offsets: Offsets;
    let start: Date;
    let pick: number;
    if (forced) {
      target = forced.target;
      path = PATH[target].slice(i % 3 === 0 && target !== 'NOTIFIED' ? 1 : 0); // some applied without a recorded notification
      offsets = offsetsFor(world, path, forced.notified ?? true, forced.paidOnArrival);
      start = addDays(today, -(forced.ago + offsets.last));
      start.setUTCHours(rng.int(0, 8), rng.int(0, 59), 0, 0); // 08:00–16:59 Beijing time
      pick = victims.findIndex((v) => v.acceptedAt < addDays(start, -5));
      if (pick < 0) pick = rng.int(0, victims.length - 1);
    } else {
      target = rng.weighted<RescueStatus>([
        ['FOLLOW_UP', 60], ['REJECTED', 10], ['DISBURSED', 8], ['FUNDS_REQUESTED', 6], ['APPROVED', 5], ['UNDER_REVIEW', 5], ['APPLIED', 3], ['NOTIFIED', 3],
      ]);
      path = PATH[target].slice(rng.chance(0.3) && target !== 'NOTIFIED' ? 1 : 0);
      offsets = offsetsFor(world, path, rng.chance(0.92));
      pick = rng.int(0, victims.length - 1);
      start = notAfter(addDays(victims[pick].acceptedAt, rng.int(5, 60)), addDays(today, -1));
    }
    const v = victims.splice(pick, 1)[0];
    if (used.has(`${v.caseId}|${v.personId}`)) continue;
    used.add(`${v.caseId}|${v.personId}`);

    // Steps after today have not happened yet: the record rests at the last step that has.
    const at = (day: number) => new Date(start.getTime() + day * DAY);
    const done = offsets.steps.filter((s) => at(s.day) <= today);
    if (!done.length) continue;
    const status = done[done.length - 1].status;
    const dateOf = (s: RescueStatus) => {
      const step = done.find((d) => d.status === s);
      return step ? at(step.day) : null;
    };
    const fundsReceivedAt = status === 'DISBURSED' || status === 'FOLLOW_UP' ? at(offsets.fundsReceived!) : null;
    const notifiedAt = fundsReceivedAt && offsets.notified != null && at(offsets.notified) <= today ? at(offsets.notified) : null;
    if (status === 'FOLLOW_UP' && !notifiedAt) continue; // cannot happen: follow-up comes after the notification

    const appliedAt = dateOf('APPLIED');
    const rejected = status === 'REJECTED';
    const year = appliedAt ? chinaYear(appliedAt) : 0;
    if (appliedAt) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const person = byId.get(v.personId)!;
    const groups: RescueGroup[] = [];
    const ageYears = today.getUTCFullYear() - person.birthDate.getUTCFullYear();
    if (ageYears < 18) groups.push('MINOR');
    if (person.female) groups.push('WOMAN');
    if (ageYears >= 60) groups.push('ELDERLY');
    if (rng.chance(0.1)) groups.push('DISABLED');
    const months = appliedAt ? (rng.chance(0.05) ? rng.int(MAX_MONTHS + 1, 48) : rng.int(3, MAX_MONTHS)) : null;
    const exclusionChecks: ExclusionCheck[] = appliedAt
      ? EXCLUSIONS.map((e) => ({ exclusion: e, applies: rejected && e === 'ALREADY_COMPENSATED', note: rejected && e === 'ALREADY_COMPENSATED' ? REJECTION : '经核查不存在该情形' }))
      : [];
    const history: StatusChange[] = done.map((s, k) => ({
      at: at(s.day),
      actor: s.status === 'APPROVED' || s.status === 'REJECTED' ? SUPERVISOR : OFFICER,
      agency: PROCURATORATE_CODE,
      from: k === 0 ? null : done[k - 1].status,
      to: s.status,
      note: s.status === 'REJECTED' ? REJECTION : s.status === 'FOLLOW_UP' ? '回访:救助金已用于治疗,生活基本稳定' : null,
    }));
    const id = seedId(start, 4_000_000 + i);
    const doc = {
      _id: id,
      number: appliedAt ? `渑检救助〔${year}〕${perYear.get(year)}号` : null,
      applicantId: v.personId,
      procuratorateCaseId: v.caseId,
      agencyCode: PROCURATORATE_CODE,
      situation: rng.pick(SITUATIONS),
      exclusionChecks,
      groups,
      months,
      monthlyWage: MONTHLY_WAGE,
      overCapApproval: months && months > MAX_MONTHS ? { approver: '检察长 王建国', reason: '被害人重伤致残,后续治疗费用巨大,经检察委员会讨论决定' } : null,
      status,
      rightNotifiedAt: dateOf('NOTIFIED'),
      appliedAt,
      reviewStartedAt: dateOf('UNDER_REVIEW'),
      decidedAt: dateOf('APPROVED') ?? dateOf('REJECTED'),
      rejectionReason: rejected ? REJECTION : null,
      fundsRequestedAt: dateOf('FUNDS_REQUESTED'),
      fundsReceivedAt,
      disbursedAt: dateOf('DISBURSED'),
      notifiedAt,
      followedUpAt: dateOf('FOLLOW_UP'),
      followUpNote: status === 'FOLLOW_UP' ? history[history.length - 1].note : null,
      history,
      version: history.length - 1,
    };
    // The workflow derives the stored fields (unique keys, list date, next deadline), as for records made through the API.
    applications.push(rescueWorkflow.prepare({ ...doc, counterpartCodes: [] as string[] }));

    if (doc.disbursedAt && (referrals.length < 4 || rng.chance(0.6))) {
      const referral = referralFor(world, doc, referrals.length, 4_500_000 + i);
      referrals.push(referral);
      applications[applications.length - 1].counterpartCodes = [referral.receivingAgencyCode]; // the receiver sees the application
    }
  }
  await RescueApplicationModel.insertMany(applications);
  await SupportReferralModel.insertMany(referrals);
  world.counts.rescueApplications = applications.length;
  world.counts.supportReferrals = referrals.length;
}

/** A 多元化救助 referral of a paid application, walked along its machine (dates never after today). */
function referralFor(world: SeedWorld, a: { _id: string; disbursedAt: Date | null }, n: number, seq: number): SupportReferralDoc {
  const { rng, today } = world;
  const s = rng.pick(SUPPORT);
  const receiving = AGENCIES.some((x) => x.code === s.agency) ? s.agency : '411221-MZJ';
  const forced: SupportReferralStatus[] = ['COMPLETED', 'DECLINED', 'ACCEPTED', 'REFERRED'];
  const target = forced[n] ?? rng.weighted<SupportReferralStatus>([['COMPLETED', 55], ['ACCEPTED', 15], ['REFERRED', 15], ['DECLINED', 15]]);
  const referredAt = notAfter(addDays(a.disbursedAt!, rng.int(0, 10)), today);
  const acceptedAt = target === 'ACCEPTED' || target === 'COMPLETED' ? notAfter(addDays(referredAt, rng.int(1, 7)), today) : null;
  const declinedAt = target === 'DECLINED' ? notAfter(addDays(referredAt, rng.int(1, 7)), today) : null;
  const completedAt = target === 'COMPLETED' ? notAfter(addDays(acceptedAt!, rng.int(5, 40)), today) : null;
  const entry = (at: Date, agency: string, from: SupportReferralStatus | null, to: SupportReferralStatus, note: string | null = null): StatusChange => ({
    at, actor: agency === PROCURATORATE_CODE ? OFFICER : `seed-${agency.slice(7).toLowerCase()}-officer`, agency, from, to, note,
  });
  const history = [entry(referredAt, PROCURATORATE_CODE, null, 'REFERRED')];
  if (acceptedAt) history.push(entry(acceptedAt, receiving, 'REFERRED', 'ACCEPTED'));
  if (declinedAt) history.push(entry(declinedAt, receiving, 'REFERRED', 'DECLINED', '申请人不符合本单位帮扶条件'));
  if (completedAt) history.push(entry(completedAt, receiving, 'ACCEPTED', 'COMPLETED', '已落实帮扶措施'));
  return referralWorkflow.prepare({
    _id: seedId(referredAt, seq),
    applicationId: a._id,
    kind: s.kind,
    referringAgencyCode: PROCURATORATE_CODE,
    agencyCode: PROCURATORATE_CODE,
    receivingAgencyCode: receiving,
    status: target,
    note: null,
    referredAt,
    acceptedAt,
    declinedAt,
    declineReason: declinedAt ? '申请人不符合本单位帮扶条件' : null,
    outcome: completedAt ? '已落实帮扶措施' : null,
    completedAt,
    history,
    version: history.length - 1,
  });
}

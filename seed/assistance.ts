import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { DECISION_WORKING_DAYS, MONTHLY_WAGE } from '../subgraphs/assistance/config';
import { addWorkingDays } from '../subgraphs/assistance/deadlines';
import { RescueApplicationModel, SupportReferralModel } from '../subgraphs/assistance/models';
import type { RescueGroup, RescueSituation, RescueStatus, SupportKind } from '../subgraphs/assistance/__generated__/resolvers-types';
import { addDays, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

const EXCLUSIONS = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
const SITUATIONS: RescueSituation[] = ['VICTIM_SERIOUS_INJURY', 'VICTIM_DEATH_DEPENDANT', 'PROPERTY_LOSS_NO_COMPENSATION', 'WITNESS_INJURED', 'LITIGANT_DIFFICULTY_CIVIL'];
const FLOW: RescueStatus[] = ['APPLIED', 'UNDER_REVIEW', 'APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'];
const SUPPORT: { kind: SupportKind; agency: string }[] = [
  { kind: 'EMPLOYMENT', agency: '411221-RSJ' }, { kind: 'SKILLS_TRAINING', agency: '411221-RSJ' }, { kind: 'MEDICAL', agency: '411221-WJW' },
  { kind: 'EDUCATION', agency: '411221-JYJ' }, { kind: 'SUBSISTENCE_ALLOWANCE', agency: '411221-MZJ' }, { kind: 'HOUSEHOLD_REGISTRATION', agency: '411221-GAJ' },
];

/** About 60 rescue applications a county-year, by victims of procuratorate cases, with support referrals. */
export async function seedAssistance(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const byId = new Map(world.people.map((p) => [p.id, p]));
  const victims = world.procuratorateCases.flatMap((c) => c.victimIds.map((v) => ({ caseId: c.id, personId: v, acceptedAt: c.acceptedAt })));
  const applications: Record<string, unknown>[] = [];
  const referrals: Record<string, unknown>[] = [];
  const used = new Set<string>();
  const perYear = new Map<number, number>();
  for (let i = 0; i < scaled(world, 60) && victims.length; i++) {
    const v = victims.splice(rng.int(0, victims.length - 1), 1)[0];
    if (used.has(`${v.caseId}|${v.personId}`)) continue;
    used.add(`${v.caseId}|${v.personId}`);
    const appliedAt = notAfter(addDays(v.acceptedAt, rng.int(10, 120)), addDays(today, -1));
    const year = appliedAt.getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const person = byId.get(v.personId)!;
    const rejected = rng.chance(0.1);
    const age = (today.getTime() - appliedAt.getTime()) / 86_400_000;
    const depth = rejected ? 1 : Math.min(FLOW.length - 1, Math.floor(age / 15));
    const decidedAt = rejected || depth >= 2 ? notAfter(addDays(appliedAt, rng.int(5, 16)), today) : null;
    const disbursedAt = decidedAt && depth >= 4 ? notAfter(addDays(decidedAt, rng.int(10, 40)), today) : null;
    const groups: RescueGroup[] = [];
    const ageYears = today.getUTCFullYear() - person.birthDate.getUTCFullYear();
    if (ageYears < 18) groups.push('MINOR');
    if (person.female) groups.push('WOMAN');
    if (ageYears >= 60) groups.push('ELDERLY');
    if (rng.chance(0.1)) groups.push('DISABLED');
    const id = seedId(appliedAt, 4_000_000 + i);
    const months = rng.chance(0.05) ? rng.int(37, 48) : rng.int(3, 36);
    applications.push({
      _id: id, number: `渑检救助〔${year}〕${perYear.get(year)}号`, applicantId: v.personId, procuratorateCaseId: v.caseId,
      agencyCode: PROCURATORATE_CODE, situation: rng.pick(SITUATIONS), exclusionsChecked: EXCLUSIONS, groups,
      months, monthlyWage: MONTHLY_WAGE, overCapApproved: months > 36,
      status: rejected ? 'REJECTED' : FLOW[depth], appliedAt, decisionDueAt: addWorkingDays(appliedAt, DECISION_WORKING_DAYS), decidedAt,
      rejectionReason: rejected ? '申请人已通过民事诉讼获得足额赔偿' : null, disbursedAt, version: 0,
    });
    if (disbursedAt && rng.chance(0.6)) {
      const s = rng.pick(SUPPORT);
      const done = rng.chance(0.6);
      referrals.push({
        _id: seedId(disbursedAt, 4_500_000 + i), applicationId: id, kind: s.kind,
        receivingAgencyCode: AGENCIES.some((a) => a.code === s.agency) ? s.agency : '411221-MZJ',
        status: done ? 'COMPLETED' : 'REFERRED', outcome: done ? '已落实帮扶措施' : null,
        referredAt: disbursedAt, completedAt: done ? notAfter(addDays(disbursedAt, rng.int(5, 30)), today) : null, version: 0,
      });
    }
  }
  await RescueApplicationModel.insertMany(applications);
  await SupportReferralModel.insertMany(referrals);
  world.counts.rescueApplications = applications.length;
  world.counts.supportReferrals = referrals.length;
}

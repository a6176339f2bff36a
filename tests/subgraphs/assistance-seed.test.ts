import { seedAssistance } from '../../seed/assistance';
import { generatePeople } from '../../seed/parties';
import { addDays, Random } from '../../seed/random';
import type { SeedWorld } from '../../seed/world';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../../subgraphs/assistance/models';
import { backfillAccessFields } from '../../subgraphs/assistance/backfill';
import { nextDueAt } from '../../subgraphs/assistance/deadlines';
import { REFERRAL_MACHINE, RESCUE_MACHINE } from '../../subgraphs/assistance/workflow';
import { useDatabase } from '../helpers/db';

// The seed's assistance records obey the machines: every status, histories along allowed moves, dates in order.
useDatabase();

const today = new Date('2026-06-30T00:00:00Z');
let apps: RescueApplicationDoc[];
let referrals: SupportReferralDoc[];

beforeAll(async () => {
  const rng = new Random(7);
  const people = generatePeople(rng, 200, today);
  const world: SeedWorld = {
    rng, scale: 1, today, start: new Date('2024-06-01T00:00:00Z'), people, enterprises: [], filedTransfers: [], enforcementCases: [],
    procuratorateCases: Array.from({ length: 120 }, (_, i) => ({
      id: `pc-seed-${i}`, acceptedAt: rng.date(new Date('2024-06-01T00:00:00Z'), addDays(today, -30)), suspectIds: [], victimIds: [people[i].id],
    })),
    openPetitioners: new Set(), counts: {},
  };
  await seedAssistance(world);
  apps = await RescueApplicationModel.find().lean<RescueApplicationDoc[]>();
  referrals = await SupportReferralModel.find().lean<SupportReferralDoc[]>();
  expect(world.counts.rescueApplications).toBe(apps.length);
});

const ordered = (...dates: (Date | null | undefined)[]) => {
  const present = dates.filter((d): d is Date => !!d).map((d) => d.getTime());
  return present.every((t, i) => i === 0 || t >= present[i - 1]);
};

describe('seeded rescue applications', () => {
  it('cover every status', () => {
    expect(new Set(apps.map((a) => a.status))).toEqual(new Set(Object.keys(RESCUE_MACHINE)));
  });

  it('have histories that walk the machine to the current status, one version per step', () => {
    for (const a of apps) {
      const [first, ...rest] = a.history;
      expect(first).toMatchObject({ from: null, to: a.rightNotifiedAt ? 'NOTIFIED' : 'APPLIED' });
      rest.forEach((h, i) => {
        expect(h.from).toBe(a.history[i].to);
        expect(RESCUE_MACHINE[h.from as keyof typeof RESCUE_MACHINE]).toHaveProperty(h.to);
      });
      expect(a.history.at(-1)!.to).toBe(a.status);
      expect(a.version).toBe(a.history.length - 1);
      expect(ordered(...a.history.map((h) => h.at))).toBe(true);
      for (const h of a.history) expect(h.agency).toBe(a.agencyCode);
    }
  });

  it('have dates in the order of the steps, none after today, and the fields each status needs', () => {
    for (const a of apps) {
      expect(ordered(a.rightNotifiedAt, a.appliedAt, a.reviewStartedAt, a.decidedAt, a.fundsRequestedAt, a.fundsReceivedAt, a.disbursedAt, a.followedUpAt)).toBe(true);
      expect(ordered(a.fundsReceivedAt, a.notifiedAt, a.followedUpAt)).toBe(true);
      for (const d of [a.rightNotifiedAt, a.appliedAt, a.decidedAt, a.disbursedAt, a.notifiedAt, a.followedUpAt]) if (d) expect(d <= today).toBe(true);
      expect(!!a.appliedAt).toBe(a.status !== 'NOTIFIED');
      expect(!!a.number).toBe(a.status !== 'NOTIFIED');
      if (a.appliedAt) expect(a.exclusionChecks).toHaveLength(6);
      expect(!!a.decidedAt).toBe(!['NOTIFIED', 'APPLIED', 'UNDER_REVIEW'].includes(a.status));
      expect(!!a.rejectionReason).toBe(a.status === 'REJECTED');
      if (a.status === 'APPROVED' || a.status === 'FUNDS_REQUESTED' || a.status === 'DISBURSED' || a.status === 'FOLLOW_UP') {
        expect(a.exclusionChecks.some((c) => c.applies)).toBe(false);
      }
      expect(!!a.disbursedAt && !!a.fundsReceivedAt).toBe(a.status === 'DISBURSED' || a.status === 'FOLLOW_UP');
      if (a.status === 'FOLLOW_UP') expect(a.notifiedAt && a.followUpNote).toBeTruthy();
      if (a.months && a.months > 36) expect(a.overCapApproval?.approver).toBeTruthy();
      expect(a.listedAt).toEqual(a.appliedAt ?? a.rightNotifiedAt);
    }
  });

  it('store the next deadline, and some are past it', () => {
    for (const a of apps) expect(a.nextDueAt ?? null).toEqual(nextDueAt(a));
    const running = apps.filter((a) => a.nextDueAt);
    expect(running.some((a) => a.nextDueAt! < today)).toBe(true);
    expect(running.some((a) => a.nextDueAt! >= today)).toBe(true);
    expect(apps.some((a) => a.status === 'DISBURSED' && !a.notifiedAt && a.nextDueAt! < today)).toBe(true);
    expect(apps.some((a) => a.status === 'UNDER_REVIEW' && a.nextDueAt! < today)).toBe(true);
  });
});

describe('seeded support referrals', () => {
  it('cover every status, with histories along the machine taken by the right agencies', () => {
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(Object.keys(REFERRAL_MACHINE)));
    const byId = new Map(apps.map((a) => [a._id, a]));
    for (const r of referrals) {
      const a = byId.get(r.applicationId)!;
      expect(a.disbursedAt && r.referredAt >= a.disbursedAt).toBeTruthy();
      expect(r.history[0]).toMatchObject({ from: null, to: 'REFERRED', agency: r.referringAgencyCode });
      r.history.slice(1).forEach((h, i) => {
        expect(h.from).toBe(r.history[i].to);
        expect(REFERRAL_MACHINE[h.from as keyof typeof REFERRAL_MACHINE]).toHaveProperty(h.to);
        expect(h.agency).toBe(r.receivingAgencyCode);
      });
      expect(r.history.at(-1)!.to).toBe(r.status);
      expect(r.version).toBe(r.history.length - 1);
      expect(ordered(r.referredAt, r.acceptedAt, r.completedAt)).toBe(true);
      expect(ordered(r.referredAt, r.declinedAt)).toBe(true);
      expect(!!r.outcome).toBe(r.status === 'COMPLETED');
      expect(!!r.declineReason).toBe(r.status === 'DECLINED');
      expect(r.completedAt ? r.completedAt <= today : true).toBe(true);
    }
  });

  it('carry their owner, and after the start-up backfill each application names its receiving agencies as counterparts', async () => {
    for (const r of referrals) expect(r.agencyCode).toBe(r.referringAgencyCode);
    await backfillAccessFields();
    const after = new Map((await RescueApplicationModel.find().lean<RescueApplicationDoc[]>()).map((a) => [a._id, a]));
    for (const r of referrals) expect(after.get(r.applicationId)!.counterpartCodes).toContain(r.receivingAgencyCode);
    const referred = new Set(referrals.map((r) => r.applicationId));
    for (const a of after.values()) if (!referred.has(a._id)) expect(a.counterpartCodes).toEqual([]);
  });
});

import type { StatusChange } from '../../lib/workflow';
import { generateEnterprises, generatePeople } from '../../seed/parties';
import { seedProcuratorate } from '../../seed/procuratorate';
import { Random } from '../../seed/random';
import type { SeedWorld } from '../../seed/world';
import { caseNextDueAt, referralNextDueAt, suggestionNextDueAt, suggestionReplyDueAt } from '../../subgraphs/procuratorate/deadlines';
import {
  PUBLIC_INTEREST_STATUSES, ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel,
  type ProcuratorateCaseDoc, type ReverseReferralDoc, type SuggestionDoc,
} from '../../subgraphs/procuratorate/models';
import { PUBLIC_INTEREST_MACHINE, REFERRAL_MACHINE, SUGGESTION_MACHINE } from '../../subgraphs/procuratorate/workflow';
import { useDatabase } from '../helpers/db';

// The seed's procuratorate records obey the machines: every status, histories along allowed moves taken by
// the agency each step names, dates in order and consistent with the deadlines, some of them overdue.
useDatabase();

const today = new Date('2026-06-30T00:00:00Z');
let cases: ProcuratorateCaseDoc[];
let suggestions: SuggestionDoc[];
let referrals: ReverseReferralDoc[];

beforeAll(async () => {
  const rng = new Random(11);
  const people = generatePeople(rng, 300, today);
  const world: SeedWorld = {
    rng, scale: 1, today, start: new Date('2024-06-01T00:00:00Z'), people, enterprises: generateEnterprises(rng, 40, people),
    filedTransfers: [], enforcementCases: [], procuratorateCases: [], openPetitioners: new Set(), counts: {},
  };
  await seedProcuratorate(world);
  cases = await ProcuratorateCaseModel.find().lean<ProcuratorateCaseDoc[]>();
  suggestions = await SuggestionModel.find().lean<SuggestionDoc[]>();
  referrals = await ReverseReferralModel.find().lean<ReverseReferralDoc[]>();
  expect(world.counts).toEqual({ procuratorateCases: cases.length, suggestions: suggestions.length, reverseReferrals: referrals.length });
}, 120_000);

const ordered = (dates: (Date | null | undefined)[]) => {
  const present = dates.filter((d): d is Date => !!d).map((d) => d.getTime());
  return present.every((t, i) => i === 0 || t >= present[i - 1]);
};

/** Every entry after the creation is a step of `machine` (or, keeping the status, one of `acts`) by the agency it names. */
function obeys<D extends { status: string; history: StatusChange[]; version: number }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any machine of the subgraph
  machine: Record<string, Record<string, { by: (d: any) => unknown }>>, doc: D, acts: Record<string, (d: D) => string> = {},
): void {
  const [created, ...moves] = doc.history;
  expect(created.from).toBeNull();
  moves.forEach((h, i) => {
    expect(h.from).toBe(doc.history[i].to);
    const step = machine[h.from!][h.to];
    const by = h.from === h.to && acts[h.to] ? acts[h.to](doc) : [step?.by(doc)].flat()[0];
    expect(by).toBeDefined();
    expect(h.agency).toBe(by);
    expect(h.actor).toBe(`seed-${h.agency}`);
  });
  expect(doc.history.at(-1)!.to).toBe(doc.status);
  expect(doc.version).toBe(doc.history.length - 1);
  expect(ordered(doc.history.map((h) => h.at))).toBe(true);
  expect(doc.history.at(-1)!.at <= today).toBe(true);
}

describe('seeded public-interest cases', () => {
  const pi = () => cases.filter((c) => c.type === 'PUBLIC_INTEREST');

  it('cover every status', () => {
    expect(new Set(pi().map((c) => c.status))).toEqual(new Set(PUBLIC_INTEREST_STATUSES));
  });

  it('have histories that walk the machine', () => {
    for (const c of pi()) obeys(PUBLIC_INTEREST_MACHINE, c, { TERMINATED: (d) => d.agencyCode });
  });

  it('have the dates and links each status needs, in order', () => {
    const byId = new Map(suggestions.map((s) => [s._id, s]));
    for (const c of pi()) {
      const reached = (s: string) => c.history.some((h) => h.to === s);
      expect(!!c.filedAt).toBe(c.status !== 'CLUE');
      expect(!!c.terminatedAt).toBe(c.status === 'TERMINATED');
      expect(!!c.litigatedAt).toBe(c.status === 'LITIGATED');
      expect(!!c.preSuitSuggestionId).toBe(reached('PRE_SUIT_SUGGESTION'));
      expect(ordered([c.acceptedAt, c.filedAt, c.consultationStartedAt, c.preSuitSuggestionAt, c.followUpAt, c.terminatedAt ?? c.litigatedAt, c.noticeIssuedAt])).toBe(true);
      if (c.terminatedAt) expect(c.closedAt).toEqual(c.terminatedAt);
      if (c.preSuitSuggestionId) {
        const s = byId.get(c.preSuitSuggestionId)!;
        expect(s).toMatchObject({ procuratorateCaseId: c._id, kind: 'PUBLIC_INTEREST_PRE_SUIT', issuedAt: c.preSuitSuggestionAt, replyDueAt: c.preSuitReplyDueAt });
        expect(s.servedAt! <= c.history.find((h) => h.to === 'PRE_SUIT_SUGGESTION')!.at).toBe(true);
      }
      if (c.litigatedAt) expect(c.litigatedAt > c.preSuitReplyDueAt!).toBe(true);
    }
  });

  it('store the next deadline, and some are past it while others still run', () => {
    for (const c of cases) expect(c.nextDueAt ?? null).toEqual(caseNextDueAt(c));
    const running = pi().filter((c) => c.nextDueAt);
    expect(running.some((c) => c.nextDueAt! < today)).toBe(true);
    expect(running.some((c) => c.nextDueAt! >= today)).toBe(true);
    for (const status of ['FILED', 'FOLLOW_UP', 'TERMINATED'] as const) {
      expect(pi().some((c) => c.status === status && c.nextDueAt && c.nextDueAt < today)).toBe(true);
    }
  });

  it('give ordinary cases a history ending in their status', () => {
    for (const c of cases.filter((k) => k.type !== 'PUBLIC_INTEREST')) {
      expect(c.history[0]).toMatchObject({ from: null, to: 'ACCEPTED', at: c.acceptedAt });
      expect(c.history.at(-1)!.to).toBe(c.status);
      expect(c.version).toBe(c.history.length - 1);
      expect(ordered(c.history.map((h) => h.at))).toBe(true);
    }
  });
});

describe('seeded suggestions', () => {
  it('cover every status', () => {
    expect(new Set(suggestions.map((s) => s.status))).toEqual(new Set(Object.keys(SUGGESTION_MACHINE)));
  });

  it('have histories that walk the machine, the target agency replying and rectifying', () => {
    for (const s of suggestions) obeys(SUGGESTION_MACHINE, s, { RECTIFYING: (d) => d.targetAgencyCode });
    expect(suggestions.some((s) => s.history.some((h) => h.agency === s.targetAgencyCode && h.to === 'REPLIED'))).toBe(true);
  });

  it('have dates in order, consistent with the reply deadline, and the fields each status needs', () => {
    const cased = new Map(cases.map((c) => [c._id, c]));
    for (const s of suggestions) {
      const c = cased.get(s.procuratorateCaseId)!;
      expect(c).toBeDefined();
      expect(s.issuedAt >= c.acceptedAt).toBe(true);
      expect(ordered([s.issuedAt, s.approvedAt, s.servedAt, s.objectedAt, s.objectionDecidedAt, s.repliedAt, s.rectificationStartedAt, s.rectificationReportedAt, s.verifiedAt, s.closedAt])).toBe(true);
      expect(s.replyDueAt ?? null).toEqual(suggestionReplyDueAt(s));
      expect(!!s.servedAt).toBe(!['DRAFT', 'APPROVED', 'DISCARDED'].includes(s.status));
      expect(!!s.discardedAt && !!s.discardReason).toBe(s.status === 'DISCARDED');
      expect(!!s.repliedAt).toBe(s.history.some((h) => h.to === 'REPLIED'));
      if (s.escalatedAt) expect(s.escalatedAt > s.replyDueAt!).toBe(true);
      if (s.status === 'WITHDRAWN') expect(s.withdrawalReason).toBeTruthy();
      if (s.status === 'OBJECTED') expect(s.objectionReason).toBeTruthy();
      if (s.originalContent) expect(s.content).not.toBe(s.originalContent);
      if (s.kind === 'PUBLIC_INTEREST_PRE_SUIT') expect(c.type).toBe('PUBLIC_INTEREST');
    }
  });

  it('store the next deadline, and some replies are overdue while others still run', () => {
    for (const s of suggestions) expect(s.nextDueAt ?? null).toEqual(suggestionNextDueAt(s));
    expect(suggestions.some((s) => s.nextDueAt && s.nextDueAt < today)).toBe(true);
    expect(suggestions.some((s) => s.nextDueAt && s.nextDueAt >= today)).toBe(true);
  });
});

describe('seeded reverse referrals', () => {
  it('cover every status', () => {
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(Object.keys(REFERRAL_MACHINE)));
  });

  it('have histories that walk the machine, the competent agency deciding and reporting', () => {
    for (const r of referrals) obeys(REFERRAL_MACHINE, r);
    for (const r of referrals.filter((x) => x.status === 'RESULT_REPORTED')) {
      expect(r.history.slice(-2).map((h) => h.agency)).toEqual([r.competentAgencyCode, r.competentAgencyCode]);
    }
  });

  it('follow a NON_PROSECUTION decision, with dates in order and suspensions closed except the current one', () => {
    const cased = new Map(cases.map((c) => [c._id, c]));
    for (const r of referrals) {
      const c = cased.get(r.procuratorateCaseId)!;
      expect(c).toMatchObject({ decision: 'NON_PROSECUTION', decidedAt: r.nonProsecutedAt });
      expect(ordered([r.nonProsecutedAt, r.referredAt, r.reviewStartedAt, r.opinionIssuedAt ?? r.terminatedAt, r.agencyDecidedAt, r.resultReportedAt])).toBe(true);
      const open = r.pauses.filter((p) => !p.to);
      expect(open.length).toBe(r.status === 'SUSPENDED' ? 1 : 0);
      for (const p of r.pauses) if (p.to) expect(p.to >= p.from).toBe(true);
      expect(!!r.result).toBe(r.status === 'RESULT_REPORTED');
    }
  });

  it('store the next deadline (none while suspended), and some are past it', () => {
    for (const r of referrals) expect(r.nextDueAt ?? null).toEqual(referralNextDueAt(r));
    expect(referrals.filter((r) => r.status === 'SUSPENDED').every((r) => r.nextDueAt === null)).toBe(true);
    expect(referrals.some((r) => r.status === 'NON_PROSECUTED' && r.nextDueAt! < today)).toBe(true);
    expect(referrals.some((r) => r.status === 'UNDER_REVIEW' && r.nextDueAt! < today)).toBe(true);
    expect(referrals.some((r) => r.status === 'OPINION_ISSUED' && r.nextDueAt! < today)).toBe(true); // no decision two months on
    expect(referrals.some((r) => r.nextDueAt && r.nextDueAt >= today)).toBe(true);
  });
});

describe('the seeded access fields (subgraphs/procuratorate/policies.ts)', () => {
  it('store on each case exactly the targets of its served suggestions and the competent agencies of its referred referrals as counterparts', () => {
    const byCase = new Map<string, Set<string>>();
    const involved = [
      ...suggestions.filter((s) => s.servedAt).map((s) => [s.procuratorateCaseId, s.targetAgencyCode]),
      ...referrals.filter((r) => r.referredAt).map((r) => [r.procuratorateCaseId, r.competentAgencyCode]),
    ];
    expect(suggestions.some((s) => !s.servedAt) && referrals.some((r) => !r.referredAt)).toBe(true); // drafts and unreferred exist
    for (const [caseId, agency] of involved) {
      byCase.set(caseId, (byCase.get(caseId) ?? new Set()).add(agency));
    }
    expect(byCase.size).toBeGreaterThan(0);
    for (const c of cases) expect([...(c.counterpartCodes ?? [])].sort()).toEqual([...(byCase.get(c._id) ?? [])].sort());
  });

  it('seal suggestions and referrals with their case', () => {
    const sealed = new Map(cases.map((c) => [c._id, c.sealed]));
    for (const d of [...suggestions, ...referrals]) expect(d.sealed).toBe(sealed.get(d.procuratorateCaseId));
  });
});

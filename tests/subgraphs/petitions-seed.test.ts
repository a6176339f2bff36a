import { generatePeople } from '../../seed/parties';
import { seedPetitions } from '../../seed/petitions';
import { Random } from '../../seed/random';
import type { SeedWorld } from '../../seed/world';
import type { Machine, StatusChange } from '../../lib/workflow';
import { petitionClocks, petitionDerived, ticketDerived } from '../../subgraphs/petitions/deadlines';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../../subgraphs/petitions/models';
import { PETITION_MACHINE, TICKET_MACHINE } from '../../subgraphs/petitions/workflow';
import { useDatabase } from '../helpers/db';

useDatabase();

// The generator at a small scale, on its own: every status, histories that obey the machines, consistent dates.
const today = new Date('2026-06-30T00:00:00Z');
let petitions: PetitionDoc[];
let tickets: HotlineTicketDoc[];

beforeAll(async () => {
  const rng = new Random(11);
  const world: SeedWorld = {
    rng, scale: 0.3, today, start: new Date('2024-06-01T00:00:00Z'), people: generatePeople(rng, 300, today), enterprises: [],
    filedTransfers: [], enforcementCases: [], procuratorateCases: [], openPetitioners: new Set(), counts: {},
  };
  await seedPetitions(world);
  petitions = await PetitionModel.find().lean<PetitionDoc[]>();
  tickets = await HotlineTicketModel.find().lean<HotlineTicketDoc[]>();
});

/** Replays a history on the machine: the first entry creates, each move is a step of the machine or keeps the status. */
function replay<S extends string, D>(machine: Machine<S, D>, history: StatusChange[], status: S): string | null {
  if (history[0]?.from !== null) return 'no creation entry';
  let at = history[0].at;
  let current = history[0].to as S;
  for (const h of history.slice(1)) {
    if (h.from !== current) return `entry from ${h.from} while ${current}`;
    if (h.to !== current && !machine[current][h.to as S]) return `${current} → ${h.to} is not a step`;
    if (h.at < at) return `entry at ${h.at.toISOString()} before ${at.toISOString()}`;
    if (h.at > today) return 'entry after today';
    at = h.at;
    current = h.to as S;
  }
  return current === status ? null : `history ends in ${current}, record is ${status}`;
}

describe('seed: petitions', () => {
  it('has records in every status', () => {
    const statuses = new Set(petitions.map((p) => p.status));
    expect([...statuses].sort()).toEqual(['ACCEPTED', 'ANSWERED', 'FINAL', 'HANDLING', 'NOT_ACCEPTED', 'RECEIVED', 'REVIEW', 'RE_REVIEW']);
    expect(petitions.some((p) => p.status === 'REVIEW' && p.reviewDecidedAt)).toBe(true);
    expect(petitions.some((p) => p.status === 'REVIEW' && !p.reviewDecidedAt)).toBe(true);
  });

  it('builds every history by walking the machine, in date order, with version = steps', () => {
    const problems = petitions.map((p) => [p.number, replay(PETITION_MACHINE, p.history, p.status)]).filter(([, e]) => e);
    expect(problems).toEqual([]);
    for (const p of petitions) expect(p.version).toBe(p.history.length - 1);
  });

  it('keeps the dates consistent with the status', () => {
    for (const p of petitions) {
      const s = p.status;
      expect([p.number, !!p.acceptedAt]).toEqual([p.number, !['RECEIVED', 'NOT_ACCEPTED'].includes(s)]);
      expect([p.number, !!p.notAcceptedReason]).toEqual([p.number, s === 'NOT_ACCEPTED']);
      expect([p.number, !!p.answeredAt]).toEqual([p.number, ['ANSWERED', 'REVIEW', 'RE_REVIEW'].includes(s) || (s === 'FINAL')]);
      expect([p.number, !!p.closedAt]).toEqual([p.number, s === 'FINAL']);
      if (p.acceptedAt) expect(p.acceptedAt >= p.receivedAt).toBe(true);
      if (p.answeredAt) expect(p.answeredAt >= p.acceptedAt!).toBe(true);
      if (p.reviewAppliedAt) expect(p.reviewAppliedAt <= petitionClocks(p).reviewApplication!.dueAt).toBe(true);
      if (p.reReviewAppliedAt) expect(p.reReviewAppliedAt <= petitionClocks(p).reReviewApplication!.dueAt).toBe(true);
      if (p.extendedAt) expect(p.extendedAt <= petitionClocks({ ...p, extensionDays: null }).handling!.dueAt).toBe(true);
      if (p.status === 'FINAL' && !p.petitionerAccepted && !p.reReviewDecidedAt) {
        const window = p.reviewDecidedAt ? petitionClocks(p).reReviewApplication! : petitionClocks(p).reviewApplication!;
        expect(p.closedAt! > window.dueAt).toBe(true);
      }
      const { nextDueAt, ...flags } = petitionDerived(p);
      expect({ nextDueAt: p.nextDueAt ?? null, acceptedInTime: p.acceptedInTime, answeredInTime: p.answeredInTime, hearingHeld: p.hearingHeld }).toEqual({ nextDueAt, ...flags });
    }
  });

  it('has overdue, extended, heard and procuratorate-handled petitions', () => {
    expect(petitions.filter((p) => p.nextDueAt && p.nextDueAt < today).length).toBeGreaterThan(0);
    expect(petitions.filter((p) => p.extensionDays).length).toBeGreaterThan(0);
    expect(petitions.filter((p) => p.hearingHeld).length).toBeGreaterThan(0);
    expect(petitions.filter((p) => p.procuratorateHandled && p.proceduralRepliedAt).length).toBeGreaterThan(0);
  });
});

describe('seed: hotline tickets', () => {
  it('has tickets in every status, and re-dispatched ones', () => {
    expect([...new Set(tickets.map((t) => t.status))].sort()).toEqual(['DISPATCHED', 'FEEDBACK', 'HANDLING', 'RATED', 'RETURNED', 'REVISIT']);
    expect(tickets.some((t) => t.returns.length && t.status !== 'RETURNED')).toBe(true);
  });

  it('builds every history by walking the machine, with consistent dates', () => {
    expect(tickets.map((t) => [t.number, replay(TICKET_MACHINE, t.history, t.status)]).filter(([, e]) => e)).toEqual([]);
    for (const t of tickets) {
      expect(t.version).toBe(t.history.length - 1);
      for (const r of t.returns) {
        if (t.status !== 'RETURNED') expect(t.dispatchedToCode).not.toBe(r.agencyCode);
        expect(r.returnedAt >= r.dispatchedAt).toBe(true);
      }
      expect(!!t.feedbackAt).toBe(['FEEDBACK', 'REVISIT', 'RATED'].includes(t.status));
      expect(!!t.rating).toBe(t.status === 'RATED');
      expect({ nextDueAt: t.nextDueAt ?? null, onTime: t.onTime }).toEqual(ticketDerived(t));
    }
  });

  it('has overdue, extended, on-time and late tickets', () => {
    expect(tickets.filter((t) => t.nextDueAt && t.nextDueAt < today).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.extensionDays).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.onTime).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.feedbackAt && !t.onTime).length).toBeGreaterThan(0);
  });
});

import { seedEnforcement } from '../../seed/enforcement';
import { generateEnterprises, generatePeople } from '../../seed/parties';
import { Random } from '../../seed/random';
import type { SeedWorld } from '../../seed/world';
import { mainClock, nextDueAt, transferClocks } from '../../subgraphs/enforcement/deadlines';
import {
  CriminalTransferModel, EnforcementCaseModel, TRANSFER_DATES, TRANSFER_STATUSES, type CriminalTransferDoc, type EnforcementCaseDoc,
} from '../../subgraphs/enforcement/models';
import { TRANSFER_ACTS, TRANSFER_MACHINE } from '../../subgraphs/enforcement/workflow';
import { useDatabase } from '../helpers/db';

// The seed's criminal transfers obey the machine: every status, histories along allowed moves, dates in order,
// most steps in time and some past their deadlines.
useDatabase();

const today = new Date('2026-06-30T00:00:00Z');
let world: SeedWorld;
let transfers: CriminalTransferDoc[];
let cases: Map<string, EnforcementCaseDoc>;

beforeAll(async () => {
  const rng = new Random(11);
  const people = generatePeople(rng, 300, today);
  world = {
    rng, scale: 0.5, today, start: new Date('2024-06-01T00:00:00Z'), people, enterprises: generateEnterprises(rng, 60, people),
    filedTransfers: [], enforcementCases: [], procuratorateCases: [], openPetitioners: new Set(), counts: {},
  };
  await seedEnforcement(world);
  transfers = await CriminalTransferModel.find().lean<CriminalTransferDoc[]>();
  cases = new Map((await EnforcementCaseModel.find().lean<EnforcementCaseDoc[]>()).map((c) => [c._id, c]));
  expect(world.counts.criminalTransfers).toBe(transfers.length);
});

describe('seeded criminal transfers', () => {
  it('cover every status', () => {
    expect(new Set(transfers.map((t) => t.status))).toEqual(new Set(TRANSFER_STATUSES));
  });

  it('have histories along the machine, by the agencies it names, ending in the current status', () => {
    for (const t of transfers) {
      const [first, ...rest] = t.history;
      expect(first).toMatchObject({ from: null, to: 'REPORTED', agency: t.agencyCode, at: t.reportedAt });
      for (const h of rest) {
        if (h.from === h.to) {
          const act = Object.values(TRANSFER_ACTS).find((a) => (a.in as readonly string[]).includes(h.from!) && a.by(t) === h.agency);
          expect(act).toBeDefined();
        } else {
          const step = TRANSFER_MACHINE[h.from as CriminalTransferDoc['status']][h.to as CriminalTransferDoc['status']];
          expect(step).toBeDefined();
          expect([step!.by(t)].flat()).toContain(h.agency);
        }
      }
      for (let k = 1; k < t.history.length; k++) {
        expect(t.history[k].from).toBe(t.history[k - 1].to);
        expect(t.history[k].at.getTime()).toBeGreaterThanOrEqual(t.history[k - 1].at.getTime());
      }
      expect(t.history.at(-1)!.to).toBe(t.status);
      expect(t.version).toBe(t.history.length - 1);
    }
  });

  it('date each step with the history and never after today', () => {
    for (const t of transfers) {
      const dated = TRANSFER_DATES.map((f) => t[f as 'reportedAt']).filter((d): d is Date => !!d).map((d) => d.getTime());
      expect(new Set(dated)).toEqual(new Set(t.history.map((h) => h.at.getTime())));
      expect(Math.max(...dated)).toBeLessThanOrEqual(today.getTime());
      expect(t.reportedAt.getTime()).toBeGreaterThan(cases.get(t.enforcementCaseId)!.filedAt.getTime());
      if (t.status === 'REFUSED' || t.status === 'NOT_FILED') expect(t.reason).toBeTruthy();
      // 不立案理由成立: closed on the police's explanation, never after an order to file.
      if (t.status === 'SUPERVISION_CLOSED') expect([!!t.supervisionClosedReason, !!t.explainedAt, !!t.orderedAt]).toEqual([true, true, false]);
      expect(t.procuratorateCopyCode ?? null).toBe(t.sentAt ? '411221-JCY' : null);
    }
  });

  it('store the due date of the current status, with most steps in time, some overrunning and some open ones overdue', () => {
    for (const t of transfers) expect(t.nextDueAt ?? null).toEqual(nextDueAt(t));
    const stopped = transfers.flatMap((t) => transferClocks(t, today).filter((c) => !c.running));
    const late = stopped.filter((c) => c.overdue).length;
    expect(late).toBeGreaterThan(0);
    expect(late / stopped.length).toBeLessThan(0.25);
    const open = transfers.map((t) => mainClock(t, today)).filter((c) => c !== null);
    expect(open.some((c) => c!.overdue)).toBe(true);
    expect(open.some((c) => !c!.overdue)).toBe(true);
  });

  it('share sent transfers and their cases with the police and the procuratorate, and unsent ones with no one', () => {
    for (const t of transfers) {
      const expected = t.sentAt ? [t.policeAgencyCode, '411221-JCY'] : [];
      expect(t.counterpartCodes ?? []).toEqual(expected);
      expect(cases.get(t.enforcementCaseId)!.counterpartCodes ?? []).toEqual(expected);
    }
    const withTransfer = new Set(transfers.map((t) => t.enforcementCaseId));
    for (const c of cases.values()) if (!withTransfer.has(c._id)) expect(c.counterpartCodes ?? []).toEqual([]);
  });

  it('mark exactly the cases of sent transfers TRANSFERRED, enough for the whole-graph tests', () => {
    const transferred = [...cases.values()].filter((c) => c.status === 'TRANSFERRED').map((c) => c._id).sort();
    expect(transferred).toEqual(transfers.filter((t) => t.sentAt).map((t) => t.enforcementCaseId).sort());
    expect(transferred).toHaveLength(100); // 200 sent a county-year, at scale 0.5
    expect(world.filedTransfers.length).toBeGreaterThan(0);
    for (const f of world.filedTransfers) expect(transfers.find((t) => t._id === f.id)).toMatchObject({ status: 'FILED', filedAt: f.filedAt });
  });
});

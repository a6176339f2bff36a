import { isActive } from '../../lib/grants';
import { parsePeriod } from '../../lib/period';
import type { Machine, StatusChange } from '../../lib/workflow';
import { Random } from '../../seed/random';
import { seedLiaison, seedLiaisonWorkflows } from '../../seed/liaison';
import type { SeedWorld } from '../../seed/world';
import {
  CampaignModel, ConsultationModel, DataRequestModel, grantIdFor, JointMeetingModel, PublishedCaseModel, ReportModel, SharingGrantModel,
  SpecialAssistantModel, TrainingSessionModel, VolunteerModel, WorkTaskModel,
} from '../../subgraphs/liaison/models';
import { DATA_REQUEST_STATUSES } from '../../subgraphs/liaison/models';
import { dataRequestNextDueAt } from '../../subgraphs/liaison/deadlines';
import { DATA_REQUEST_MACHINE as dataRequestMachine, WORK_TASK_MACHINE as workTaskMachine } from '../../subgraphs/liaison/workflow';
import { useDatabase } from '../helpers/db';

// The liaison seed: every status, histories that obey the machines, consistent dates.
useDatabase();

const today = new Date('2026-06-30T00:00:00Z');
beforeAll(async () => {
  const world: SeedWorld = {
    rng: new Random(7), scale: 0.5, today, start: new Date('2024-06-01T00:00:00Z'), people: [], enterprises: [],
    filedTransfers: [{ id: 't1', filedAt: new Date('2025-03-01'), personId: null, creditCode: null, agencyCode: '411221-SCJ', enforcementCaseId: 'e1' }],
    enforcementCases: [{ id: 'e1', agencyCode: '411221-SCJ', personId: null, filedAt: new Date('2025-02-01') }],
    procuratorateCases: [{ id: 'p1', acceptedAt: new Date('2025-04-01'), suspectIds: [], victimIds: [] }],
    openPetitioners: new Set(), counts: {},
  };
  await seedLiaison(world);
  await seedLiaisonWorkflows(world);
});

/** Each consecutive pair is a step of the machine, taken by an agency the step names, forward in time. */
function obeys<S extends string, D>(machine: Machine<S, D>, doc: D & { status: S; version: number; history: StatusChange[] }) {
  const h = doc.history;
  expect(h[0].from).toBeNull();
  expect(h.at(-1)!.to).toBe(doc.status);
  expect(doc.version).toBe(h.length - 1);
  for (let k = 1; k < h.length; k++) {
    expect(h[k].from).toBe(h[k - 1].to);
    const step = machine[h[k].from as S]?.[h[k].to as S];
    expect(step).toBeDefined();
    expect([step!.by(doc)].flat()).toContain(h[k].agency);
    expect(h[k].at.getTime()).toBeGreaterThanOrEqual(h[k - 1].at.getTime());
    expect(h[k].at.getTime()).toBeLessThanOrEqual(today.getTime());
  }
}

describe('liaison seed', () => {
  it('has data requests in every status, each history obeying the machine', async () => {
    const requests = await DataRequestModel.find().lean();
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(DATA_REQUEST_STATUSES));
    for (const r of requests) {
      obeys(dataRequestMachine, r);
      expect(r.nextDueAt ?? null).toEqual(dataRequestNextDueAt(r));
    }
    const coordinated = requests.filter((r) => r.history.some((h) => h.from === 'COORDINATION'));
    expect(coordinated.length).toBeGreaterThan(0);
    for (const r of coordinated) expect(r.meetingId).toBeTruthy();
  });

  it('has a grant for each granted request, some revoked or expired', async () => {
    const granted = await DataRequestModel.find({ status: 'GRANTED' }).lean();
    const grants = await SharingGrantModel.find().lean();
    expect(grants.map((g) => g._id).sort()).toEqual(granted.map((r) => grantIdFor(r._id)).sort());
    for (const g of grants) {
      const r = granted.find((x) => x._id === g.requestId)!;
      expect(g.validFrom).toEqual(r.decidedAt);
      expect(g.validUntil.getTime()).toBeGreaterThan(g.validFrom.getTime());
      if (g.allowsPersonalData) expect(r.wantsPersonalData).toBe(true);
      if (g.revokedAt) expect(g.revokedAt >= g.validFrom && g.revokedAt < g.validUntil && g.revokedAt <= today).toBe(true);
    }
    const state = (now: Date) => grants.map((g) => isActive({ ...g, id: g._id, revokedAt: g.revokedAt ?? null }, now));
    expect(grants.some((g) => g.revokedAt)).toBe(true);
    expect(grants.some((g) => !g.revokedAt && g.validUntil < today)).toBe(true);
    expect(state(today).some(Boolean)).toBe(true);
  });

  it('has meetings whose decisions became tasks, walked through their machine with progress reports', async () => {
    const meetings = await JointMeetingModel.find().lean();
    expect(meetings.length).toBeGreaterThanOrEqual(2);
    const tasks = await WorkTaskModel.find().lean();
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['PLANNED', 'IN_PROGRESS', 'DONE']));
    for (const t of tasks) {
      obeys(workTaskMachine, t);
      const meeting = meetings.find((m) => m._id === t.meetingId);
      expect(meeting).toBeDefined();
      expect(meeting!.decisions.some((d) => d.startsWith(t.title))).toBe(true);
      if (t.status !== 'PLANNED') expect(t.progress.length).toBeGreaterThan(0);
    }
  });

  it('has reports, consultations, published cases, a campaign, assistants and volunteers', async () => {
    const reports = await ReportModel.find().lean();
    expect(reports.map((r) => r.period)).toEqual(expect.arrayContaining(['2025-H1', '2025-H2']));
    for (const r of reports) expect(JSON.parse(r.indicators).period).toBe(r.period);
    expect(await ConsultationModel.countDocuments()).toBeGreaterThan(0);
    expect(await PublishedCaseModel.countDocuments()).toBeGreaterThan(0);
    const [campaign] = await CampaignModel.find().lean();
    expect(campaign.cases).toEqual(expect.arrayContaining([{ kind: 'CRIMINAL_TRANSFER', id: 't1' }, { kind: 'PROCURATORATE_CASE', id: 'p1' }]));
    expect(await SpecialAssistantModel.countDocuments()).toBeGreaterThan(0);
    expect(await VolunteerModel.countDocuments()).toBeGreaterThan(0);
  });

  it('has joint training sessions of the procuratorate with other agencies, counted in the reports of their half-year', async () => {
    const sessions = await TrainingSessionModel.find().lean();
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      const codes = s.participants.map((p) => p.agencyCode);
      expect(codes).toContain('411221-JCY');
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes.length).toBeGreaterThan(1);
      expect(s.agencyCodes).toEqual(expect.arrayContaining([s.organiserCode, ...codes]));
      expect(s.date.getTime()).toBeLessThanOrEqual(today.getTime());
    }
    const reports = await ReportModel.find().lean();
    const total = reports.reduce((n, r) => n + JSON.parse(r.indicators).trainingSessions, 0);
    expect(total).toBe(sessions.filter((s) => reports.some((r) => s.date >= parsePeriod(r.period).from && s.date < parsePeriod(r.period).to)).length);
  });
});

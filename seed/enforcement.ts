import { AGENCIES, POLICE_CODE, PROCURATORATE_CODE } from '../lib/agencies';
import { deadlineRules } from '../lib/deadlines';
import { mainClock } from '../subgraphs/enforcement/deadlines';
import {
  CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc, type TransferDateField,
} from '../subgraphs/enforcement/models';
import type { EnforcementField, TransferStatus } from '../subgraphs/enforcement/__generated__/resolvers-types';
import { TRANSFER_ACTS, TRANSFER_MACHINE, transfers as transferWorkflow } from '../subgraphs/enforcement/workflow';
import { addDays, notAfter, seedId, type Random } from './random';
import { scaled, type SeedWorld } from './world';

// Which agency handles which field, with typical facts and charges.
const FIELDS: { field: EnforcementField; agency: string; facts: string[]; charge: string; threshold: number }[] = [
  { field: 'MARKET', agency: '411221-SCJ', facts: ['销售不符合安全标准的食品', '无照经营', '虚假宣传', '销售假冒注册商标的商品'], charge: '销售假冒注册商标的商品罪', threshold: 50_000 },
  { field: 'FOOD_DRUG', agency: '411221-SCJ', facts: ['销售过期药品', '生产不符合安全标准的食品', '超范围使用食品添加剂'], charge: '生产、销售不符合安全标准的食品罪', threshold: 10_000 },
  { field: 'ECOLOGY', agency: '411221-HBJ', facts: ['超标排放大气污染物', '未批先建', '非法倾倒危险废物'], charge: '污染环境罪', threshold: 100_000 },
  { field: 'NATURAL_RESOURCES', agency: '411221-ZRJ', facts: ['非法占用耕地', '无证采矿', '违法批地'], charge: '非法占用农用地罪', threshold: 50_000 },
  { field: 'WORK_SAFETY', agency: '411221-YJJ', facts: ['未按规定开展安全培训', '重大事故隐患未整改', '非法储存危险化学品'], charge: '危险作业罪', threshold: 100_000 },
  { field: 'LABOR', agency: '411221-RSJ', facts: ['拒不支付劳动报酬', '未依法缴纳社会保险费'], charge: '拒不支付劳动报酬罪', threshold: 30_000 },
  { field: 'AGRICULTURE', agency: '411221-NYJ', facts: ['销售假农药', '非法捕捞水产品', '销售劣质种子'], charge: '销售伪劣农药罪', threshold: 50_000 },
  { field: 'CULTURE_TOURISM', agency: '411221-WLJ', facts: ['未经许可经营旅行社业务', '擅自在文物保护范围内施工'], charge: '故意损毁文物罪', threshold: 50_000 },
  { field: 'TAX', agency: '411221-SWJ', facts: ['虚开增值税发票', '偷逃税款'], charge: '虚开增值税专用发票罪', threshold: 100_000 },
  { field: 'OTHER', agency: '411221-ZJJ', facts: ['违法建设', '未取得施工许可擅自施工'], charge: '重大责任事故罪', threshold: 100_000 },
];

const MINUTE = 60_000;
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * MINUTE);

/** A move of a transfer (to a status) or an act that keeps it, with the date field it sets. */
type Act = keyof typeof TRANSFER_ACTS;
interface Event {
  to: TransferStatus | Act;
  field: TransferDateField;
  /** Hours after the previous event: in time, and (for a step owed within a period) overrunning it. */
  gap: readonly [number, number];
  late?: readonly [number, number];
  note?: string;
}

const NOT_FILED_REASONS = ['没有犯罪事实', '情节显著轻微，未达刑事立案追诉标准', '证据不足，不予立案'];
const EVENTS = {
  approve: { to: 'APPROVED', field: 'approvedAt', gap: [2, 60], late: [100, 200] },
  refuse: { to: 'REFUSED', field: 'refusedAt', gap: [2, 60], late: [100, 200], note: '情节轻微，未达刑事立案追诉标准' },
  send: { to: 'SENT', field: 'sentAt', gap: [1, 20], late: [30, 72] },
  receipt: { to: 'RECEIPTED', field: 'receiptedAt', gap: [1, 30] },
  review: { to: 'POLICE_REVIEW', field: 'reviewStartedAt', gap: [0, 12] },
  file: { to: 'FILED', field: 'filedAt', gap: [2, 48], late: [96, 200] },
  notFile: { to: 'NOT_FILED', field: 'notFiledAt', gap: [2, 48], late: [96, 200] },
  reconsider: { to: 'RECONSIDERATION', field: 'reconsiderationRequestedAt', gap: [2, 60], late: [100, 150], note: '认为符合刑事立案追诉标准，提请复议' },
  reconsiderFile: { to: 'FILED', field: 'filedAt', gap: [2, 60], late: [100, 150], note: '复议决定立案' },
  reconsiderUphold: { to: 'NOT_FILED', field: 'reconsiderationDecidedAt', gap: [2, 60], late: [100, 150] },
  supervise: { to: 'PROCURATORATE_SUPERVISION', field: 'supervisionStartedAt', gap: [24, 480], note: '建议检察机关立案监督' },
  explain: { to: 'explain', field: 'explainedAt', gap: [24, 144], late: [192, 288] },
  order: { to: 'order', field: 'orderedAt', gap: [24, 240], note: '不立案理由不能成立，通知公安机关立案' },
  fileOnOrder: { to: 'FILED', field: 'filedAt', gap: [24, 336], late: [384, 600], note: '根据检察机关立案通知立案' },
  closeSupervision: { to: 'SUPERVISION_CLOSED', field: 'supervisionClosedAt', gap: [24, 240], note: '经审查，公安机关不立案理由成立，立案监督终结' },
  handOver: { to: 'handOver', field: 'exhibitsHandedOverAt', gap: [2, 60], late: [100, 200], note: '涉案物品及相关材料已移交' },
} satisfies Record<string, Event>;
type E = keyof typeof EVENTS;

const SENT_PATH: E[] = ['approve', 'send'];
const REVIEWED: E[] = [...SENT_PATH, 'receipt', 'review'];
/** Routes through TRANSFER_MACHINE to each status (a route ending in an act stays in the status before it). */
const ROUTES: Record<TransferStatus, readonly (readonly E[])[]> = {
  REPORTED: [[]],
  REFUSED: [['refuse']],
  APPROVED: [['approve']],
  SENT: [SENT_PATH],
  RECEIPTED: [[...SENT_PATH, 'receipt']],
  POLICE_REVIEW: [REVIEWED],
  FILED: [[...REVIEWED, 'file'], [...REVIEWED, 'notFile', 'reconsider', 'reconsiderFile'], [...REVIEWED, 'notFile', 'supervise', 'explain', 'order', 'fileOnOrder']],
  NOT_FILED: [[...REVIEWED, 'notFile'], [...REVIEWED, 'notFile', 'reconsider', 'reconsiderUphold']],
  RECONSIDERATION: [[...REVIEWED, 'notFile', 'reconsider']],
  PROCURATORATE_SUPERVISION: [
    [...REVIEWED, 'notFile', 'supervise'],
    [...REVIEWED, 'notFile', 'supervise', 'explain'],
    [...REVIEWED, 'notFile', 'reconsider', 'reconsiderUphold', 'supervise', 'order'],
  ],
  SUPERVISION_CLOSED: [[...REVIEWED, 'notFile', 'supervise', 'explain', 'closeSupervision']],
};
/** Statuses of sent transfers by weight: most are filed by now. */
const SENT_WEIGHTS: readonly (readonly [TransferStatus, number])[] = [
  ['SENT', 2], ['RECEIPTED', 2], ['POLICE_REVIEW', 3], ['NOT_FILED', 5], ['RECONSIDERATION', 2], ['PROCURATORATE_SUPERVISION', 3], ['SUPERVISION_CLOSED', 1], ['FILED', 80],
];
/** Statuses of transfers not sent: awaiting the head's decision or the sending, or refused. */
const UNSENT_WEIGHTS: readonly (readonly [TransferStatus, number])[] = [['REPORTED', 1], ['APPROVED', 1], ['REFUSED', 1]];

/** The statuses of `sent` sent and `unsent` other transfers: every status once, then by weight. */
function transferStatuses(rng: Random, sent: number, unsent: number): TransferStatus[] {
  const pick = (weights: typeof SENT_WEIGHTS, n: number) =>
    Array.from({ length: n }, (_, i) => (i < weights.length ? weights[i][0] : rng.weighted(weights)));
  return [...pick(SENT_WEIGHTS, sent), ...pick(UNSENT_WEIGHTS, unsent)];
}

const EXPLANATION = '经审查，现有证据不足以证明存在犯罪事实';

/** One event of a route, `minutes` after the report, with its note. */
interface Planned {
  name: E;
  minutes: number;
  note: string | null;
}

/** The timing of a route: mostly in time, about one step in ten overrunning its period. */
function planRoute(rng: Random, route: readonly E[]): Planned[] {
  let minutes = 0;
  return route.map((name) => {
    const event: Event = EVENTS[name];
    const [lo, hi] = event.late && rng.chance(0.1) ? event.late : event.gap;
    minutes += Math.round((lo + rng.next() * (hi - lo)) * 60);
    const note = event.to === 'NOT_FILED' ? rng.pick(NOT_FILED_REASONS) : event.to === 'explain' ? EXPLANATION : (event.note ?? null);
    return { name, minutes, note };
  });
}

/**
 * A transfer reported at `reportedAt` and walked along `plan`: every move a step of TRANSFER_MACHINE taken by
 * the agency the step names, every act one of TRANSFER_ACTS in its status; dates in order; derived fields as the
 * workflow derives them. Throws on a route the machine does not allow, so the seed cannot drift from the rules.
 */
function walkTransfer(base: CriminalTransferDoc, plan: readonly Planned[], reportedAt: Date): CriminalTransferDoc {
  const actor = (agency: string) => `seed-${agency}`;
  const doc: CriminalTransferDoc = { ...base, status: 'REPORTED', reportedAt };
  doc.history = [{ at: reportedAt, actor: actor(doc.agencyCode), agency: doc.agencyCode, from: null, to: 'REPORTED', note: null }];
  for (const { name, minutes, note } of plan) {
    const event: Event = EVENTS[name];
    const at = minutesAfter(reportedAt, minutes);
    const from = doc.status;
    let agency: string | undefined;
    if (event.to in TRANSFER_ACTS) {
      const act = TRANSFER_ACTS[event.to as Act];
      if (!(act.in as readonly string[]).includes(from)) throw new Error(`seed: ${event.to} is not an act of a ${from} transfer`);
      agency = [act.by(doc)].flat()[0];
    } else {
      const step = TRANSFER_MACHINE[from]?.[event.to as TransferStatus];
      if (!step) throw new Error(`seed: ${from} → ${event.to} is not a step of the transfer machine`);
      agency = [step.by(doc)].flat().find((a): a is string => typeof a === 'string');
      doc.status = event.to as TransferStatus;
    }
    doc[event.field] = at;
    if (event.to === 'NOT_FILED' || event.to === 'REFUSED') doc.reason = note;
    if (event.to === 'SENT') doc.procuratorateCopyCode = PROCURATORATE_CODE;
    if (event.to === 'explain') doc.explanation = note;
    if (event.to === 'SUPERVISION_CLOSED') doc.supervisionClosedReason = note;
    if (name === 'reconsiderFile') doc.reconsiderationDecidedAt = at;
    doc.history.push({ at, actor: actor(agency!), agency: agency!, from, to: doc.status, note });
  }
  doc.version = doc.history.length - 1;
  return transferWorkflow.prepare(doc);
}

/** The hours of the period of the duty running in a transfer's status (0 when none is owed). */
function dutyHours(doc: CriminalTransferDoc): number {
  const due = mainClock(doc);
  if (!due) return 0;
  const p = deadlineRules()[due.rule];
  return p.hours ?? (p.days ?? p.workingDays ?? 0) * 24 + (p.months ?? 0) * 720;
}

/** Seeds about 3,000 enforcement cases and 210 criminal transfers (200 sent) per county-year, through the models. */
export async function seedEnforcement(world: SeedWorld): Promise<void> {
  const { rng, today, start } = world;
  const cases: EnforcementCaseDoc[] = [];
  const transfers: CriminalTransferDoc[] = [];
  const perAgencyYear = new Map<string, number>();
  const nCases = scaled(world, 3000);
  const abbreviation = new Map(AGENCIES.map((a) => [a.code, a.abbreviation]));

  for (let i = 0; i < nCases; i++) {
    const spec = rng.weighted(FIELDS.map((f, k) => [f, k < 2 ? 4 : 1] as const));
    const filedAt = rng.date(start, addDays(today, -3));
    const year = filedAt.getUTCFullYear();
    const key = `${spec.agency}-${year}`;
    const n = (perAgencyYear.get(key) ?? 0) + 1;
    perAgencyYear.set(key, n);
    const byPerson = rng.chance(0.55);
    const party = byPerson ? rng.pick(world.people.filter((p) => !p.sealed)) : null;
    const decided = filedAt < addDays(today, -30) && rng.chance(0.8);
    const decidedAt = decided ? notAfter(addDays(filedAt, rng.int(10, 90)), addDays(today, -1)) : null;
    const closedAt = decidedAt && decidedAt < addDays(today, -30) && rng.chance(0.7) ? addDays(decidedAt, rng.int(5, 60)) : null;
    // A few fines far above the field's criminal threshold with no transfer: the 以罚代刑 risk alert.
    const amount = decided ? (rng.chance(0.03) ? spec.threshold * rng.int(2, 5) : rng.int(1, 40) * 500) : null;
    cases.push({
      _id: seedId(filedAt, i),
      caseNumber: `${abbreviation.get(spec.agency)}罚〔${year}〕${n}号`,
      agencyCode: spec.agency,
      field: spec.field,
      personId: party?.id ?? null,
      creditCode: party ? null : rng.pick(world.enterprises).creditCode,
      facts: rng.pick(spec.facts),
      penalty: decided ? { type: 'FINE', amount } : null,
      status: closedAt ? 'CLOSED' : decided ? 'DECIDED' : 'INVESTIGATING',
      filedAt,
      decidedAt,
      closedAt,
      version: 0,
    });
  }

  // Transfers: old ones that have run their course, and recent ones still under way (some past their deadline).
  const candidates = cases.filter((c) => c.filedAt < addDays(today, -30));
  const byId = new Map(cases.map((c) => [c._id, c]));
  // About 200 transfers sent a county-year, and a few reported but not (yet) sent.
  const statuses = transferStatuses(rng, scaled(world, 200), scaled(world, 12));
  for (let i = 0; i < statuses.length && candidates.length; i++) {
    const status = statuses[i];
    const handedOver = status === 'FILED' && rng.chance(0.85);
    const route = [...rng.pick(ROUTES[status]), ...(handedOver ? ['handOver' as const] : [])];
    // Closed matters (refused, handed over, not filed long ago) lie anywhere in the past; open ones end recently.
    const settled = status === 'REFUSED' || status === 'SUPERVISION_CLOSED' || handedOver || (status === 'NOT_FILED' && rng.chance(0.7));
    const plan = planRoute(rng, route);
    const draft = (agencyCode: string): CriminalTransferDoc => ({
      _id: '', enforcementCaseId: '', agencyCode, policeAgencyCode: POLICE_CODE, suspectedCharge: '', status: 'REPORTED',
      reportedAt: today, history: [], version: 0,
    });
    let c: EnforcementCaseDoc | undefined;
    let reportedAt: Date;
    if (settled) {
      const old = candidates.filter((x) => x.filedAt < addDays(today, -150));
      c = rng.pick(old.length ? old : candidates);
      reportedAt = addDays(c.filedAt, rng.int(5, 25));
    } else {
      // The last step lies `idle` hours before today: within the period running now, or (for some) past it.
      const period = dutyHours(walkTransfer(draft(POLICE_CODE), plan, today));
      const idle = period && rng.chance(0.25) ? period + rng.int(24, 240) : rng.int(1, Math.max(2, Math.floor((period || 240) * 0.8)));
      reportedAt = minutesAfter(today, -idle * 60 - (plan.at(-1)?.minutes ?? 0));
      const at = reportedAt;
      const fits = candidates.filter((x) => x.filedAt <= addDays(at, -3) && x.filedAt >= addDays(at, -120));
      c = rng.pick(fits.length ? fits : candidates.filter((x) => x.filedAt <= addDays(at, -3)));
    }
    if (!c) break;
    const t = walkTransfer(draft(c.agencyCode), plan, reportedAt);
    candidates.splice(candidates.indexOf(c), 1);
    const spec = FIELDS.find((f) => f.field === c.field)!;
    t._id = seedId(t.reportedAt, 500_000 + i);
    t.enforcementCaseId = c._id;
    t.suspectedCharge = spec.charge;
    if (t.sentAt) {
      const sentCase = byId.get(c._id)!;
      sentCase.status = 'TRANSFERRED';
      sentCase.counterpartCodes = t.counterpartCodes; // the police and the procuratorate see the case of a sent transfer
    }
    transfers.push(t);
    if (t.status === 'FILED' && t.filedAt && t.filedAt < addDays(today, -20)) {
      world.filedTransfers.push({ id: t._id, filedAt: t.filedAt, personId: c.personId ?? null, creditCode: c.creditCode ?? null, agencyCode: c.agencyCode, enforcementCaseId: c._id });
    }
  }

  await EnforcementCaseModel.insertMany(cases, { lean: false });
  await CriminalTransferModel.insertMany(transfers, { lean: false });
  world.enforcementCases = cases.map((c) => ({ id: c._id, agencyCode: c.agencyCode, personId: c.personId ?? null, filedAt: c.filedAt }));
  world.counts.enforcementCases = cases.length;
  world.counts.criminalTransfers = transfers.length;
}

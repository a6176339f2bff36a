import { AGENCIES, POLICE_CODE } from '../lib/agencies';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../subgraphs/enforcement/models';
import type { EnforcementField, TransferStatus } from '../subgraphs/enforcement/__generated__/resolvers-types';
import { addDays, notAfter, seedId } from './random';
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

const TRANSFER_PATH: TransferStatus[] = ['REPORTED', 'APPROVED', 'SENT', 'RECEIPTED', 'POLICE_REVIEW', 'FILED'];

/** Seeds about 3,000 enforcement cases and 200 criminal transfers per county-year, through the models. */
export async function seedEnforcement(world: SeedWorld): Promise<void> {
  const { rng, today, start } = world;
  const cases: EnforcementCaseDoc[] = [];
  const transfers: CriminalTransferDoc[] = [];
  const perAgencyYear = new Map<string, number>();
  const nCases = scaled(world, 3000);
  const nTransfers = scaled(world, 200);
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

  // Transfers: cases older than a month; their statuses spread over the whole procedure.
  const candidates = cases.filter((c) => c.filedAt < addDays(today, -30));
  for (let i = 0; i < nTransfers && candidates.length; i++) {
    const c = candidates.splice(rng.int(0, candidates.length - 1), 1)[0];
    const spec = FIELDS.find((f) => f.field === c.field)!;
    const reportedAt = addDays(c.filedAt, rng.int(5, 25));
    const refused = rng.chance(0.05);
    // How far along the procedure (index into TRANSFER_PATH); most transfers are filed by now.
    const depth = refused ? 0 : rng.weighted([[0, 1], [1, 1], [2, 1], [3, 1], [4, 2], [5, 10]] as const);
    let status: TransferStatus = refused ? 'REFUSED' : TRANSFER_PATH[depth];
    const approvedAt = !refused && depth >= 1 ? addDays(reportedAt, rng.chance(0.1) ? 6 : rng.int(0, 3)) : null;
    const sentAt = approvedAt && depth >= 2 ? addDays(approvedAt, rng.chance(0.1) ? 2 : 1) : null;
    const filedAt = sentAt && depth >= 5 ? addDays(sentAt, rng.int(2, 12)) : null;
    if (depth === 4 && rng.chance(0.3)) status = 'NOT_FILED';
    c.status = 'TRANSFERRED';
    transfers.push({
      _id: seedId(reportedAt, 500_000 + i),
      enforcementCaseId: c._id,
      agencyCode: c.agencyCode,
      policeAgencyCode: POLICE_CODE,
      suspectedCharge: spec.charge,
      status,
      reportedAt,
      approvedAt,
      sentAt,
      filedAt,
      reason: refused ? '情节轻微，未达刑事立案追诉标准' : status === 'NOT_FILED' ? '证据不足，不予立案' : null,
      version: 0,
    });
    if (status === 'FILED' && filedAt) {
      world.filedTransfers.push({ id: transfers.at(-1)!._id, filedAt, personId: c.personId ?? null, creditCode: c.creditCode ?? null, agencyCode: c.agencyCode, enforcementCaseId: c._id });
    }
  }

  await EnforcementCaseModel.insertMany(cases, { lean: false });
  await CriminalTransferModel.insertMany(transfers, { lean: false });
  world.enforcementCases = cases.map((c) => ({ id: c._id, agencyCode: c.agencyCode, personId: c.personId ?? null, filedAt: c.filedAt }));
  world.counts.enforcementCases = cases.length;
  world.counts.criminalTransfers = transfers.length;
}

import { enforcement } from '../../subgraphs/enforcement/server';
import { CriminalTransferModel, EnforcementCaseModel } from '../../subgraphs/enforcement/models';
import { useDatabase } from '../helpers/db';
import { execute, identity } from '../helpers/subgraph';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';

useDatabase();
beforeEach(async () => {
  await EnforcementCaseModel.deleteMany({});
  await CriminalTransferModel.deleteMany({});
});

const SCJ = '411221-SCJ';
const officer = identity(SCJ);
const IMPORT_CASES = `mutation($rows: [EnforcementCaseRow!]!, $dryRun: Boolean) {
  importEnforcementCases(rows: $rows, dryRun: $dryRun) { dryRun created updated unchanged rejected rows { index key outcome id problems { field message } } }
}`;
const IMPORT_TRANSFERS = `mutation($rows: [CriminalTransferRow!]!, $dryRun: Boolean) {
  importCriminalTransfers(rows: $rows, dryRun: $dryRun) { created updated unchanged rejected rows { index key outcome id problems { field message } } }
}`;

const row = (n: number, patch: Record<string, unknown> = {}) => ({
  caseNumber: `渑市监罚〔2025〕${n}号`, field: 'MARKET', creditCode: validCreditCode(n), facts: `案情${n}`, filedAt: '2025-03-05', ...patch,
});

async function importCases(rows: unknown[], dryRun = false, who = officer) {
  const r = await execute(enforcement, who, IMPORT_CASES, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importEnforcementCases;
}

describe('importEnforcementCases', () => {
  it('creates new rows, then the same file again changes nothing (idempotent by 案号)', async () => {
    const rows = [row(1), row(2, { personId: personIdOf(validIdNumber(2)), creditCode: null }), row(3, { penaltyType: 'FINE', penaltyAmount: 3000, decidedAt: '2025-04-01' })];
    const first = await importCases(rows);
    expect(first).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const stored = await EnforcementCaseModel.find().sort({ caseNumber: 1 }).lean();
    expect(stored.map((c) => [c.caseNumber, c.status, c.agencyCode])).toEqual([
      ['渑市监罚〔2025〕1号', 'INVESTIGATING', SCJ], ['渑市监罚〔2025〕2号', 'INVESTIGATING', SCJ], ['渑市监罚〔2025〕3号', 'DECIDED', SCJ],
    ]);
    const again = await importCases(rows);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.rows.map((r: { id: string }) => r.id).sort()).toEqual(stored.map((c) => c._id).sort());
    expect(await EnforcementCaseModel.countDocuments()).toBe(3);
  });

  it('a changed row updates its case (new version, status that follows), an unchanged one does not', async () => {
    await importCases([row(1), row(2)]);
    const report = await importCases([row(1, { facts: '案情已更正', closedAt: '2025-05-01' }), row(2)]);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const changed = await EnforcementCaseModel.findOne({ caseNumber: row(1).caseNumber }).lean();
    expect(changed).toMatchObject({ facts: '案情已更正', status: 'CLOSED', version: 1 });
    expect((await EnforcementCaseModel.findOne({ caseNumber: row(2).caseNumber }).lean())?.version).toBe(0);
  });

  it.each([
    ['no party', { creditCode: null }, 'personId | creditCode'],
    ['a bad credit code', { creditCode: '91411221MA0000001X' }, 'creditCode'],
    ['an unknown agency', { agencyCode: '411221-XXX' }, 'agencyCode'],
    ['a future filing date', { filedAt: '2999-01-01' }, 'filedAt'],
    ['a penalty without a decision date', { penaltyType: 'FINE', penaltyAmount: 10 }, 'decidedAt'],
    ['a closing date before filing', { closedAt: '2025-01-01' }, 'closedAt'],
    ['a negative amount', { penaltyType: 'FINE', penaltyAmount: -1, decidedAt: '2025-04-01' }, 'penalty.amount'],
    ['empty facts', { facts: '  ' }, 'facts'],
    ['another agency named (FORBIDDEN, reported on the key)', { agencyCode: '411221-HBJ' }, 'caseNumber'],
  ])('a row with %s is refused with its field; the good rows still go in', async (_, patch, field) => {
    const report = await importCases([row(1), row(9, patch), row(3)]);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ index: 1, outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[1].problems[0].message.length).toBeGreaterThan(5);
    expect(await EnforcementCaseModel.countDocuments({ caseNumber: row(9).caseNumber })).toBe(0);
    expect(await EnforcementCaseModel.countDocuments()).toBe(2);
  });

  it('a key twice in one batch: the first is imported, the second reported as DUPLICATE', async () => {
    const report = await importCases([row(1), row(1, { facts: '另一行' })]);
    expect(report.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['CREATED', 'DUPLICATE']);
    expect(report.rows[1].problems[0]).toMatchObject({ field: 'caseNumber' });
    expect(report.rows[1].problems[0].message).toContain('row 1');
    expect(await EnforcementCaseModel.countDocuments()).toBe(1);
  });

  it('refuses to change what import does not change (the filing date, the party), naming the field', async () => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { filedAt: '2025-03-06' }), row(1 + 100, {})]);
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'filedAt' }] });
    expect(report.rows[0].problems[0].message).toContain('2025-03-05');
    expect((await EnforcementCaseModel.findOne({ caseNumber: row(1).caseNumber }).lean())?.filedAt.toISOString()).toBe('2025-03-05T00:00:00.000Z');
  });

  it("a case number of another agency's case is refused, not overwritten", async () => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { facts: 'hijack' })], false, identity('411221-HBJ'));
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'caseNumber' }] });
    expect((await EnforcementCaseModel.findOne({ caseNumber: row(1).caseNumber }).lean())?.facts).toBe('案情1');
  });

  it('dryRun answers what would happen and writes nothing', async () => {
    await importCases([row(1)]);
    const report = await importCases([row(1, { facts: '改' }), row(2), row(3, { filedAt: '2999-01-01' })], true);
    expect(report).toMatchObject({ dryRun: true, created: 1, updated: 1, rejected: 1 });
    expect(await EnforcementCaseModel.countDocuments()).toBe(1);
    expect((await EnforcementCaseModel.findOne({ caseNumber: row(1).caseNumber }).lean())).toMatchObject({ facts: '案情1', version: 0 });
  });

  it('refuses more than 1,000 rows in one call, writing nothing', async () => {
    const r = await execute(enforcement, officer, IMPORT_CASES, { rows: Array.from({ length: 1001 }, (_, i) => row(i + 1)) });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
    expect(await EnforcementCaseModel.countDocuments()).toBe(0);
  });
});

describe('importCriminalTransfers', () => {
  it('reports transfers of the agency’s own cases by 案号, once; unknown numbers and bad police codes are refused', async () => {
    await importCases([row(1), row(2)]);
    const rows = [
      { caseNumber: row(1).caseNumber, policeAgencyCode: '411221-GAJ', suspectedCharge: '生产、销售伪劣产品罪', reportedAt: '2025-03-10' },
      { caseNumber: '渑市监罚〔2025〕404号', policeAgencyCode: '411221-GAJ', suspectedCharge: 'x', reportedAt: '2025-03-10' },
      { caseNumber: row(2).caseNumber, policeAgencyCode: SCJ, suspectedCharge: 'x', reportedAt: '2025-03-10' },
    ];
    const first = await execute(enforcement, officer, IMPORT_TRANSFERS, { rows });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importCriminalTransfers.rows.map((r: { outcome: string; problems: { field: string }[] }) => [r.outcome, r.problems[0]?.field])).toEqual([
      ['CREATED', undefined], ['REJECTED', 'caseNumber'], ['REJECTED', 'policeAgencyCode'],
    ]);
    const stored = await CriminalTransferModel.find().lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'REPORTED', agencyCode: SCJ, policeAgencyCode: '411221-GAJ' });
    expect(stored[0].history).toHaveLength(1);
    const again = await execute(enforcement, officer, IMPORT_TRANSFERS, { rows: rows.slice(0, 1) });
    expect(again.data!.importCriminalTransfers).toMatchObject({ created: 0, unchanged: 1 });
    expect(await CriminalTransferModel.countDocuments()).toBe(1);
  });
});

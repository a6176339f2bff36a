import * as internalClient from '../../lib/internal-client';
import type { Holding } from '../../lib/holdings';
import { liaison, syncAgencies } from '../../subgraphs/liaison/server';
import { AuditEventModel, EnterpriseModel, PersonModel } from '../../subgraphs/liaison/models';
import { countCommands, useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { execute, identity } from '../helpers/subgraph';

useDatabase();
beforeAll(async () => {
  await syncAgencies();
});
beforeEach(async () => {
  await PersonModel.deleteMany({});
  await EnterpriseModel.deleteMany({});
  holdings = [];
});

// Whom other subgraphs say holds records on a person (maySeePerson asks them about sealed persons).
let holdings: Holding[] = [];
jest.spyOn(internalClient, 'callSubgraph').mockImplementation(async <T>(target: string, _caller: string, query: string) => {
  if (!query.includes('partyHoldings')) throw new Error(`unexpected service call to ${target}`);
  return { partyHoldings: target === 'procuratorate' ? holdings : [] } as T;
});

const SCJ = '411221-SCJ';
const JCY = '411221-JCY';
const officer = identity(SCJ);
const IMPORT = `mutation($rows: [PartyRow!]!, $dryRun: Boolean) {
  importParties(rows: $rows, dryRun: $dryRun) { dryRun created updated unchanged rejected rows { index key outcome id problems { field message } } }
}`;

type Report = {
  dryRun: boolean; created: number; updated: number; unchanged: number; rejected: number;
  rows: { index: number; key: string | null; outcome: string; id: string | null; problems: { field: string; message: string }[] }[];
};

const person = (n: number, patch: Record<string, unknown> = {}): { name: string; idNumber?: string; creditCode?: string } => ({ name: `当事人${n}`, idNumber: validIdNumber(n), ...patch });
const enterprise = (n: number, patch: Record<string, unknown> = {}): { name: string; idNumber?: string; creditCode?: string } => ({ name: `渑池县某某${n}有限公司`, creditCode: validCreditCode(n), ...patch });
const masked = (id: string) => `${id.slice(0, 3)}***********${id.slice(-4)}`;

async function importParties(rows: unknown[], dryRun = false, who = officer): Promise<Report> {
  const r = await execute(liaison, who, IMPORT, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importParties;
}

/** No ID number of these rows appears anywhere in the answer. */
function expectNoIdNumbers(report: Report, rows: readonly { idNumber?: string | null }[]): void {
  const json = JSON.stringify(report);
  for (const r of rows) if (r.idNumber && r.idNumber.trim().length > 7) expect(json).not.toContain(r.idNumber.trim());
}

describe('importParties', () => {
  it('registers persons and enterprises in one call, answering ids in the order sent; the same file again is UNCHANGED with the same ids', async () => {
    const rows = [person(1), enterprise(1), person(2, { idNumber: ` ${validIdNumber(2).toLowerCase()} ` }), enterprise(2, { creditCode: validCreditCode(2).toLowerCase() })];
    const first = await importParties(rows);
    expect(first).toMatchObject({ dryRun: false, created: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.rows.map((r) => [r.index, r.outcome, r.id, r.key])).toEqual([
      [0, 'CREATED', personIdOf(validIdNumber(1)), masked(validIdNumber(1))],
      [1, 'CREATED', validCreditCode(1), validCreditCode(1)],
      [2, 'CREATED', personIdOf(validIdNumber(2)), masked(validIdNumber(2))],
      [3, 'CREATED', validCreditCode(2), validCreditCode(2)],
    ]);
    expectNoIdNumbers(first, rows);
    // As registerPerson stores a person: masked copy, encrypted number, derived gender and birth date.
    const stored = await PersonModel.findById(personIdOf(validIdNumber(1))).lean();
    expect(stored).toMatchObject({ name: '当事人1', idNumberMasked: masked(validIdNumber(1)), gender: 'M', sealed: false });
    expect(stored!.idNumberEnc).not.toContain(validIdNumber(1));
    expect(await EnterpriseModel.findById(validCreditCode(1)).lean()).toMatchObject({ name: '渑池县某某1有限公司' });

    const again = await importParties(rows);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(await PersonModel.countDocuments()).toBe(2);
    expect(await EnterpriseModel.countDocuments()).toBe(2);
  });

  it('a party already registered keeps its stored name: import does not overwrite it', async () => {
    await importParties([person(1), enterprise(1)]);
    const report = await importParties([person(1, { name: '另一个名字' }), enterprise(1, { name: '另一家公司' })]);
    expect(report).toMatchObject({ unchanged: 2, updated: 0 });
    expect((await PersonModel.findById(personIdOf(validIdNumber(1))).lean())?.name).toBe('当事人1');
    expect((await EnterpriseModel.findById(validCreditCode(1)).lean())?.name).toBe('渑池县某某1有限公司');
  });

  const bad = validIdNumber(3).slice(0, 17) + (validIdNumber(3).endsWith('0') ? '1' : '0');
  it.each([
    ['a wrong check digit', person(9, { idNumber: bad }), 'idNumber'],
    ['a 身份证号 of 15 digits', person(9, { idNumber: '411221850312123' }), 'idNumber'],
    ['a birth date in the future', person(9, { idNumber: `411221${new Date().getUTCFullYear() + 1}0101123X` }), 'idNumber'],
    ['an empty name', person(9, { name: ' ' }), 'name'],
    ['a name over 100 characters', person(9, { name: '名'.repeat(101) }), 'name'],
    ['both numbers', person(9, { creditCode: validCreditCode(9) }), 'idNumber | creditCode'],
    ['neither number', { name: '无名', idNumber: ' ', creditCode: null }, 'idNumber | creditCode'],
    ['a bad credit code', enterprise(9, { creditCode: '91411221MA0000001X' }), 'creditCode'],
    ['an enterprise without a name', enterprise(9, { name: '' }), 'name'],
  ])('a row with %s is refused with its field, never showing the number; the good rows still go in', async (_, row, field) => {
    const rows = [person(1), row, enterprise(1)];
    const report = await importParties(rows);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ index: 1, outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[1].problems[0].message.length).toBeGreaterThan(5);
    expectNoIdNumbers(report, rows);
    expect(await PersonModel.countDocuments()).toBe(1);
    expect(await EnterpriseModel.countDocuments()).toBe(1);
  });

  it('a viewer may register no one: every row refused on its key (FORBIDDEN)', async () => {
    const report = await importParties([person(1), enterprise(1)], false, identity(SCJ, ['viewer']));
    expect(report.rows.map((r) => [r.outcome, r.problems[0]?.field])).toEqual([['REJECTED', 'idNumber'], ['REJECTED', 'creditCode']]);
    expect(await PersonModel.countDocuments()).toBe(0);
  });

  it('the same party twice in one call (the number written differently): the first registered, the second DUPLICATE naming its row', async () => {
    const rows = [enterprise(1), person(1), person(1, { idNumber: `${validIdNumber(1).toLowerCase()} ` }), enterprise(1, { name: '同一家' })];
    const report = await importParties(rows);
    expect(report.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'DUPLICATE', 'DUPLICATE']);
    expect(report.rows[2].problems[0]).toMatchObject({ field: 'idNumber', message: expect.stringContaining('row 2') });
    expect(report.rows[3].problems[0]).toMatchObject({ field: 'creditCode', message: expect.stringContaining('row 1') });
    expect(report.rows[2].key).toBe(masked(validIdNumber(1)));
    expectNoIdNumbers(report, rows);
    expect(await PersonModel.countDocuments()).toBe(1);
  });

  it('dryRun answers what would happen, ids included, and writes nothing', async () => {
    await importParties([person(1)]);
    const report = await importParties([person(1), person(2), enterprise(2), person(3, { name: '' })], true);
    expect(report).toMatchObject({ dryRun: true, created: 2, unchanged: 1, rejected: 1 });
    expect(report.rows[1].id).toBe(personIdOf(validIdNumber(2)));
    expect(await PersonModel.countDocuments()).toBe(1);
    expect(await EnterpriseModel.countDocuments()).toBe(0);
  });

  describe('a sealed person', () => {
    const minor = validIdNumber(556, '20120101');
    const minorId = personIdOf(minor);
    beforeEach(async () => {
      await importParties([{ name: '小明', idNumber: minor }], false, identity(JCY));
      await PersonModel.updateOne({ _id: minorId }, { sealed: true });
    });

    it('is answered to an agency holding no record on them exactly as a new registration, and nothing about them changes', async () => {
      const before = await PersonModel.findById(minorId).lean();
      const stranger = [{ name: '另一个名字', idNumber: minor }, person(2)];
      for (const dryRun of [false, true]) {
        const report = await importParties(stranger, dryRun);
        const fresh = await importParties([{ name: '另一个名字', idNumber: validIdNumber(557, '20120101') }], true);
        expect(report.rows[0]).toEqual({ ...fresh.rows[0], key: masked(minor), id: minorId });
        expect(report.rows[0].outcome).toBe('CREATED');
        expectNoIdNumbers(report, stranger);
      }
      expect(await PersonModel.findById(minorId).lean()).toEqual(before);
      expect(await PersonModel.countDocuments({ _id: minorId })).toBe(1);
      const denied = await AuditEventModel.find({ resourceType: 'PERSON', outcome: 'DENIED', resourceIds: minorId }).lean();
      expect(denied.length).toBeGreaterThanOrEqual(2);
    });

    it("a bad row for them is refused as a new one's would be", async () => {
      const report = await importParties([{ name: '', idNumber: minor }]);
      expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', id: null, problems: [{ field: 'name' }] });
    });

    it('is UNCHANGED for an agency holding a record on them', async () => {
      holdings = [{ partyId: minorId, agencyCode: JCY, resourceType: 'PROCURATORATE_CASE', count: 1, sealed: true }];
      const report = await importParties([{ name: '小明', idNumber: minor }], false, identity(JCY));
      expect(report.rows[0]).toMatchObject({ outcome: 'UNCHANGED', id: minorId });
    });
  });

  it('audits the mutation as PARTY and the parties written as PERSON and ENTERPRISE events, with no ID number anywhere', async () => {
    const since = new Date();
    const rows = [person(1), enterprise(1), person(2, { idNumber: bad })];
    await importParties(rows);
    const events = await AuditEventModel.find({ at: { $gte: since } }).lean();
    expect(events.filter((e) => e.resourceType === 'PARTY' && e.outcome === 'ALLOWED').flatMap((e) => e.resourceIds))
      .toEqual(expect.arrayContaining([personIdOf(validIdNumber(1)), validCreditCode(1)]));
    expect(events.find((e) => e.resourceType === 'PERSON' && e.action === 'WRITE')?.resourceIds).toEqual([personIdOf(validIdNumber(1))]);
    expect(events.find((e) => e.resourceType === 'ENTERPRISE' && e.action === 'WRITE')?.resourceIds).toEqual([validCreditCode(1)]);
    const json = JSON.stringify(events);
    for (const r of rows) if (r.idNumber) expect(json).not.toContain(r.idNumber);
  });

  it('refuses more than 1,000 rows in one call, writing nothing', async () => {
    const r = await execute(liaison, officer, IMPORT, { rows: Array.from({ length: 1001 }, (_, i) => person(i)) });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
    expect(await PersonModel.countDocuments()).toBe(0);
  });

  it('takes a batch with one read and one insert per record type, not a write per row; 10,000 parties well under a minute', async () => {
    const batch = (start: number, size: number) => Array.from({ length: size }, (_, i) => {
      const n = start + i;
      return n % 2 ? enterprise(n) : { name: `当事人${n}`, idNumber: validIdNumber(n % 1000, `${1950 + Math.floor(n / 1000) % 60}0101`) };
    });
    // The database commands of a batch do not grow with its rows (a find and an insertMany per record type, the audit).
    const few = await countCommands(() => importParties(batch(0, 50)));
    const many = await countCommands(() => importParties(batch(50, 450)));
    expect(many.commands).toEqual(few.commands);
    expect(many.commands.filter((c) => c.endsWith('.insert')).length).toBeLessThanOrEqual(2 + 4); // persons, enterprises; 4 audit events

    const started = Date.now();
    let created = 0;
    for (let start = 500; start < 10_000; start += 500) created += (await importParties(batch(start, 500))).created;
    const seconds = (Date.now() - started) / 1000;
    expect(created).toBe(9_500);
    expect(await PersonModel.countDocuments() + await EnterpriseModel.countDocuments()).toBe(10_000);
    expect(seconds).toBeLessThan(45);
  });
});

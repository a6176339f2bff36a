import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueUserToken, type Role } from '../../lib/identity';
import { readTable, readTableFromBuffer, writeTable, type CellValue } from '../../lib/sheets';
import { hubClient } from '../../scripts/hub-client';
import { LEDGERS, type LedgerType } from '../../scripts/import/ledgers';
import { templateSheets } from '../../scripts/import/report';
import { importTable } from '../../scripts/import/run';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { useDatabase } from '../helpers/db';
import { validCreditCode, validIdNumber } from '../helpers/fixtures';
import { startHub, type Hub } from '../helpers/hub';

// What a clerk does with every ledger type: take the template, fill its example row, import it, import it again
// (nothing changes), and find it in an export. The template's own example must import, so it cannot drift from the schema.
useDatabase();

let hub: Hub;
const dir = mkdtempSync(path.join(tmpdir(), 'hub-ledgers-'));

/** The agency (and role) whose clerk keeps each ledger. */
const KEEPER: Record<LedgerType, { agency: string; roles: Role[] }> = {
  enforcementCases: { agency: '411221-SCJ', roles: ['officer'] },
  criminalTransfers: { agency: '411221-SCJ', roles: ['officer'] },
  procuratorateCases: { agency: '411221-JCY', roles: ['officer'] },
  petitions: { agency: '411221-XFJ', roles: ['officer'] },
  hotlineTickets: { agency: '411221-RX12345', roles: ['officer'] },
  rescueApplications: { agency: '411221-JCY', roles: ['officer'] },
};

/** The template's example row with its placeholder numbers made valid (a template must not carry a real person's number). */
async function filledTemplate(type: LedgerType, seq: number): Promise<string> {
  const [sheet] = templateSheets(LEDGERS[type]);
  const row = sheet.rows[0].map((cell): CellValue => {
    if (typeof cell !== 'string') return cell;
    if (/^\d{14}XXXX$/.test(cell)) return validIdNumber(seq, cell.slice(6, 14));
    if (/^91411221MA44X+$/.test(cell)) return validCreditCode(seq);
    return cell;
  });
  const file = path.join(dir, `${type}.xlsx`);
  await writeTable(file, [{ ...sheet, rows: [row] }]);
  return file;
}

async function importAs(type: LedgerType, file: string, dryRun = false) {
  const keeper = KEEPER[type];
  const token = await issueUserToken({ userId: `clerk-${keeper.agency}`, ...keeper });
  return importTable(hubClient(hub.url, token), LEDGERS[type], await readTable(file), { dryRun });
}

beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
}, 60_000);
afterAll(() => hub?.stop());

describe('every ledger: fill the template, import, import again', () => {
  // In this order: a transfer's row names the enforcement case imported before it.
  it.each(Object.keys(LEDGERS) as LedgerType[])('%s', async (type) => {
    const file = await filledTemplate(type, 600 + Object.keys(LEDGERS).indexOf(type));
    const dry = await importAs(type, file, true);
    expect(dry.results.map((r) => [r.outcome, r.problems])).toEqual([['CREATED', []]]);
    const first = await importAs(type, file);
    expect(first.results.map((r) => [r.outcome, r.problems])).toEqual([['CREATED', []]]);
    expect(first.fileProblems).toEqual([]);
    const again = await importAs(type, file);
    expect(again.results.map((r) => [r.outcome, r.id])).toEqual([['UNCHANGED', first.results[0].id]]);
  });

  it('a rescue application names its case by 关联案号: found as the clerk may see it, or reported on that column', async () => {
    const file = await filledTemplate('rescueApplications', 700);
    const table = await readTable(file);
    const at = table.header.indexOf('关联案号');
    const numberAt = table.header.indexOf('救助文号');
    table.rows[0].cells[at] = '渑检刑诉〔2025〕999号';
    table.rows[0].cells[numberAt] = '渑检救助〔2025〕99号';
    const token = await issueUserToken({ userId: 'clerk-jcy', ...KEEPER.rescueApplications });
    const run = await importTable(hubClient(hub.url, token), LEDGERS.rescueApplications, table, { dryRun: false });
    expect(run.results.map((r) => [r.outcome, r.problems.map((p) => [p.header, p.value])])).toEqual([['REJECTED', [['关联案号', '渑检刑诉〔2025〕999号']]]]);
    const cases = await hub.ok({ agency: '411221-JCY' }, '{ rescueApplications(first: 10) { nodes { number procuratorateCase { caseNumber } } } }');
    expect(cases.rescueApplications.nodes).toEqual([{ number: LEDGERS.rescueApplications.example.救助文号, procuratorateCase: { caseNumber: LEDGERS.procuratorateCases.example.案号 } }]);
  });

  it('petitions are sent oldest first, so a repeat listed before the petition it repeats is still linked to it', async () => {
    const [sheet] = templateSheets(LEDGERS.petitions);
    const row = (number: string, date: string) => sheet.header.map((h): CellValue => {
      if (h === '信访件编号') return number;
      if (h === '登记日期') return date;
      if (h === '信访人身份证号') return validIdNumber(801, '19700101');
      return (LEDGERS.petitions.example as Record<string, CellValue>)[h] ?? null;
    });
    const file = path.join(dir, 'repeats.xlsx');
    await writeTable(file, [{ ...sheet, rows: [row('渑信访〔2025〕902号', '2025-04-02'), row('渑信访〔2025〕901号', '2025-04-01')] }]);
    const run = await importAs('petitions', file);
    expect(run.results.map((r) => [r.line, r.outcome])).toEqual([[2, 'CREATED'], [3, 'CREATED']]);
    const later = await hub.ok({ agency: '411221-XFJ' }, `{ petition(id: "${run.results[0].id}") { number repeatOf { number } } }`);
    expect(later.petition).toEqual({ number: '渑信访〔2025〕902号', repeatOf: { number: '渑信访〔2025〕901号' } });
  });

  it('round trip: the imported case comes out of an export with the ledger’s values', async () => {
    const token = await issueUserToken({ userId: 'clerk-scj', ...KEEPER.enforcementCases });
    const res = await fetch(hub.url.replace(/\/graphql$/, '/export'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ enforcementCases(first: 10) { nodes { caseNumber field facts filedAt } } }', format: 'xlsx' }),
    });
    expect(res.status).toBe(200);
    const table = await readTableFromBuffer(Buffer.from(await res.arrayBuffer()), 'xlsx');
    const example = LEDGERS.enforcementCases.example;
    const cells = Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]?.cells[i]]));
    expect(cells).toMatchObject({ 案号: example.案号, 执法领域: example.执法领域, 案情摘要: example.案情摘要 });
    expect(String(cells['立案日期'] instanceof Date ? (cells['立案日期'] as Date).toISOString() : cells['立案日期'])).toContain('2025-03-05');
  });
});

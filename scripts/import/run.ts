import type { Table } from '../../lib/sheets';
import type { HubClient } from '../hub-client';
import { columnsOf, type Column } from './columns';
import type { Ledger } from './ledgers';
import { markDuplicates, matchHeader, readRows, type CellProblem, type LedgerRow } from './rows';

export type Outcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED' | 'DUPLICATE';

/** What became of one line of the file. */
export interface LineResult {
  line: number;
  key: string | null;
  outcome: Outcome;
  id: string | null;
  problems: CellProblem[];
}

export interface ImportRun {
  dryRun: boolean;
  results: LineResult[];
  counts: Record<Outcome, number>;
  /** Problems with the file as a whole (unknown or missing columns). */
  fileProblems: string[];
}

interface RowResult {
  index: number;
  outcome: Outcome;
  id: string | null;
  problems: { field: string; message: string }[];
}

const REPORT = 'dryRun rows { index outcome id problems { field message } }';
const PARTIES = `mutation($rows: [PartyRow!]!, $dryRun: Boolean) { importParties(rows: $rows, dryRun: $dryRun) { ${REPORT} } }`;
const mutationOf = (ledger: Ledger) =>
  `mutation($rows: [${ledger.row}!]!, $dryRun: Boolean) { ${ledger.mutation}(rows: $rows, dryRun: $dryRun) { ${REPORT} } }`;

/** Rows per request: well under the gateway's body limit and its subgraph timeout. */
export const BATCH_ROWS = 200;

/**
 * Imports a ledger through the gateway: reads and checks every row against the schema, registers the parties the
 * rows name (importParties), then sends the rows in batches to the ledger's bulk mutation. A bad row never stops the
 * others; every line of the file gets a result.
 */
export async function importTable(
  client: HubClient,
  ledger: Ledger,
  table: Table,
  options: { dryRun: boolean; batchRows?: number; onProgress?: (done: number) => void },
): Promise<ImportRun> {
  const columns = columnsOf(ledger);
  const { unknown, missing } = matchHeader(table.header, columns);
  const fileProblems = [
    ...unknown.map((h) => `未识别的列「${h}」已忽略（不是 ${ledger.label} 台账的列；模板见 npm run import -- --template）`),
    ...missing.map((c) => `缺少必填列「${c.header}」`),
  ];
  const keyHeader = columns.find((c) => c.field === ledger.key)?.header ?? ledger.key;
  const rows = readRows(table, columns, ledger);
  markDuplicates(rows, keyHeader);
  const results = new Map<LedgerRow, LineResult>();
  const batch = options.batchRows ?? BATCH_ROWS;
  // Plain dates and China-time date-times (rows.ts) compare as text; the report keeps the file's order.
  const at = (r: LedgerRow) => String(r.fields[ledger.sendInOrderOf ?? ''] ?? '');
  const sending = ledger.sendInOrderOf ? [...rows].sort((a, b) => at(a).localeCompare(at(b))) : rows;
  for (let start = 0; start < sending.length; start += batch) {
    const slice = sending.slice(start, start + batch);
    try {
      await registerParties(client, slice, options.dryRun, (field) => columns.find((c) => c.field === field && !c.party)?.header);
      await resolveReferences(client, slice);
      await sendRows(client, ledger, columns, slice.filter((r) => !r.problems.length), options.dryRun, results);
    } catch (e) {
      // The hub did not answer: the batch's rows say so and the next batch is tried; a second run finishes the job.
      for (const row of slice.filter((r) => !results.has(r) && !r.problems.length)) {
        row.problems.push({ header: keyHeader, value: row.key ?? '', message: `本批未能提交：${(e as Error).message}；请稍后重新导入（已导入的行不会重复）` });
      }
    }
    for (const row of slice) if (!results.has(row)) results.set(row, { line: row.line, key: row.key, outcome: row.duplicateOf ? 'DUPLICATE' : 'REJECTED', id: null, problems: row.problems });
    options.onProgress?.(Math.min(start + batch, rows.length));
  }
  const list = rows.map((r) => results.get(r)!);
  const counts = { CREATED: 0, UPDATED: 0, UNCHANGED: 0, REJECTED: 0, DUPLICATE: 0 };
  for (const r of list) counts[r.outcome] += 1;
  return { dryRun: options.dryRun, results: list, counts, fileProblems };
}

/** Registers (or finds) every party the batch's rows name, once each, and puts the ids in the rows. */
async function registerParties(client: HubClient, rows: LedgerRow[], dryRun: boolean, headerOf: (field: string) => string | undefined): Promise<void> {
  const index = new Map<string, number>();
  const parties: { name: string; idNumber?: string; creditCode?: string }[] = [];
  for (const row of rows) {
    if (row.problems.length) continue;
    for (const p of row.parties) {
      const key = p.idNumber ?? `E:${p.creditCode}`;
      if (index.has(key)) continue;
      index.set(key, parties.length);
      parties.push(p.idNumber ? { name: p.name, idNumber: p.idNumber } : { name: p.name, creditCode: p.creditCode! });
    }
  }
  if (!parties.length) return;
  const answer = await client.request<{ importParties: { rows: RowResult[] } }>(PARTIES, { rows: parties, dryRun });
  const outcome = answer.importParties.rows;
  for (const row of rows) {
    if (row.problems.length) continue;
    for (const p of row.parties) {
      const r = outcome[index.get(p.idNumber ?? `E:${p.creditCode}`)!];
      if (r.outcome === 'REJECTED' || !r.id) {
        for (const problem of r.problems) {
          // An enterprise's credit code is the row's own column; a person's 身份证号 is never echoed.
          const header = problem.field === 'name' ? p.spec.name : problem.field === 'creditCode' && p.spec.enterpriseCode ? headerOf(p.spec.enterpriseCode) ?? p.spec.idNumber : p.spec.idNumber;
          row.problems.push({ header, value: p.idNumber ? '(已隐去)' : problem.field === 'creditCode' ? p.creditCode ?? '' : p.name, message: problem.message });
        }
        continue;
      }
      if (!p.idNumber) continue; // an enterprise: its credit code is already the row's field
      const list = p.spec.into.endsWith('Ids');
      row.fields[p.spec.into] = list ? [...((row.fields[p.spec.into] as string[] | undefined) ?? []), r.id] : r.id;
    }
  }
}

/** Puts the ids of the records the rows name by number (关联案号) in the rows; a number not found is the row's problem. */
async function resolveReferences(client: HubClient, rows: LedgerRow[]): Promise<void> {
  const wanted = rows.filter((r) => !r.problems.length && r.references.length);
  for (const spec of new Set(wanted.flatMap((r) => r.references.map((x) => x.spec)))) {
    const numbers = [...new Set(wanted.flatMap((r) => r.references.filter((x) => x.spec === spec).map((x) => x.number)))];
    const ids = new Map<string, string>();
    for (let i = 0; i < numbers.length; i += 100) {
      const answer = await client.request<Record<string, { nodes: Record<string, string>[] }>>(spec.query, { numbers: numbers.slice(i, i + 100) });
      for (const node of answer[spec.list].nodes) ids.set(node[spec.numberField], node.id);
    }
    for (const row of wanted) {
      for (const ref of row.references.filter((x) => x.spec === spec)) {
        const id = ids.get(ref.number);
        if (id) row.fields[spec.into] = id;
        else row.problems.push({ header: spec.column, value: ref.number, message: '系统中没有这个编号的记录，或你无权查看：请核对编号，或先导入该记录' });
      }
    }
  }
}

async function sendRows(client: HubClient, ledger: Ledger, columns: Column[], rows: LedgerRow[], dryRun: boolean, results: Map<LedgerRow, LineResult>): Promise<void> {
  const ready = rows.filter((r) => !r.problems.length);
  if (!ready.length) return;
  const answer = await client.request<Record<string, { rows: RowResult[] }>>(mutationOf(ledger), { rows: ready.map((r) => r.fields), dryRun });
  // A problem names a row field, or an API path such as penalty.amount, which the row spells penaltyAmount.
  const headerOf = (field: string) => {
    const names = [field, field.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()), field.split('.')[0]];
    const column = names.map((n) => columns.find((c) => c.field === n && (!c.party || c.party.part === 'name'))).find(Boolean);
    return column?.header ?? field;
  };
  for (const r of answer[ledger.mutation].rows) {
    const row = ready[r.index];
    const problems = r.problems.map((p) => {
      const header = headerOf(p.field);
      const column = columns.find((c) => c.header === header);
      return { header, value: column && !column.party ? String(row.fields[column.field] ?? '') : '', message: p.message };
    });
    results.set(row, { line: row.line, key: row.key, outcome: r.outcome, id: r.id, problems });
  }
}

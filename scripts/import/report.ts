import path from 'node:path';
import { writeTable, type Sheet } from '../../lib/sheets';
import { columnsOf, formatOf } from './columns';
import type { Ledger } from './ledgers';
import type { ImportRun, Outcome } from './run';

const OUTCOME: Record<Outcome, string> = { CREATED: '新增', UPDATED: '更新', UNCHANGED: '未变', REJECTED: '未导入', DUPLICATE: '重复' };

/** Where the report of `file` goes: beside it, `台账.xlsx` → `台账.导入报告.xlsx`. */
export function reportPathOf(file: string): string {
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.导入报告.xlsx`);
}

/** The row-level report a clerk works from: one line per problem (row, column, value, what to correct), then a summary. */
export function reportSheets(ledger: Ledger, file: string, run: ImportRun, seconds: number): Sheet[] {
  const label = (o: Outcome) => (run.dryRun && o !== 'REJECTED' && o !== 'DUPLICATE' ? `将${OUTCOME[o]}` : OUTCOME[o]);
  const rows = run.results.flatMap((r) =>
    r.problems.length
      ? r.problems.map((p) => [r.line, label(r.outcome), r.key, p.header, p.value, p.message])
      : [[r.line, label(r.outcome), r.key, null, null, null]],
  );
  const summary = [
    ['台账', `${ledger.label}（${path.basename(file)}）`],
    ['方式', run.dryRun ? '试导入（未写入任何数据）' : '导入'],
    ...(Object.keys(OUTCOME) as Outcome[]).map((o) => [label(o), run.counts[o]]),
    ['用时（秒）', Number(seconds.toFixed(1))],
    ...run.fileProblems.map((p) => ['文件问题', p]),
  ];
  return [
    { name: '导入结果', header: ['行号', '结果', '键', '列', '值', '说明'], rows },
    { name: '汇总', header: ['项目', '数值'], rows: summary },
  ];
}

export async function writeReport(ledger: Ledger, file: string, run: ImportRun, seconds: number): Promise<string> {
  const out = reportPathOf(file);
  await writeTable(out, reportSheets(ledger, file, run, seconds));
  return out;
}

/** The empty ledger a clerk fills: the columns, one example row, and a sheet saying what each column takes. */
export function templateSheets(ledger: Ledger): Sheet[] {
  const columns = columnsOf(ledger);
  const example = ledger.example as Record<string, string | number>;
  return [
    { name: ledger.label, header: columns.map((c) => c.header), rows: [columns.map((c) => example[c.header] ?? null)] },
    {
      name: '填写说明',
      header: ['列名', '必填', '填写格式', '说明', '字段'],
      rows: columns.map((c) => [c.header, c.required ? '是' : '', formatOf(c), c.description, c.field]),
    },
  ];
}

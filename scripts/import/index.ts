// npm run import -- --type <ledger> --file <x.xlsx|x.csv> [--dry-run] [--token …] [--url …]
// npm run import -- --template <ledger> [--out file.xlsx]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { readTable, writeTable } from '../../lib/sheets';
import { gatewayBase, hubClient } from '../hub-client';
import { LEDGERS, ledgerOf } from './ledgers';
import { templateSheets, writeReport } from './report';
import { importTable } from './run';

const USAGE = `usage: npm run import -- --type <${Object.keys(LEDGERS).join('|')}> --file <x.xlsx|x.csv> [--dry-run] [--token <jwt>] [--url <gateway /graphql>]
       npm run import -- --template <type> [--out <file.xlsx>]
The token is your sign-on token (or HUB_TOKEN); npm start prints demo tokens.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      type: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      token: { type: 'string' }, url: { type: 'string' }, template: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE), 0;
  if (values.template) {
    const ledger = ledgerOf(values.template);
    const out = values.out ?? `${ledger.label}导入模板.xlsx`;
    await writeTable(out, templateSheets(ledger));
    console.log(`模板已写入 template written: ${path.resolve(out)}`);
    return 0;
  }
  const ledger = ledgerOf(values.type);
  const token = values.token ?? process.env.HUB_TOKEN;
  if (!values.file || !token) throw new Error(`${!values.file ? '--file' : '--token (or HUB_TOKEN)'} is required\n${USAGE}`);
  const table = await readTable(values.file);
  const started = Date.now();
  const bar = new SingleBar({ format: `${ledger.label} [{bar}] {value}/{total} 行 | {eta_formatted}`, hideCursor: true }, Presets.shades_classic);
  if (process.stdout.isTTY) bar.start(table.rows.length, 0);
  const run = await importTable(hubClient(`${gatewayBase(values.url)}/graphql`, token), ledger, table, {
    dryRun: values['dry-run'],
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  const report = await writeReport(ledger, values.file, run, seconds);
  const c = run.counts;
  console.log(`${run.dryRun ? '试导入 dry run (nothing written)' : '导入完成 imported'}: ${table.rows.length} 行 in ${seconds.toFixed(1)} s${table.encoding === 'gb18030' ? ' (GBK)' : ''}`);
  console.log(`  新增 ${c.CREATED} · 更新 ${c.UPDATED} · 未变 ${c.UNCHANGED} · 未导入 ${c.REJECTED} · 重复 ${c.DUPLICATE}`);
  for (const p of run.fileProblems) console.log(`  ! ${p}`);
  console.log(`报告 report: ${report}`);
  return c.REJECTED + c.DUPLICATE + run.fileProblems.length ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);

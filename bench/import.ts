// `npm run bench:import -- [--rows 10000]`: the issue's import goal (10,000 rows in at most 60 s on the embedded
// database). Writes an enforcement-case ledger (.xlsx, half persons with 身份证号, half enterprises), starts the hub
// in this process on a scratch database and imports it through the gateway as `npm run import` does: first run
// (creates), second run (all unchanged), and a dry run. Results go to stdout as a table (docs/benchmarks.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
process.env.DB_PREFIX = 'bench';
process.env.LOG_LEVEL = 'silent';
process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';

void (async () => {
  const { startScratchDatabase } = await import('../lib/database');
  const { connectMongo, subgraphDatabase, syncIndexes } = await import('../lib/mongo');
  const { SUBGRAPHS } = await import('../lib/config');
  const { creditCodeCheckChar, idNumberCheckDigit } = await import('../lib/identifiers');
  const { issueUserToken } = await import('../lib/identity');
  const { readTable, writeTable } = await import('../lib/sheets');
  const { hubClient } = await import('../scripts/hub-client');
  const { LEDGERS } = await import('../scripts/import/ledgers');
  const { importTable } = await import('../scripts/import/run');
  const { syncAgencies } = await import('../subgraphs/liaison/agencies');
  const { startHub } = await import('../tests/helpers/hub');

  const db = await startScratchDatabase('bench');
  await connectMongo(db.uri);
  for (const name of SUBGRAPHS) {
    await subgraphDatabase(name).dropDatabase();
    await syncIndexes(subgraphDatabase(name));
  }
  await syncAgencies();
  const hub = await startHub();
  try {
    const n = Number(values.rows);
    const day = (i: number) => new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const idNumber = (i: number) => {
      const first17 = `411221${day(i)}${String(i % 500).padStart(3, '0')}`;
      return first17 + idNumberCheckDigit(first17);
    };
    const creditCode = (i: number) => {
      const first17 = `91411221MA${String(i).padStart(7, '0')}`;
      return first17 + creditCodeCheckChar(first17);
    };
    const rows = Array.from({ length: n }, (_, i) => [
      `渑市监罚〔2025〕${i + 1}号`, '市场监管', i % 2 ? `当事人${i}` : `渑池县第${i}商贸有限公司`, i % 2 ? idNumber(i) : null, i % 2 ? null : creditCode(i),
      `案情摘要 ${i}`, `2025-0${1 + (i % 9)}-0${1 + (i % 9)}`,
    ]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hub-bench-import-')), 'ledger.xlsx');
    await writeTable(file, [{ name: '台账', header: ['案号', '执法领域', '当事人', '身份证号', '统一社会信用代码', '案情摘要', '立案日期'], rows }]);
    const token = await issueUserToken({ userId: 'bench', agency: '411221-SCJ', roles: ['officer'] });
    const client = hubClient(hub.url, token);

    console.log(`database ${db.kind}; ${n} rows (${n / 2} persons with 身份证号, ${n / 2} enterprises)\n`);
    console.log('| run | seconds | created | updated | unchanged | rejected | rows/s |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, dryRun] of [['first import (read .xlsx + import)', false], ['same file again', false], ['dry run', true]] as const) {
      const t = performance.now();
      const table = await readTable(file);
      const run = await importTable(client, LEDGERS.enforcementCases, table, { dryRun });
      const s = (performance.now() - t) / 1000;
      const c = run.counts;
      console.log(`| ${name} | ${s.toFixed(1)} | ${c.CREATED} | ${c.UPDATED} | ${c.UNCHANGED} | ${c.REJECTED + c.DUPLICATE} | ${(n / s).toFixed(0)} |`);
    }
  } finally {
    await hub.stop();
    await db.stop();
    process.exit(0);
  }
})();

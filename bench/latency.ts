// `npm run bench -- [--scale N] [--runs N]`: seeds N county-years into a scratch database, starts the
// hub in this process (real HTTP between gateway and subgraphs) and measures typical queries:
// latency percentiles, MongoDB commands per query (batching) and memory. Results go to stdout as a table.
import { parseArgs } from 'node:util';
import { README_QUERY } from './queries';
import mongoose from 'mongoose';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '30' }, trace: { type: 'boolean', default: false } },
});
process.env.DB_PREFIX = 'bench';
process.env.LOG_LEVEL = 'silent';
process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';

const QUERIES: Record<string, string> = {
  "README's first curl example (3 cases, nested)": README_QUERY,
  'enforcement list (100, nested party/agency/transfer→case)': `{ enforcementCases(first: 100) { totalCount nodes { caseNumber person { name idNumberMasked } enterprise { name } agency { name } transfer { status procuratorateCase { caseNumber } } } } }`,
  'person across four subgraphs (20 rescue applicants)': `{ rescueApplications(first: 20) { nodes { applicant { name procuratorateCases { totalCount } enforcementCases { totalCount } petitions { totalCount } rescueApplications { totalCount } } } } }`,
  'joint dashboard (one year, five subgraphs)': `{ dashboard(period: "2025") { procuratorate { casesAccepted suggestionsIssued } enforcement { casesFiled transfersSent } petitions { received } assistance { applications } liaison { workTasksDone openAlerts } } }`,
  'petitions page (50, related cases)': `{ petitions(first: 50) { totalCount nodes { number status petitioner { name } relatedCases { __typename ... on ProcuratorateCase { caseNumber } ... on EnforcementCase { caseNumber } } } } }`,
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

void (async () => {
  const { startScratchDatabase } = await import('../lib/database');
  const { connectMongo, disconnectMongo, subgraphDatabase } = await import('../lib/mongo');
  const { SUBGRAPHS } = await import('../lib/config');
  const { seedDemo } = await import('../seed');
  const { startHub } = await import('../tests/helpers/hub');

  const db = await startScratchDatabase('bench');
  await connectMongo(db.uri);
  for (const name of SUBGRAPHS) await subgraphDatabase(name).dropDatabase();
  const scale = Number(values.scale);
  let t = performance.now();
  const counts = await seedDemo({ scale });
  const seedSeconds = (performance.now() - t) / 1000;
  const records = Object.values(counts).reduce((a, b) => a + b, 0);

  t = performance.now();
  const hub = await startHub();
  try {
    const startMs = performance.now() - t;
    const client = mongoose.connection.getClient();
    let commands = 0;
    let traced: string[] = [];
    client.on('commandStarted', (e: { databaseName: string; commandName: string; command: Record<string, unknown> }) => {
      commands += 1;
      if (values.trace) traced.push(`${e.databaseName}.${String(e.command[e.commandName] ?? '')}.${e.commandName}`);
    });

    console.log(`database ${db.kind}; scale ${scale}: ${records} records seeded in ${seedSeconds.toFixed(1)} s; hub started in ${startMs.toFixed(0)} ms\n`);
    console.log('| query | p50 ms | p95 ms | max ms | MongoDB commands |');
    console.log('|---|---|---|---|---|');
    const runs = Number(values.runs);
    for (const [name, query] of Object.entries(QUERIES)) {
      await hub.query({ agency: '411221-JCY' }, query); // warm-up
      const times: number[] = [];
      let perQuery = 0;
      for (let i = 0; i < runs; i++) {
        const before = commands;
        traced = [];
        const s = performance.now();
        const r = await hub.query({ agency: '411221-JCY' }, query);
        times.push(performance.now() - s);
        perQuery = commands - before;
        // FORBIDDEN marks linked records of other agencies that the caller may not see (null in place): by design.
        const unexpected = r.errors?.find((e) => e.extensions?.code !== 'FORBIDDEN');
        if (unexpected) throw new Error(`${name}: ${unexpected.message}`);
      }
      console.log(`| ${name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${perQuery} |`);
      if (values.trace) console.log(`|  | ${traced.join(' · ')} | | | |`);
    }

    // 20 clients at once, each sending the README query: every one must answer.
    const clients = 20;
    const burst: number[] = [];
    for (let round = 0; round < Math.max(1, Math.floor(runs / 5)); round++) {
      await Promise.all(
        Array.from({ length: clients }, async () => {
          const s = performance.now();
          const r = await hub.query({ agency: '411221-JCY' }, README_QUERY);
          if (r.errors?.some((e) => e.extensions?.code !== 'FORBIDDEN')) throw new Error(`concurrent README query: ${r.errors[0].message}`);
          burst.push(performance.now() - s);
        }),
      );
    }
    console.log(`| README query, ${clients} clients at once (${burst.length} answers) | ${pct(burst, 50).toFixed(1)} | ${pct(burst, 95).toFixed(1)} | ${Math.max(...burst).toFixed(1)} (p99 ${pct(burst, 99).toFixed(1)}) | |`);
    const mem = process.memoryUsage();
    console.log(`\nmemory (gateway + five subgraphs in one process): rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    // A failed query must not leave the scratch database running.
    await hub.stop();
    await disconnectMongo();
    await db.stop();
  }
})().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

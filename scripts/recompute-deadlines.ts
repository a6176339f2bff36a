// `npm run deadlines:recompute`: recomputes every stored due date (nextDueAt and the like) for the current legal
// periods (DEADLINE_RULES) and calendar (official holidays + HOLIDAYS / MAKEUP_WORKDAYS), and reports what moved.
// Idempotent. Subgraphs do the same at start when the rules or the calendar changed. Uses MONGODB_URI, or the local
// database that `npm start` uses.
import path from 'node:path';
import { config, SUBGRAPHS } from '../lib/config';
import { startDatabase } from '../lib/database';
import { connectMongo, disconnectMongo } from '../lib/mongo';
import { refreshDerived } from '../lib/workflow';
import { SUBGRAPH_DEFINITIONS } from '../subgraphs';

void (async () => {
  const db = await startDatabase(path.resolve(config().DATA_DIR));
  await connectMongo(db.uri);
  for (const name of SUBGRAPHS) {
    for (const r of (await refreshDerived(name, SUBGRAPH_DEFINITIONS[name].workflows ?? [], true)) ?? []) {
      console.log(`${name} ${r.resourceType}: ${r.checked} checked, ${r.moved} moved`);
      for (const e of r.examples) console.log(`  ${e.id} ${e.field}: ${fmt(e.before)} → ${fmt(e.after)}`);
    }
  }
  await disconnectMongo();
  await db.stop();
})().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

function fmt(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v ?? 'none');
}

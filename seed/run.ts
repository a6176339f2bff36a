// `npm run seed -- [--scale N] [--seed N] [--drop]`: seeds the database at MONGODB_URI (or the local one).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config, SUBGRAPHS } from '../lib/config';
import { startDatabase } from '../lib/database';
import { connectMongo, disconnectMongo, subgraphDatabase } from '../lib/mongo';
import { seedDemo } from '.';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' }, drop: { type: 'boolean', default: false } },
});

void (async () => {
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  const db = await startDatabase(path.resolve(config().DATA_DIR));
  await connectMongo(db.uri);
  if (values.drop) for (const name of SUBGRAPHS) await subgraphDatabase(name).dropDatabase();
  const started = performance.now();
  const counts = await seedDemo({ scale, seed: values.seed ? Number(values.seed) : undefined });
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
  await disconnectMongo();
  await db.stop();
})().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

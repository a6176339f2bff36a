// `npm run audit:verify`: recomputes the audit hash chain and names the first broken event.
// Uses MONGODB_URI, or the local database that `npm start` uses.
import path from 'node:path';
import { config } from '../lib/config';
import { startDatabase } from '../lib/database';
import { connectMongo, disconnectMongo } from '../lib/mongo';
import { verifyChain } from '../subgraphs/liaison/audit/chain';

void (async () => {
  const db = await startDatabase(path.resolve(config().DATA_DIR));
  await connectMongo(db.uri);
  const result = await verifyChain();
  await disconnectMongo();
  await db.stop();
  if (result.ok) {
    console.log(`audit chain intact: ${result.events} events, head ${result.headHash}`);
  } else {
    console.error(`audit chain BROKEN at event ${result.seq} (id ${result.id}): ${result.reason}; ${result.events} events before it verified`);
    process.exit(1);
  }
})().catch((e: Error) => {
  console.error(e.message);
  process.exit(2);
});

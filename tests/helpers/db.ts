import mongoose from 'mongoose';
import { SUBGRAPHS } from '../../lib/config';
import { connectMongo, disconnectMongo, subgraphDatabase, syncIndexes } from '../../lib/mongo';

/** Connects this test file to the run's database, with clean subgraph databases and their indexes. */
export function useDatabase(): void {
  beforeAll(async () => {
    await connectMongo(process.env.MONGODB_URI!);
    for (const name of SUBGRAPHS) {
      const db = subgraphDatabase(name);
      await db.dropDatabase();
      await syncIndexes(db);
    }
  });
  afterAll(async () => {
    await disconnectMongo();
  });
}

/** Counts the MongoDB commands the driver sends while `fn` runs (driver command monitoring). */
export async function countCommands<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  const client = mongoose.connection.getClient();
  const listener = (e: { commandName: string; databaseName: string }) => commands.push(`${e.databaseName}.${e.commandName}`);
  client.on('commandStarted', listener);
  try {
    const result = await fn();
    return { result, commands };
  } finally {
    client.off('commandStarted', listener);
  }
}

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDatabase } from '../../lib/database';

describe('the embedded database', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('names the options a clerk can take when nothing can run (no URI, no mongod, no Java)', async () => {
    delete process.env.MONGODB_URI;
    delete process.env.MONGOMS_SYSTEM_BINARY;
    process.env.HOME = mkdtempSync(path.join(os.tmpdir(), 'no-home-'));
    process.env.PATH = '/nonexistent';
    const attempt = startDatabase(mkdtempSync(path.join(os.tmpdir(), 'no-db-')));
    await expect(attempt).rejects.toThrow(/MONGODB_URI[\s\S]*MONGOMS_SYSTEM_BINARY[\s\S]*Java 17\+ and Maven/);
  });

  it('uses MONGODB_URI first, starting nothing', async () => {
    process.env.MONGODB_URI = 'mongodb://db.example.invalid:27017/';
    const db = await startDatabase(mkdtempSync(path.join(os.tmpdir(), 'no-db-')));
    expect(db).toMatchObject({ kind: 'external', uri: 'mongodb://db.example.invalid:27017/' });
  });
});

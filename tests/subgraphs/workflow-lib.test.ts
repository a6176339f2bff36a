import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../lib/mongo';
import { created, statusChangeSchema, transition, type Machine } from '../../lib/workflow';
import { updateVersioned } from '../../lib/versioned';
import { useDatabase } from '../helpers/db';
import { identity } from '../helpers/subgraph';

useDatabase();

type S = 'OPEN' | 'DONE' | 'REFUSED';
interface Doc { _id: string; status: S; owner: string; target: string; version: number; note?: string; history: unknown[] }
const Model = subgraphDatabase('liaison').model<Doc>(
  'WorkflowProbe',
  new Schema<Doc>({ _id: String, status: String, owner: String, target: String, version: Number, note: String, history: [statusChangeSchema] }, { versionKey: false }),
);
const machine: Machine<S, Doc> = {
  OPEN: { DONE: { by: (d) => d.target }, REFUSED: { by: (d) => d.owner, roles: ['supervisor'] } },
  DONE: {},
  REFUSED: {},
};
const owner = identity('411221-JCY', ['officer']);
const target = identity('411221-SCJ', ['officer']);

async function fresh(id: string) {
  await Model.create({ _id: id, status: 'OPEN', owner: owner.agency, target: target.agency, version: 0, history: [created(owner, 'OPEN')] });
}
const move = (id: string, to: S, who = target, version = 0) => transition({ model: Model, machine, label: 'probe', id, version, to, identity: who, note: 'n' });

describe('lib/workflow transition', () => {
  it('moves, bumps the version and appends history', async () => {
    await fresh('a');
    const done = await move('a', 'DONE');
    expect(done).toMatchObject({ status: 'DONE', version: 1 });
    expect(done.history).toHaveLength(2);
    expect(done.history[1]).toMatchObject({ from: 'OPEN', to: 'DONE', agency: target.agency, note: 'n' });
  });

  it('refuses a move the status does not allow with CONFLICT naming the allowed steps', async () => {
    await fresh('b');
    await move('b', 'DONE');
    await expect(move('b', 'REFUSED', owner, 1)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', currentStatus: 'DONE', allowed: [] } });
  });

  it('refuses the wrong agency, the wrong role and outsiders with FORBIDDEN, changing nothing', async () => {
    await fresh('c');
    await expect(move('c', 'DONE', owner)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(move('c', 'REFUSED', owner)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } }); // officer, not supervisor
    await expect(move('c', 'DONE', identity('411221-HBJ'))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await Model.findById('c').lean()).toMatchObject({ status: 'OPEN', version: 0 });
  });

  it('lets exactly one of 20 racing steps win per version, with one history entry', async () => {
    for (let round = 0; round < 3; round++) {
      const id = `r${round}`;
      await fresh(id);
      const racers = Array.from({ length: 20 }, (_, i) => (i % 2 ? move(id, 'DONE') : move(id, 'REFUSED', identity(owner.agency, ['supervisor']))));
      const results = await Promise.allSettled(racers);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ extensions: { code: 'CONFLICT' } });
      const stored = await Model.findById(id).lean();
      expect(stored).toMatchObject({ version: 1 });
      expect(stored!.history).toHaveLength(2);
    }
  });

  it('lands all of 20 concurrent steps on 20 different records', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `ind${i}`);
    for (const id of ids) await fresh(id);
    const results = await Promise.allSettled(ids.map((id) => move(id, 'DONE')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(await Model.countDocuments({ _id: { $in: ids }, status: 'DONE', version: 1 })).toBe(20);
  });

  it('loses none of 20 concurrent $inc on one document (no lost update in the database)', async () => {
    await fresh('counter');
    await Promise.all(Array.from({ length: 20 }, () => Model.updateOne({ _id: 'counter' }, { $inc: { version: 1 } })));
    expect(await Model.findById('counter').lean()).toMatchObject({ version: 20 });
  });

  it('hands out distinct values from 30 concurrent findOneAndUpdate $inc (a counter, as petition numbers use)', async () => {
    await fresh('seq');
    const values = await Promise.all(Array.from({ length: 30 }, () =>
      Model.findOneAndUpdate({ _id: 'seq' }, { $inc: { version: 1 } }, { returnDocument: 'after' }).lean().then((d) => d!.version)));
    expect(new Set(values).size).toBe(30);
    expect(Math.max(...values)).toBe(30);
  });

  it('refuses a stale version', async () => {
    await fresh('d');
    await expect(move('d', 'DONE', target, 3)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 0 } });
  });

  it('keeps updateVersioned exclusive too: one of 20 wins, then the next version is free again', async () => {
    await fresh('e');
    const racers = Array.from({ length: 20 }, (_, i) => updateVersioned(Model, 'e', 0, { note: `x${i}` }));
    const results = await Promise.allSettled(racers);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await Model.findById('e').lean()).toMatchObject({ version: 1 });
    await expect(updateVersioned(Model, 'e', 1, { note: 'next' })).resolves.toMatchObject({ version: 2, note: 'next' });
  });
});

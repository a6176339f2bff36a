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

  it('lets exactly one of two racing writers win', async () => {
    for (let round = 0; round < 5; round++) {
      await fresh(`r${round}`);
      const results = await Promise.allSettled([move(`r${round}`, 'DONE'), move(`r${round}`, 'REFUSED', identity(owner.agency, ['supervisor']))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await Model.findById(`r${round}`).lean()).toMatchObject({ version: 1 });
    }
  });

  it('refuses a stale version', async () => {
    await fresh('d');
    await expect(move('d', 'DONE', target, 3)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 0 } });
  });

  it('keeps updateVersioned exclusive too', async () => {
    await fresh('e');
    const results = await Promise.allSettled([updateVersioned(Model, 'e', 0, { note: 'x' }), updateVersioned(Model, 'e', 0, { note: 'y' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await Model.findById('e').lean()).toMatchObject({ version: 1 });
  });
});

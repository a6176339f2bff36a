import { auditRecorder, chainHash, type AuditEventInput } from '../../lib/audit';
import { appendToChain, verifyChain } from '../../subgraphs/liaison/audit/chain';
import { AuditAnchorModel, AuditEventModel } from '../../subgraphs/liaison/models';
import { countCommands, useDatabase } from '../helpers/db';
import { identity } from '../helpers/subgraph';

useDatabase();

const event = (n: number): AuditEventInput => ({
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)), actor: `u${n}`, actorAgency: '411221-SCJ', action: 'READ',
  resourceType: 'PROCURATORATE_CASE', resourceIds: [`c${n}`], fieldsUnmasked: [], grantId: null, purpose: null,
  requestId: `req-${n}`, outcome: 'ALLOWED',
});

async function freshChain(n: number) {
  await AuditEventModel.collection.deleteMany({});
  await AuditAnchorModel.collection.deleteMany({});
  await appendToChain(Array.from({ length: n }, (_, i) => event(i + 1)));
}

describe('audit hash chain', () => {
  it('links every event to the one before it and verifies', async () => {
    await freshChain(5);
    const events = await AuditEventModel.find().sort({ _id: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(await verifyChain()).toMatchObject({ ok: true, events: 5 });
  });

  it('keeps one chain when writers race', async () => {
    await freshChain(0);
    await Promise.all(Array.from({ length: 6 }, (_, i) => appendToChain([event(10 + i), event(20 + i)])));
    expect(await AuditEventModel.countDocuments()).toBe(12);
    expect(await verifyChain()).toMatchObject({ ok: true, events: 12 });
  });

  it('group-commits concurrent appends: 200 appends, every event stored once, in far fewer inserts', async () => {
    await freshChain(0);
    const { result, commands } = await countCommands(() =>
      Promise.all(Array.from({ length: 200 }, (_, i) => appendToChain(Array.from({ length: 1 + (i % 3) }, (_, k) => event(1000 + i * 3 + k))))),
    );
    const total = Array.from({ length: 200 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    expect(result.flat().map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(result[8].map((e) => e.actor)).toEqual(['u1024', 'u1025', 'u1026']); // each caller gets its own events back
    expect(commands.filter((c) => c.endsWith('.insert')).length).toBeLessThan(20);
    expect(await verifyChain()).toMatchObject({ ok: true, events: total });
  });

  it('chains after another writer that took the next sequence numbers (anchor lagging)', async () => {
    await freshChain(3);
    // Another liaison instance appended events 4 and 5 but crashed before moving the anchor.
    let prev = (await AuditEventModel.findById('000000000003').lean())!.hash;
    for (const seq of [4, 5]) {
      const e = event(50 + seq);
      const hash = chainHash({ ...e, seq }, prev);
      await AuditEventModel.collection.insertOne({ ...e, _id: String(seq).padStart(12, '0'), seq, prevHash: prev, hash } as never);
      prev = hash;
    }
    const [mine] = await appendToChain([event(99)]);
    expect(mine).toMatchObject({ seq: 6, prevHash: prev });
    expect(await verifyChain()).toMatchObject({ ok: true, events: 6 });
  });

  it('names an edited event', async () => {
    await freshChain(5);
    await AuditEventModel.collection.updateOne({ _id: '000000000003' } as never, { $set: { actor: 'someone-else' } });
    expect(await verifyChain()).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('edited') });
  });

  it('names a deleted event, in the middle and at the end', async () => {
    await freshChain(5);
    await AuditEventModel.collection.deleteOne({ _id: '000000000002' } as never);
    expect(await verifyChain()).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('event 2 is missing') });
    await freshChain(5);
    await AuditEventModel.collection.deleteOne({ _id: '000000000005' } as never);
    expect(await verifyChain()).toMatchObject({ ok: false, seq: 5, reason: expect.stringContaining('newest were deleted') });
  });

  it('offers no way to update or delete through the model', async () => {
    await freshChain(1);
    await expect(AuditEventModel.updateOne({}, { actor: 'x' })).rejects.toThrow('append-only');
    await expect(AuditEventModel.deleteMany({})).rejects.toThrow('append-only');
  });

  it('fails closed: when the store cannot be written the access is refused', async () => {
    const recorder = auditRecorder(identity('411221-SCJ'), async () => {
      throw new Error('store down');
    });
    await expect(recorder.record({ action: 'READ', resourceType: 'X', resourceIds: ['1'], outcome: 'ALLOWED' })).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE' },
    });
  });

  it('batches the events of one request into one append', async () => {
    const batches: number[] = [];
    const recorder = auditRecorder(identity('411221-SCJ'), async (events) => {
      batches.push(events.length);
      await appendToChain(events);
    });
    await Promise.all([1, 2, 3].map((n) => recorder.record({ action: 'READ', resourceType: 'X', resourceIds: [String(n)], outcome: 'ALLOWED' })));
    expect(batches).toEqual([3]);
  });
});

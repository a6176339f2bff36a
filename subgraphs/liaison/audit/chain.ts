import { chainHash, GENESIS_HASH, type AuditEventInput } from '../../../lib/audit';
import { AuditAnchorModel, AuditEventModel, type AuditEventDoc } from '../models';
import { isDuplicateKey } from '../../../lib/errors';

const ANCHOR = 'head';
const pad = (seq: number) => String(seq).padStart(12, '0');

let queue: Promise<unknown> = Promise.resolve();

/**
 * Appends events to the hash chain, in order. Each event is one insert whose `_id` is its sequence
 * number, so concurrent writers (other liaison instances) cannot both take seq n: the loser re-reads
 * the head and retries. Within this process appends are queued.
 */
export function appendToChain(events: AuditEventInput[]): Promise<AuditEventDoc[]> {
  const run = queue.then(() => appendNow(events));
  queue = run.catch(() => undefined);
  return run;
}

// The head is read from the anchor (one lookup by _id: constant time however long the chain, where
// a sort on an embedded server without secondary indexes would scan it). If the anchor lags — another writer, or a crash between an insert
// and the anchor update — the duplicate key on insert says so and the writer steps forward by _id.
async function head(): Promise<{ seq: number; hash: string }> {
  const anchor = await AuditAnchorModel.findById(ANCHOR).lean();
  return anchor ? { seq: anchor.seq, hash: anchor.hash } : { seq: 0, hash: GENESIS_HASH };
}

async function eventAt(seq: number): Promise<{ seq: number; hash: string }> {
  const e = await AuditEventModel.findById(pad(seq), { seq: 1, hash: 1 }).lean();
  if (!e) throw new Error(`audit event ${seq} vanished while appending`);
  return { seq: e.seq, hash: e.hash };
}

async function appendNow(events: AuditEventInput[]): Promise<AuditEventDoc[]> {
  const stored: AuditEventDoc[] = [];
  let tip = await head();
  for (const event of events) {
    for (let attempt = 0; ; attempt++) {
      const seq = tip.seq + 1;
      const doc: AuditEventDoc = { ...event, _id: pad(seq), seq, prevHash: tip.hash, hash: chainHash({ ...event, seq }, tip.hash) };
      try {
        await AuditEventModel.collection.insertOne(doc as never); // validated by the GraphQL input; raw insert keeps it exact
        stored.push(doc);
        tip = { seq, hash: doc.hash };
        break;
      } catch (e) {
        if (!isDuplicateKey(e) || attempt >= 10_000) throw e;
        tip = await eventAt(seq); // seq is taken: continue after it
      }
    }
  }
  if (stored.length) {
    const last = stored[stored.length - 1];
    try {
      await AuditAnchorModel.updateOne({ _id: ANCHOR, seq: { $lt: last.seq } }, { $set: { seq: last.seq, hash: last.hash } }, { upsert: true });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // another writer moved the anchor further already
    }
  }
  return stored;
}

/** The result of a verification: ok, or the first broken event and why. */
export type Verification =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; seq: number; id: string; reason: string };

/** Recomputes the whole chain; names the first event that was altered, removed or reordered. */
export async function verifyChain(): Promise<Verification> {
  let expected = 1;
  let prev = GENESIS_HASH;
  const cursor = AuditEventModel.collection.find({}).sort({ _id: 1 });
  for await (const raw of cursor) {
    const e = raw as unknown as AuditEventDoc;
    const broken = (reason: string): Verification => ({ ok: false, events: expected - 1, seq: e.seq ?? expected, id: String(e._id), reason });
    if (e.seq !== expected || e._id !== pad(expected)) return broken(`event ${expected} is missing (next found: ${e.seq})`);
    if (e.prevHash !== prev) return broken('its previous-hash does not match the event before it');
    if (chainHash({ ...e, at: new Date(e.at) }, prev) !== e.hash) return broken('its content does not match its hash (edited)');
    prev = e.hash;
    expected += 1;
  }
  const anchor = await AuditAnchorModel.findById(ANCHOR).lean();
  if (anchor && anchor.seq > expected - 1) {
    return { ok: false, events: expected - 1, seq: expected, id: pad(expected), reason: `events ${expected}–${anchor.seq} are missing (the newest were deleted)` };
  }
  if (anchor && anchor.seq === expected - 1 && anchor.hash !== prev) {
    return { ok: false, events: expected - 1, seq: anchor.seq, id: pad(anchor.seq), reason: 'the newest event does not match the anchor' };
  }
  return { ok: true, events: expected - 1, headHash: prev };
}

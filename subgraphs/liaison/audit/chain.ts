import { chainHash, GENESIS_HASH, type AuditEventInput } from '../../../lib/audit';
import { AuditAnchorModel, AuditEventModel, type AuditEventDoc } from '../models';
import { isDuplicateKey } from '../../../lib/errors';

const ANCHOR = 'head';
const pad = (seq: number) => String(seq).padStart(12, '0');

/** The newest event of the chain: what the next event links to. */
interface ChainTip {
  seq: number;
  hash: string;
}

interface Waiting {
  events: AuditEventInput[];
  resolve: (stored: AuditEventDoc[]) => void;
  reject: (e: unknown) => void;
}
let waiting: Waiting[] = [];
let flushing = false;

/**
 * Appends events to the hash chain, in order, resolving once they are stored. Group commit: appends that
 * arrive while one is being written wait and are then written together (one insert of all their events and
 * one anchor update), so throughput grows with load while every event keeps its own link and hash.
 * Each event's `_id` is its sequence number, so concurrent writers (other liaison instances) cannot both
 * take seq n: the loser steps forward and chains its events after the other's.
 */
export function appendToChain(events: AuditEventInput[]): Promise<AuditEventDoc[]> {
  return new Promise((resolve, reject) => {
    waiting.push({ events, resolve, reject });
    if (!flushing) void flush();
  });
}

async function flush(): Promise<void> {
  flushing = true;
  while (waiting.length) {
    const group = waiting;
    waiting = [];
    try {
      const stored = await appendNow(group.flatMap((w) => w.events));
      let at = 0;
      for (const w of group) {
        w.resolve(stored.slice(at, at + w.events.length));
        at += w.events.length;
      }
    } catch (e) {
      for (const w of group) w.reject(e);
    }
  }
  flushing = false;
}

// The head is read from the anchor (one lookup by _id: constant time however long the chain, where
// a sort on an embedded server without secondary indexes would scan it). If the anchor lags — another writer,
// or a crash between an insert and the anchor update — the duplicate key on insert says so and the writer
// steps forward to the newest stored event.
async function head(): Promise<ChainTip> {
  const anchor = await AuditAnchorModel.findById(ANCHOR).lean();
  return anchor ? { seq: anchor.seq, hash: anchor.hash } : { seq: 0, hash: GENESIS_HASH };
}

async function newestFrom(seq: number): Promise<ChainTip> {
  const [e] = await AuditEventModel.find({ _id: { $gte: pad(seq) } }, { seq: 1, hash: 1 }).sort({ _id: -1 }).limit(1).lean();
  if (!e) throw new Error(`audit event ${seq} vanished while appending`);
  return { seq: e.seq, hash: e.hash };
}

function chained(tip: ChainTip, events: AuditEventInput[]): AuditEventDoc[] {
  const docs: AuditEventDoc[] = [];
  let prev = tip;
  for (const event of events) {
    const seq = prev.seq + 1;
    const doc: AuditEventDoc = { ...event, _id: pad(seq), seq, prevHash: prev.hash, hash: chainHash({ ...event, seq }, prev.hash) };
    docs.push(doc);
    prev = { seq, hash: doc.hash };
  }
  return docs;
}

async function appendNow(events: AuditEventInput[]): Promise<AuditEventDoc[]> {
  const stored: AuditEventDoc[] = [];
  let tip = await head();
  let rest = events;
  for (let attempt = 0; rest.length; attempt++) {
    const docs = chained(tip, rest);
    try {
      // Validated by the GraphQL input; a raw ordered insert keeps each event exact and stops at a taken seq.
      await AuditEventModel.collection.insertMany(docs as never[], { ordered: true });
      stored.push(...docs);
      break;
    } catch (e) {
      if (!isDuplicateKey(e) || attempt >= 1_000) throw e;
      const failedAt = (e as { writeErrors?: { index: number }[] }).writeErrors?.[0]?.index ?? 0;
      stored.push(...docs.slice(0, failedAt));
      rest = rest.slice(failedAt);
      tip = await newestFrom(docs[failedAt].seq); // seq is taken: continue after the newest event
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

/**
 * Recomputes the whole chain; names the first event that was altered, removed or reordered. The anchor is read
 * first: writers move it only after their events are stored, so every event up to it must be there, and events
 * appended while the walk runs are simply verified too (or not reached), never mistaken for a deletion.
 */
export async function verifyChain(): Promise<Verification> {
  const anchor = await AuditAnchorModel.findById(ANCHOR).lean();
  let expected = 1;
  let prev = GENESIS_HASH;
  const cursor = AuditEventModel.collection.find({}).sort({ _id: 1 });
  for await (const raw of cursor) {
    const e = raw as unknown as AuditEventDoc;
    const broken = (reason: string): Verification => ({ ok: false, events: expected - 1, seq: e.seq ?? expected, id: String(e._id), reason });
    if (e.seq !== expected || e._id !== pad(expected)) return broken(`event ${expected} is missing (next found: ${e.seq})`);
    if (e.prevHash !== prev) return broken('its previous-hash does not match the event before it');
    if (chainHash({ ...e, at: new Date(e.at) }, prev) !== e.hash) return broken('its content does not match its hash (edited)');
    if (anchor && e.seq === anchor.seq && e.hash !== anchor.hash) return broken('the event the anchor names does not match the anchor');
    prev = e.hash;
    expected += 1;
  }
  if (anchor && anchor.seq > expected - 1) {
    return { ok: false, events: expected - 1, seq: expected, id: pad(expected), reason: `events ${expected}–${anchor.seq} are missing (the newest were deleted)` };
  }
  return { ok: true, events: expected - 1, headHash: prev };
}

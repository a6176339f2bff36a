import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

// A fingerprint of everything stored on the test database server: per database and collection, the number
// of documents and a SHA-256 over the documents in canonical Extended JSON (types kept: a string id and an
// ObjectId differ), sorted, so that any insert, update or delete changes it.

const EJSON = mongoose.mongo.BSON.EJSON;

/** Databases of the server itself, never the hub's. */
const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);

/**
 * Collections that legitimately change while the hub answers requests that store nothing, each with why.
 * `prefix`: only appended to; the documents already there are compared by `key` ≤ the largest key before
 * (they must not change), the rest are counted as appended. `skip`: not fingerprinted at all.
 */
export interface LogCollection {
  /** `<database suffix>.<collection>`, the database without DB_PREFIX (e.g. `liaison.auditevents`). */
  name: string;
  mode: 'prefix' | 'skip';
  /** Field that orders an append-only log (mode `prefix`). */
  key?: string;
  why: string;
}

export interface CollectionPrint {
  count: number;
  hash: string;
  /** For append-only logs: the largest key before, and how many documents came after it. */
  appended?: number;
  lastKey?: unknown;
  /** Each document in canonical Extended JSON by its _id, to name what changed. */
  docs: Map<string, string>;
}

export type Fingerprint = Map<string, CollectionPrint>;

function hashDocs(docs: Record<string, unknown>[]): { hash: string; docs: Map<string, string> } {
  const lines = docs.map((d) => EJSON.stringify(d, { relaxed: false })).sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  const each = new Map(docs.map((d) => [EJSON.stringify(d._id, { relaxed: false }), EJSON.stringify(d, { relaxed: false })]));
  return { hash: h.digest('hex'), docs: each };
}

/** The hub's part of a database name: `test_liaison` → `liaison` with DB_PREFIX `test`. */
function suffix(db: string, prefix: string): string {
  return db.startsWith(`${prefix}_`) ? db.slice(prefix.length + 1) : db;
}

/**
 * Fingerprints every database on the server of the mongoose connection. `logs` name the collections that
 * are append-only (`prefix`) or skipped; `before`, when given, supplies each log's last key of the first print,
 * so the second print hashes exactly the documents that existed then. `skipped` collects the collections left out.
 */
export async function fingerprint(logs: readonly LogCollection[], before?: Fingerprint, skipped?: Set<string>): Promise<Fingerprint> {
  const client = mongoose.connection.getClient();
  const prefix = process.env.DB_PREFIX ?? 'hub';
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  const out: Fingerprint = new Map();
  for (const { name: dbName } of [...databases].sort((a, b) => a.name.localeCompare(b.name))) {
    if (SYSTEM_DATABASES.has(dbName)) continue;
    const db = client.db(dbName);
    const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.')).sort();
    for (const coll of collections) {
      const name = `${suffix(dbName, prefix)}.${coll}`;
      const log = logs.find((l) => l.name === name);
      if (log?.mode === 'skip') {
        skipped?.add(`${dbName}.${coll}`);
        continue;
      }
      const docs = (await db.collection(coll).find({}).toArray()) as Record<string, unknown>[];
      const key = `${dbName}.${coll}`;
      if (log?.mode === 'prefix' && log.key) {
        const field = log.key;
        // the first print keeps everything and notes the newest key (null: the log was empty); the second keeps
        // what is not newer than that
        const first = !before;
        const lastKey = first ? undefined : (before.get(key)?.lastKey ?? null);
        const kept = first ? docs : docs.filter((d) => lastKey !== null && (d[field] as number | string) <= (lastKey as number | string));
        const newest = kept.reduce<unknown>((m, d) => (m === null || (d[field] as number) > (m as number) ? d[field] : m), null);
        out.set(key, { count: kept.length, ...hashDocs(kept), appended: docs.length - kept.length, lastKey: first ? newest : lastKey });
      } else {
        out.set(key, { count: docs.length, ...hashDocs(docs) });
      }
    }
  }
  return out;
}

/** What differs between two prints: collections added, removed, or with another count or hash. */
export function diffFingerprints(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w) out.push(`${k}: gone (had ${v.count} documents)`);
    else if (v.count !== w.count || v.hash !== w.hash) {
      const changed = [...v.docs].filter(([id, h]) => w.docs.get(id) !== h).map(([id]) => id);
      const added = [...w.docs.keys()].filter((id) => !v.docs.has(id));
      const names = (ids: string[]) => `${ids.slice(0, 5).join(' ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
      out.push(`${k}: ${v.count} → ${w.count} documents${changed.length ? `; changed or gone: ${names(changed)}` : ''}${added.length ? `; new: ${names(added)}` : ''}`);
      for (const id of changed.slice(0, 3)) if (w.docs.has(id)) out.push(`  ${id}: ${fieldChanges(v.docs.get(id)!, w.docs.get(id)!)}`);
    }
  }
  for (const [k, w] of b) if (!a.has(k)) out.push(`${k}: new collection with ${w.count} documents`);
  return out;
}

/** The top-level fields that differ between two versions of a document, with both values (clipped). */
function fieldChanges(a: string, b: string): string {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const clip = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  return [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .map((k) => `${k}: ${clip(x[k])} → ${clip(y[k])}`)
    .join('; ');
}

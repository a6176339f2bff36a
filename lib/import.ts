import { GraphQLError } from 'graphql';
import type { Model } from 'mongoose';
import { requireWriterOf } from './access';
import type { AuditRecorder } from './audit';
import { badInput, conflict, isDuplicateKey, translateWriteError } from './errors';
import type { Identity } from './identity';
import type { Logger } from './logger';
import { writeVersioned } from './versioned';
import type { StatusChange } from './workflow/machine';

/** What an import did (or, dry, would do) with one row (docs/exchange.md). */
export type ImportOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED' | 'DUPLICATE';
export interface ImportProblem {
  field: string;
  message: string;
}
export interface ImportRowResult {
  index: number;
  key: string | null;
  outcome: ImportOutcome;
  id: string | null;
  problems: ImportProblem[];
}
export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rows: ImportRowResult[];
}

export interface ImportContext {
  identity: Identity;
  audit: AuditRecorder;
  log: Logger;
}

/** Rows one import call takes: a batch answers within the gateway's timeout and under its body limit. */
export const MAX_IMPORT_ROWS = 1000;

type Stored = { _id: string; version: number; status?: string };

/**
 * How rows of one record type enter the hub, idempotent by the record's natural key (case number, ticket
 * number). New records are validated as their create mutation validates them (`build` shares its checks);
 * a changed row updates the stored record (with a history entry when its model keeps one); an unchanged row
 * writes nothing.
 */
export interface ImportSpec<Row, New, Doc extends Stored> {
  /** The audit name of the record type, e.g. ENFORCEMENT_CASE. */
  resourceType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model with string ids
  model: Model<any>;
  /** The row field that holds the natural key. */
  keyField: keyof Row & string;
  /** The stored records with these keys (any agency: a key taken by another agency is refused, not duplicated). */
  existing(ctx: ImportContext, keys: string[]): Promise<Map<string, Doc>>;
  /** A new record from a row, with the create mutation's checks and access rule (throws BAD_USER_INPUT/FORBIDDEN). */
  build(ctx: ImportContext, row: Row): Promise<New> | New;
  /**
   * The fields a row changes on its stored record ({} when none), after the update mutation's access rule and
   * checks; throws BAD_USER_INPUT naming a field that import may not change.
   */
  changes(ctx: ImportContext, doc: Doc, row: Row): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The row's key as stored, when it is not keyField as typed (trimmed), e.g. a normalised number; null when none. */
  key?(row: Row): string | null;
  /** The key as the row's result reports it (default: the key), e.g. a masked 身份证号, never the number. */
  reportKey?(key: string): string;
  /**
   * Whether the caller may not know of this stored record (a sealed person): its row is then answered as a new
   * record's would be (build's checks, CREATED, the id build gives) and nothing is written.
   */
  unseen?(ctx: ImportContext, doc: Doc): Promise<boolean> | boolean;
}

/** A clerk's problem with one row, from the error a check threw; anything else is a fault and goes on up. */
function problemOf(e: unknown, fallbackField: string): ImportProblem {
  if (!(e instanceof GraphQLError)) throw e;
  const code = e.extensions?.code;
  if (code !== 'BAD_USER_INPUT' && code !== 'FORBIDDEN' && code !== 'CONFLICT') throw e;
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : fallbackField;
  const reason = typeof e.extensions?.reason === 'string' ? e.extensions.reason : e.message;
  return { field, message: reason };
}

const keyOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Refuses a call with more rows than MAX_IMPORT_ROWS, before anything is read or written. */
export function checkRowCount(rows: readonly unknown[]): void {
  if (rows.length > MAX_IMPORT_ROWS) throw badInput('rows', `at most ${MAX_IMPORT_ROWS} rows per call; send the file in batches (npm run import does)`);
}

/**
 * Runs one batch of rows: every row answered, a bad row never stopping or partly writing the good ones.
 * New records go in with one unordered insertMany; a key another writer took meanwhile is that row's problem.
 * Audit: the mutation's own write events (lib/audit-writes.ts) plus one domain event per kind of change.
 * `positions`: the rows' places in the batch sent, when it was split between record types (joinReports).
 */
export async function runImport<Row, New extends object, Doc extends Stored>(
  ctx: ImportContext,
  spec: ImportSpec<Row, New, Doc>,
  rows: readonly Row[],
  dryRun: boolean,
  positions?: readonly number[],
): Promise<ImportReport> {
  checkRowCount(rows);
  const keys = rows.map((row) => (spec.key ? spec.key(row) : keyOf(row[spec.keyField])) || null);
  const results: ImportRowResult[] = keys.map((key, i) => ({
    index: positions?.[i] ?? i, key: key && (spec.reportKey?.(key) ?? key), outcome: 'UNCHANGED', id: null, problems: [],
  }));
  const firstIndexOf = new Map<string, number>();
  results.forEach((r, i) => {
    const key = keys[i];
    if (!key) return;
    const first = firstIndexOf.get(key);
    if (first === undefined) firstIndexOf.set(key, r.index);
    else Object.assign(r, { outcome: 'DUPLICATE', problems: [{ field: spec.keyField, message: `the same ${spec.keyField} as row ${first + 1} of this batch; only the first is imported` }] });
  });
  const stored = await spec.existing(ctx, [...firstIndexOf.keys()]);

  const fresh: { result: ImportRowResult; doc: New }[] = [];
  const updates: { result: ImportRowResult; doc: Doc; set: Record<string, unknown> }[] = [];
  for (const [i, result] of results.entries()) {
    if (result.outcome === 'DUPLICATE') continue;
    const row = rows[i];
    const key = keys[i];
    const doc = key ? stored.get(key) : undefined;
    try {
      const unseen = !!doc && !!(await spec.unseen?.(ctx, doc));
      if (!doc || unseen) {
        // The model's own rules too (enums, lengths), as a create's save would apply them, row by row.
        const record = new spec.model(await spec.build(ctx, row));
        await record.validate().catch(translateWriteError);
        if (!unseen) fresh.push({ result, doc: record.toObject() as New });
        result.id = String(record._id); // the id it gets (or, dry, would get): a person's id is the same either way
        result.outcome = 'CREATED';
        continue;
      }
      result.id = doc._id;
      const set = await spec.changes(ctx, doc, row);
      if (Object.keys(set).length) {
        updates.push({ result, doc, set });
        result.outcome = 'UPDATED';
      }
    } catch (e) {
      Object.assign(result, { outcome: 'REJECTED', id: null, problems: [problemOf(e, spec.keyField)] });
    }
  }

  if (!dryRun) {
    await insertFresh(ctx, spec, fresh);
    await applyUpdates(ctx, spec, updates);
  }
  const count = (o: ImportOutcome) => results.filter((r) => r.outcome === o).length;
  return {
    dryRun,
    created: count('CREATED'),
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    rejected: count('REJECTED') + count('DUPLICATE'),
    rows: results,
  };
}

/** Where a batch is written: what insertFresh and applyUpdates need of a spec. */
type Target = { resourceType: string; model: Model<any>; keyField: string }; // eslint-disable-line @typescript-eslint/no-explicit-any -- any model

async function insertFresh<New extends object>(
  ctx: ImportContext,
  spec: Target,
  fresh: { result: ImportRowResult; doc: New }[],
): Promise<void> {
  if (!fresh.length) return;
  const failed = new Map<number, unknown>();
  try {
    await spec.model.insertMany(fresh.map((f) => f.doc), { ordered: false, lean: true });
  } catch (e) {
    // An unordered insertMany stores every document it can and names the ones it could not.
    const writeErrors = (e as { writeErrors?: { index?: number; err?: { index?: number; code?: number }; code?: number }[] }).writeErrors;
    if (!writeErrors) throw e;
    for (const w of writeErrors) failed.set(w.index ?? w.err?.index ?? -1, w.err ?? w);
  }
  const created: string[] = [];
  fresh.forEach(({ result }, i) => {
    const err = failed.get(i);
    if (err === undefined) created.push(result.id!);
    else {
      const message = isDuplicateKey(err) ? `was stored by another import or clerk meanwhile; import the file again to compare` : 'could not be stored; import the file again';
      Object.assign(result, { outcome: 'REJECTED', id: null, problems: [{ field: spec.keyField, message }] });
    }
  });
  if (created.length) await ctx.audit.record({ action: 'WRITE', resourceType: spec.resourceType, resourceIds: created, outcome: 'ALLOWED', purpose: 'import: new' });
}

async function applyUpdates(
  ctx: ImportContext,
  spec: Target,
  updates: { result: ImportRowResult; doc: Stored; set: Record<string, unknown> }[],
): Promise<void> {
  // Workflow records keep a history: an import's update is an entry there too, naming the fields it changed.
  const keepsHistory = !!spec.model.schema.path('history');
  const updated: string[] = [];
  for (const { result, doc, set } of updates) {
    const entry: StatusChange = {
      at: new Date(), actor: ctx.identity.userId, agency: ctx.identity.agency,
      from: doc.status ?? null, to: (set.status as string | undefined) ?? doc.status ?? '', note: `导入更新 imported: ${Object.keys(set).join(', ')}`,
    };
    try {
      await writeVersioned(spec.model, { _id: doc._id, version: doc.version }, { $set: set, ...(keepsHistory ? { $push: { history: entry } } : {}) }, async () => {
        throw conflict('the record was changed by someone else meanwhile; import the file again');
      });
      updated.push(doc._id);
    } catch (e) {
      Object.assign(result, { outcome: 'REJECTED', problems: [problemOf(e, spec.keyField)] });
    }
  }
  if (updated.length) await ctx.audit.record({ action: 'WRITE', resourceType: spec.resourceType, resourceIds: updated, outcome: 'ALLOWED', purpose: 'import: update' });
}

/** One report of a batch that was split between record types, each part run with its rows' positions. */
export function joinReports(dryRun: boolean, ...reports: ImportReport[]): ImportReport {
  const sum = (k: 'created' | 'updated' | 'unchanged' | 'rejected') => reports.reduce((n, r) => n + r[k], 0);
  const rows = reports.flatMap((r) => r.rows).sort((a, b) => a.index - b.index);
  return { dryRun, created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), rejected: sum('rejected'), rows };
}

/** Stored records by natural key, one query for the batch. */
export async function byKey<Doc extends Stored>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model with string ids
  field: string,
  keys: string[],
): Promise<Map<string, Doc>> {
  if (!keys.length) return new Map();
  const docs = (await model.find({ [field]: { $in: keys } }).lean()) as Doc[];
  return new Map(docs.map((d) => [String((d as Record<string, unknown>)[field]), d]));
}

/**
 * A stored record under a row's key must be the importing agency's (the row's agencyCode, else the caller's) and one
 * the caller may write: another agency's number is refused on the key, never overwritten. `what` names it ("a case").
 */
export function requireOwnRecord(identity: Identity, owner: string, rowAgency: string | null | undefined, keyField: string, what: string): void {
  if (owner !== (rowAgency ?? identity.agency)) throw badInput(keyField, `is the number of ${what} of another agency; check the number`);
  requireWriterOf(identity, owner);
}

/**
 * Refuses a row that would change what import does not change (the party, the filing date): the ledger and the hub
 * disagree, and a clerk must say which is right. Undefined values are not compared.
 */
export function unchangeable(doc: object, fields: Record<string, unknown>): void {
  const [field] = Object.keys(differing(doc, fields));
  if (field) {
    const stored = (doc as Record<string, unknown>)[field];
    const empty = stored == null || (Array.isArray(stored) && !stored.length);
    const shown = empty ? '(empty)' : stored instanceof Date ? stored.toISOString().slice(0, 10) : String(stored);
    // Person ids (personId, personIds, victimIds, applicantId, petitionerId, callerId) are not shown back: the hub names no one in a message.
    const person = /^(person|victim|applicant|petitioner|caller)Ids?$/.test(field);
    throw badInput(field, `differs from the record in the hub (${person && !empty ? 'another person' : shown}); import does not change it: correct the ledger, or correct the record in the hub`);
  }
}

/** The fields of `next` whose values differ from `doc`'s (dates by time, objects by JSON). */
export function differing(doc: object, next: Record<string, unknown>): Record<string, unknown> {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date || b instanceof Date
      ? (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.()
      : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== undefined && !same((doc as Record<string, unknown>)[k], v)));
}

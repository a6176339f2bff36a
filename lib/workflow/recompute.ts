import { isDeepStrictEqual } from 'node:util';
import type { AnyBulkWriteOperation } from 'mongoose';
import type { Versioned } from './transition';

/** What `recomputeDerived` needs of a workflow (its definition's model and derive). */
interface Recomputable {
  definition: {
    resourceType: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow model
    model: import('mongoose').Model<any>;
    derive?: (doc: never) => Record<string, unknown>;
  };
}

export interface RecomputeReport {
  resourceType: string;
  checked: number;
  /** Records whose stored derived fields differed and were rewritten. */
  moved: number;
  /** A few of them: id and the due date before → after (for the log). */
  examples: { id: string; field: string; before: unknown; after: unknown }[];
}

const PAGE = 500;
const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v ?? null);

/**
 * Recomputes every stored derived field (due dates, counterparts) of every record of these workflows from the record
 * itself, as each write does — after the legal calendar or DEADLINE_RULES changed. Idempotent: writes only what
 * differs, and never the version (derived data, not a clerk's change).
 */
export async function recomputeDerived(workflows: readonly Recomputable[]): Promise<RecomputeReport[]> {
  const reports: RecomputeReport[] = [];
  for (const { definition } of workflows) {
    const { model, resourceType } = definition;
    const derive = definition.derive as ((doc: Versioned<string>) => Record<string, unknown>) | undefined;
    const report: RecomputeReport = { resourceType, checked: 0, moved: 0, examples: [] };
    reports.push(report);
    if (!derive) continue;
    let writes: AnyBulkWriteOperation[] = [];
    for await (const doc of model.find().lean().batchSize(PAGE).cursor()) {
      report.checked += 1;
      const derived = derive(doc as Versioned<string>);
      const changed = Object.fromEntries(Object.entries(derived).filter(([k, v]) => !isDeepStrictEqual(comparable(v), comparable((doc as Record<string, unknown>)[k]))));
      if (!Object.keys(changed).length) continue;
      report.moved += 1;
      if (report.examples.length < 5) {
        const field = 'nextDueAt' in changed ? 'nextDueAt' : Object.keys(changed)[0];
        report.examples.push({ id: String(doc._id), field, before: (doc as Record<string, unknown>)[field] ?? null, after: changed[field] ?? null });
      }
      writes.push({ updateOne: { filter: { _id: doc._id }, update: { $set: changed } } });
      if (writes.length >= PAGE) {
        await model.bulkWrite(writes, { ordered: false });
        writes = [];
      }
    }
    if (writes.length) await model.bulkWrite(writes, { ordered: false });
  }
  return reports;
}

import DataLoader from 'dataloader';
import type { Model, PipelineStage } from 'mongoose';
import type { Period } from './period';

// Dashboard aggregates (docs/domain.md#dashboards). Only what MongoDB and the embedded mongo-java-server share is
// used (tests/subgraphs/dashboard-indicators.test.ts runs on the latter): the stages $match, $lookup and $group with
// $sum, and the expressions $cond, $eq/$ne/$lt/$lte/$gt, $and, $in, $ifNull, $arrayElemAt.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model
type AnyModel = Model<any>;

// ── rates ────────────────────────────────────────────────────────────────────────────────────────

/** A rate as the SDL's `Rate`: numerator / denominator, value null when the denominator is 0. */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

/** numerator / denominator rounded to 4 decimals; null when nothing was counted in the denominator. */
export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

// ── periods as buckets ───────────────────────────────────────────────────────────────────────────

/**
 * The periods of one batch cut into elementary intervals: every period's bounds, sorted, make the boundaries, and a
 * period is the union of the intervals between its own bounds. So one query groups every record by interval, and
 * overlapping or distant periods (a year and one of its months, 2023 and 2025) are answered from the same rows.
 */
export class PeriodGrid {
  /** Sorted distinct boundaries; interval i is [bounds[i], bounds[i+1]). */
  readonly bounds: Date[];
  /** The union of the periods as disjoint ranges (what the query reads). */
  readonly ranges: { from: Date; to: Date }[];

  constructor(periods: readonly Period[]) {
    const times = [...new Set(periods.flatMap((p) => [p.from.getTime(), p.to.getTime()]))].sort((a, b) => a - b);
    this.bounds = times.map((t) => new Date(t));
    const sorted = [...periods].sort((a, b) => a.from.getTime() - b.from.getTime());
    this.ranges = [];
    for (const p of sorted) {
      const last = this.ranges[this.ranges.length - 1];
      if (last && p.from <= last.to) {
        if (p.to > last.to) last.to = p.to;
      } else this.ranges.push({ from: p.from, to: p.to });
    }
  }

  /** A $match on `field` inside the periods (and before `until`, when given). */
  match(field: string, until?: Date): Record<string, unknown> {
    const range = (r: { from: Date; to: Date }) => ({ [field]: { $gte: r.from, $lt: until && until < r.to ? until : r.to } });
    const ranges = this.ranges.filter((r) => !until || r.from < until);
    if (ranges.length === 0) return { [field]: { $in: [] } };
    return ranges.length === 1 ? range(ranges[0]) : { $or: ranges.map(range) };
  }

  /** An expression: the interval of `$field` (a balanced tree of $cond, depth log2 of the intervals). */
  bucket(field: string): unknown {
    const tree = (lo: number, hi: number): unknown => {
      if (hi - lo <= 1) return lo;
      const mid = (lo + hi) >> 1;
      return { $cond: [{ $lt: [`$${field}`, this.bounds[mid]] }, tree(lo, mid), tree(mid, hi)] };
    };
    return tree(0, this.bounds.length - 1);
  }

  /** The interval of a date, or -1 outside every period's bounds. */
  indexOf(d: Date): number {
    const t = d.getTime();
    if (this.bounds.length < 2 || t < this.bounds[0].getTime() || t >= this.bounds[this.bounds.length - 1].getTime()) return -1;
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t < this.bounds[mid].getTime()) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  /** The intervals that make up `p`. */
  intervalsOf(p: Period): number[] {
    const first = this.bounds.findIndex((b) => b.getTime() === p.from.getTime());
    const last = this.bounds.findIndex((b) => b.getTime() === p.to.getTime());
    return Array.from({ length: last - first }, (_, i) => first + i);
  }
}

/** One group of a period's records: its keys (null when the record has no value), how many, and the conditional counts. */
export type CountRow<K extends string, W extends string> = { [k in K]: string | null } & { [w in W]: number } & { count: number };

/** One aggregation, counted for several periods at once (see countInPeriods). */
export interface PeriodCount<K extends string, W extends string> {
  /** The date that places a record in a period (e.g. `filedAt`). */
  date: string;
  /** Further conditions on the records. */
  match?: Record<string, unknown>;
  /** Only records dated before this instant (overdue counts: due before now). */
  until?: Date;
  /** Stages between the $match and the $group (e.g. a $lookup of a field kept on another collection). */
  stages?: PipelineStage[];
  /** Group keys: name → expression (e.g. `{ agency: '$agencyCode' }`). */
  by?: Record<K, unknown>;
  /** Conditional counts: name → boolean expression (e.g. `{ sent: { $gt: ['$sentAt', null] } }`). */
  when?: Record<W, unknown>;
}

/**
 * Counts `model`'s records in each of `periods` with ONE aggregate command, whatever the number of periods:
 * $match on the union of the periods, $group by (interval of `date`, keys) with a $sum per conditional count, then
 * the intervals are added up per period here. Returns, per period in order, its rows by distinct keys.
 */
export async function countInPeriods<K extends string = never, W extends string = never>(
  model: AnyModel,
  spec: PeriodCount<K, W>,
  periods: readonly Period[],
): Promise<CountRow<K, W>[][]> {
  if (periods.length === 0) return [];
  const grid = new PeriodGrid(periods);
  const by = (spec.by ?? {}) as Record<string, unknown>;
  const when = (spec.when ?? {}) as Record<string, unknown>;
  const group: Record<string, unknown> = { _id: { ...by, bucket: grid.bucket(spec.date) }, count: { $sum: 1 } };
  for (const [name, cond] of Object.entries(when)) group[name] = { $sum: { $cond: [cond, 1, 0] } };
  const inPeriods = grid.match(spec.date, spec.until);
  const match = spec.match && Object.keys(spec.match).length > 0 ? { $and: [spec.match, inPeriods] } : inPeriods;
  const raw = (await model.aggregate([{ $match: match }, ...(spec.stages ?? []), { $group: group }] as PipelineStage[])) as ({ _id: Record<string, unknown> } & Record<string, number>)[];

  const byInterval = new Map<number, typeof raw>();
  for (const r of raw) {
    const b = Number(r._id.bucket);
    byInterval.set(b, [...(byInterval.get(b) ?? []), r]);
  }
  const keyNames = Object.keys(by);
  const sumNames = ['count', ...Object.keys(when)];
  return periods.map((p) => {
    const rows = new Map<string, Record<string, unknown>>();
    for (const i of grid.intervalsOf(p)) {
      for (const r of byInterval.get(i) ?? []) {
        const keys = keyNames.map((k) => (r._id[k] == null ? null : String(r._id[k])));
        const id = JSON.stringify(keys);
        let row = rows.get(id);
        if (!row) {
          row = Object.fromEntries([...keyNames.map((k, j) => [k, keys[j]]), ...sumNames.map((s) => [s, 0])]) as Record<string, unknown>;
          rows.set(id, row);
        }
        for (const s of sumNames) (row as Record<string, number>)[s] += r[s] ?? 0;
      }
    }
    return [...rows.values()] as CountRow<K, W>[];
  });
}

/** The sum of `field` over rows (the count of records, by default). */
export function total<R extends { count: number }>(rows: readonly R[], field: keyof R & string = 'count'): number {
  return rows.reduce((n, r) => n + (r[field] as unknown as number), 0);
}

/** Sums of `fields` per value of `key`. */
export function tally<R extends { count: number }, F extends keyof R & string>(
  rows: readonly R[],
  key: keyof R & string,
  fields: readonly F[],
): Map<string | null, Record<F, number>> {
  const out = new Map<string | null, Record<F, number>>();
  for (const r of rows) {
    const k = r[key] as unknown as string | null;
    let sums = out.get(k);
    if (!sums) out.set(k, (sums = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>));
    for (const f of fields) sums[f] += r[f] as unknown as number;
  }
  return out;
}

/** `{ status, count }` per value of `key` with a non-zero count, by value (the StatusCount lists). */
export function statusCounts<R extends { count: number }>(rows: readonly R[], key: keyof R & string): { status: string; count: number }[] {
  return [...tally(rows, key, ['count'] as const)]
    .filter(([k, v]) => k !== null && v.count > 0)
    .map(([k, v]) => ({ status: k as string, count: v.count }))
    .sort((a, b) => a.status.localeCompare(b.status));
}

/** The distinct non-null keys of several tallies, sorted: the rows of a breakdown (an agency with any number). */
export function keysOf(...maps: ReadonlyMap<string | null, unknown>[]): string[] {
  return [...new Set(maps.flatMap((m) => [...m.keys()]).filter((k): k is string => k !== null))].sort();
}

// ── one query per indicator for every period of a request ────────────────────────────────────────

const batches = new WeakMap<object, Map<string, DataLoader<Period, unknown, string>>>();

/**
 * A per-request loader of one indicator's query: the periods asked for in one request (a trend's Dashboard
 * entities, aliases) are collected and answered by one call of `batch`, which must return one result per period
 * in order. `ctx` is the request's context (a fresh one per request, so nothing is cached across requests).
 */
export function perPeriod<T>(ctx: object, name: string, batch: (periods: readonly Period[]) => Promise<T[]>): DataLoader<Period, T, string> {
  let loaders = batches.get(ctx);
  if (!loaders) batches.set(ctx, (loaders = new Map()));
  let loader = loaders.get(name) as DataLoader<Period, T, string> | undefined;
  if (!loader) {
    loader = new DataLoader<Period, T, string>((ps) => batch(ps), { cacheKeyFn: (p) => p.period, maxBatchSize: 1000 });
    loaders.set(name, loader as DataLoader<Period, unknown, string>);
  }
  return loader;
}

import DataLoader from 'dataloader';
import type { Model } from 'mongoose';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loaders serve any model; callers type T
type AnyModel = Model<any>;

/** One document per key (by `field`, `_id` by default), in key order; null where none exists. */
export function oneBy<T>(model: AnyModel, field = '_id'): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const docs = (await model.find({ [field]: { $in: [...keys] } }).lean()) as Record<string, unknown>[];
    const byKey = new Map(docs.map((d) => [String(d[field]), d as T]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/**
 * All documents whose `field` equals (or, for array fields, contains) each key, in key order.
 * One query for the whole batch; results are sorted newest first by `_id`.
 */
export function manyBy<T>(model: AnyModel, field: string, extraFilter: object = {}): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const docs = (await model
      .find({ ...extraFilter, [field]: { $in: [...keys] } })
      .sort({ _id: -1 })
      .lean()) as Record<string, unknown>[];
    const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const d of docs) {
      const values = Array.isArray(d[field]) ? (d[field] as unknown[]) : [d[field]];
      for (const v of values) byKey.get(String(v))?.push(d as T);
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

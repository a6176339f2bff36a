import type { Model, UpdateQuery } from 'mongoose';
import { conflict, forbidden, translateWriteError } from './errors';

/**
 * The one versioned write: `update` plus version + 1, applied only if the document still matches
 * `filter` (its id and the version the caller read). A single-document findAndModify is atomic on
 * MongoDB and on mongo-java-server, so of two racers exactly one wins; the loser gets `onStale()`.
 */
export async function writeVersioned<T>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any versioned model
  filter: { _id: string; version: number } & Record<string, unknown>,
  update: UpdateQuery<unknown>,
  onStale: () => Promise<never>,
): Promise<T> {
  let updated: T | null = null;
  try {
    updated = (await model
      .findOneAndUpdate(filter, { ...update, $inc: { version: 1 } }, { returnDocument: 'after', runValidators: true })
      .lean()) as T | null;
  } catch (e) {
    translateWriteError(e);
  }
  return updated ?? onStale();
}

/**
 * Applies `set` to the document only if it is still at `version` (optimistic concurrency): of two
 * clerks racing on one record, exactly one wins and the other gets CONFLICT with the current version.
 */
export function updateVersioned<T>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any versioned model
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<T> {
  return writeVersioned<T>(model, { _id: id, version }, { $set: set }, async () => {
    const current = (await model.findById(id, { version: 1 }).lean()) as { version: number } | null;
    if (!current) throw forbidden();
    throw conflict(`the record was changed by someone else (now version ${current.version}); reload and try again`, {
      currentVersion: current.version,
    });
  });
}

/** Removes undefined values so that an update touches only the fields the caller gave. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

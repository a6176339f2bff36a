import type { QueryFilter, Model } from 'mongoose';
import { badInput } from './errors';

/** Relay page info. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A Relay-style connection. `totalCount` is lazy: it costs a count only when a query asks for it. */
export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

type Scalar = string | number | Date | null;

function encode(value: Scalar, id: string): string {
  const v = value instanceof Date ? { d: value.toISOString() } : value;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

const notACursor = () => badInput('after', 'is not a cursor returned by this list; start again without it');

/** Longest record id a cursor may carry (ids are ObjectId hex or short codes; as lib/federation.ts entityKey). */
const MAX_CURSOR_ID = 200;

/**
 * Reads a cursor back. A cursor is client input: anything but the exact shape `encode` writes (a real date, a
 * finite number, a string or null, then a short id) is refused here, so no forged value reaches a filter.
 */
function decode(cursor: string): [Scalar, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw notACursor();
  const [v, id] = parsed as [unknown, unknown];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CURSOR_ID) throw notACursor();
  if (v === null || typeof v === 'string') return [v, id];
  if (typeof v === 'number' && Number.isFinite(v)) return [v, id];
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { d?: unknown }).d === 'string') {
    const date = new Date((v as { d: string }).d);
    if (!Number.isNaN(date.getTime())) return [date, id];
  }
  throw notACursor();
}

/**
 * True when a cursor's sort value has the type of the sort field (a date for a Date path, …), so a forged
 * cursor cannot make the database cast it: a cast failure would be an internal error, not the caller's.
 */
function fitsSortField(model: Model<any>, sortField: string, value: Scalar): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any -- any model
  if (value === null || sortField === '_id') return true;
  const kind = (model.schema.path(sortField) as { instance?: string } | undefined)?.instance;
  if (kind === 'Date') return value instanceof Date;
  if (kind === 'Number') return typeof value === 'number';
  if (kind === 'String') return typeof value === 'string';
  return true;
}

/**
 * Keyset pagination, newest first on `sortField` then `_id`, so a page costs one indexed query
 * however deep the caller goes. Declare an index `{ [sortField]: -1, _id: -1 }` (after the filter keys).
 */
export async function paginate<T extends { _id: string }>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model with string ids
  filter: QueryFilter<unknown>,
  args: PageArgs,
  sortField = '_id',
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE;
  if (first < 0 || first > MAX_PAGE) throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
  let pageFilter = filter;
  if (args.after) {
    const [value, id] = decode(args.after);
    if (!fitsSortField(model, sortField, value)) throw notACursor();
    const after =
      sortField === '_id'
        ? { _id: { $lt: id } }
        : { $or: [{ [sortField]: { $lt: value } }, { [sortField]: value, _id: { $lt: id } }] };
    pageFilter = { $and: [filter, after] };
  }
  const sort = sortField === '_id' ? { _id: -1 as const } : { [sortField]: -1 as const, _id: -1 as const };
  // batchSize = limit: one reply, no getMore or killCursors (one round trip per page on any server).
  const docs = (await model.find(pageFilter).sort(sort).limit(first + 1).batchSize(first + 1).lean()) as T[];
  const nodes = docs.slice(0, first);
  const edges = nodes.map((node) => ({
    node,
    cursor: encode((node as Record<string, unknown>)[sortField] as Scalar, node._id),
  }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: docs.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => model.countDocuments(filter).exec(),
  };
}

/**
 * A connection over a list already loaded in one batch (nested lists such as Person.enforcementCases,
 * where a DataLoader fetched every parent's records in one query). Cursors are the record ids.
 */
export function connectionFromList<T extends { _id: string }>(items: T[], args: PageArgs): Connection<T> {
  const first = args.first ?? DEFAULT_PAGE;
  if (first < 0 || first > MAX_PAGE) throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
  let start = 0;
  if (args.after) {
    const [, id] = decode(args.after);
    start = items.findIndex((i) => i._id === id) + 1;
    if (start === 0) throw badInput('after', 'is not a cursor returned by this list; start again without it');
  }
  const nodes = items.slice(start, start + first);
  const edges = nodes.map((node) => ({ node, cursor: encode(null, node._id) }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => items.length,
  };
}

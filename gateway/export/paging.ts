// Following a connection page after page, so that an export holds every record the caller may see and not only the
// first 100: only when the query says how (it declares `$after`, passes it to exactly one connection and selects
// that connection's pageInfo { hasNextPage endCursor }); the same query is then run again with `after` = endCursor.
import { getNamedType, isCompositeType, Kind, type GraphQLFormattedError } from 'graphql';
import { connectionOf, isList, rootFields, selectedFields, type Operation, type Selected } from './selections';

export interface PagedConnection {
  /** response keys from the data to the connection (through single objects) */
  path: string[];
  /** response keys of its record lists (`nodes`, `edges`): concatenated page after page */
  lists: string[];
  pageInfo: string;
  hasNextPage: string;
  endCursor: string;
}

type Data = Record<string, unknown>;

const passesAfter = (f: Selected) =>
  f.nodes.some((n) => n.arguments?.some((a) => a.name.value === 'after' && a.value.kind === Kind.VARIABLE && a.value.name.value === 'after'));

/** The connection an export pages through, or undefined when the query does not say how (then it is exported as answered). */
export function pagedConnection(op: Operation): PagedConnection | undefined {
  if (!op.operation.variableDefinitions?.some((v) => v.variable.name.value === 'after')) return undefined;
  const found: PagedConnection[] = [];
  const walk = (fields: Selected[], path: string[]) => {
    for (const f of fields) {
      const named = getNamedType(f.def.type);
      if (!isCompositeType(named) || isList(f)) continue;
      if (!connectionOf(named)) {
        walk(selectedFields(op, named, f.sets), [...path, f.key]);
        continue;
      }
      if (!passesAfter(f)) continue;
      const inner = selectedFields(op, named, f.sets);
      const pageInfo = inner.find((s) => s.def.name === 'pageInfo');
      const info = pageInfo ? selectedFields(op, getNamedType(pageInfo.def.type), pageInfo.sets) : [];
      const hasNextPage = info.find((s) => s.def.name === 'hasNextPage');
      const endCursor = info.find((s) => s.def.name === 'endCursor');
      const lists = inner.filter((s) => s.def.name === 'nodes' || s.def.name === 'edges').map((s) => s.key);
      if (pageInfo && hasNextPage && endCursor && lists.length) {
        found.push({ path: [...path, f.key], lists, pageInfo: pageInfo.key, hasNextPage: hasNextPage.key, endCursor: endCursor.key });
      }
    }
  };
  walk(rootFields(op), []);
  return found.length === 1 ? found[0] : undefined;
}

function connectionIn(data: Data | null | undefined, c: PagedConnection): Data | null {
  let v: unknown = data;
  for (const key of c.path) v = v && typeof v === 'object' ? (v as Data)[key] : null;
  return v && typeof v === 'object' ? (v as Data) : null;
}

/** Where the connection stands in `data`: the records so far, and the cursor of the next page when there is one. */
export function pageState(data: Data | null | undefined, c: PagedConnection): { rows: number; next: string | null } {
  const conn = connectionIn(data, c);
  const rows = Array.isArray(conn?.[c.lists[0]]) ? (conn![c.lists[0]] as unknown[]).length : 0;
  const info = conn?.[c.pageInfo] as Data | null | undefined;
  const next = info?.[c.hasNextPage] === true && typeof info[c.endCursor] === 'string' ? (info[c.endCursor] as string) : null;
  return { rows, next };
}

/** Appends the records of `page` to those of `into` (and takes its pageInfo); false when the page has no connection. */
export function appendPage(into: Data, page: Data | null | undefined, c: PagedConnection): boolean {
  const target = connectionIn(into, c);
  const source = connectionIn(page, c);
  if (!target || !source) return false;
  for (const key of c.lists) target[key] = [...((target[key] as unknown[]) ?? []), ...((source[key] as unknown[]) ?? [])];
  target[c.pageInfo] = source[c.pageInfo];
  return true;
}

/** An error of a later page, its path pointing into the merged list (index + the records before that page). */
export function shiftedError(e: GraphQLFormattedError, c: PagedConnection, offset: number): GraphQLFormattedError {
  const path = e.path;
  const n = c.path.length;
  if (!path || path.length <= n + 1 || !c.path.every((k, i) => path[i] === k) || !c.lists.includes(String(path[n])) || typeof path[n + 1] !== 'number') return e;
  return { ...e, path: [...path.slice(0, n + 1), (path[n + 1] as number) + offset, ...path.slice(n + 2)] };
}

// A query's answer as spreadsheets: the operation's own selections, read with the schema, say which lists become
// sheets, which fields become columns and what each column is called (the Chinese label of the field's description).
//
//   - every connection (`nodes` or `edges { node }`) and every list of objects that is not inside a record is a sheet of
//     its records, named by its field's label; a single object at the root is a one-row sheet (its own lists are sheets);
//   - a record's columns are its leaf fields in selection order; a nested object adds its fields as `对象·字段` columns;
//     a list of scalars is one cell joined with 、; a list of objects or a connection inside a record (its history,
//     its transfers) is one cell of compact text, `a b; a b`, not a sheet of its own: a sheet stays one row per record;
//   - enum values are written as their label, DateTime as dates, booleans as 是/否; pageInfo, totalCount, cursor
//     and __typename are left out.
// The shape depends on the operation only, never on the data: an empty answer gives the same sheets (route.ts asks
// how many sheets a query makes before it runs it).
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isLeafType,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { chinaDateText, type CellValue, type Sheet } from '../../lib/sheets';
import { labelOf } from '../../lib/labels';
import { connectionOf, isList, operationOf, rootFields, selectedFields, type Operation, type Selected } from './selections';

type Row = Record<string, unknown> | null | undefined;

interface Column {
  header: string;
  /** response keys from the row to the value, for telling apart two columns with the same label */
  path: string;
  value: (row: Row) => CellValue;
}

/** Fields of connections and edges that describe the page, not a record. */
const SKIPPED = new Set(['pageInfo', 'totalCount', 'cursor']);

/** A field's label: its own description's, else its type's (an enum or object type, e.g. 执法领域), else its response key. */
function labelFor(f: Selected, type: GraphQLNamedType = getNamedType(f.def.type)): string {
  return labelOf(f.def.description) ?? (isLeafType(type) && !isEnumType(type) ? undefined : labelOf(type.description)) ?? f.key;
}

const child = (row: Row, key: string): Row => (row && typeof row === 'object' ? (row[key] as Row) : null);
const field = (row: Row, key: string): unknown => (row && typeof row === 'object' ? row[key] : undefined);

// ─── cells ───────────────────────────────────────────────────────────────────────────────────────
const DATE_SCALARS = new Set(['DateTime', 'Date']);

/** A scalar or enum value as a cell: enum values by their label, dates as Date, booleans as 是/否. */
function leafCell(type: GraphQLNamedType, v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (isEnumType(type)) return labelOf(type.getValue(String(v))?.description) ?? String(v);
  if (DATE_SCALARS.has(type.name) && typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

function leafText(type: GraphQLNamedType, v: unknown): string {
  const cell = leafCell(type, v);
  return cell === null ? '' : cell instanceof Date ? chinaDateText(cell) : String(cell);
}

// ─── records inside a record: compact text ───────────────────────────────────────────────────────
/** The records a connection or list value holds, with the node type and the selection sets on it. */
function recordsOf(op: Operation, f: Selected, value: unknown): { type: GraphQLNamedType; sets: SelectionSetNode[]; rows: Row[] } {
  const named = getNamedType(f.def.type);
  const conn = connectionOf(named);
  if (!conn) return { type: named, sets: f.sets, rows: Array.isArray(value) ? value : [] };
  const inner = selectedFields(op, named, f.sets);
  const nodes = inner.find((s) => s.def.name === 'nodes');
  if (nodes) return { type: conn.node, sets: nodes.sets, rows: asArray(field(value as Row, nodes.key)) };
  const edges = inner.find((s) => s.def.name === 'edges');
  const edgeType = edges && getNamedType(edges.def.type);
  const node = edges && edgeType ? selectedFields(op, edgeType, edges.sets).find((s) => s.def.name === 'node') : undefined;
  if (!edges || !node) return { type: conn.node, sets: [], rows: [] };
  return { type: conn.node, sets: node.sets, rows: asArray(field(value as Row, edges.key)).map((e) => child(e, node.key)) };
}

const asArray = (v: unknown): Row[] => (Array.isArray(v) ? v : []);

/** One record as text: its values in selection order, separated by spaces; nested lists in parentheses. */
function recordText(op: Operation, type: GraphQLNamedType, sets: SelectionSetNode[], row: Row): string {
  const parts = selectedFields(op, type, sets)
    .filter((f) => !SKIPPED.has(f.def.name))
    .map((f) => {
      const named = getNamedType(f.def.type);
      const v = field(row, f.key);
      if (isLeafType(named)) return isList(f) ? asArray(v).map((x) => leafText(named, x)).filter(Boolean).join('、') : leafText(named, v);
      if (isList(f) || connectionOf(named)) {
        const inner = recordsText(op, f, v);
        return inner ? `(${inner})` : '';
      }
      return recordText(op, named, f.sets, v as Row);
    });
  return parts.filter(Boolean).join(' ');
}

function recordsText(op: Operation, f: Selected, value: unknown): string {
  const { type, sets, rows } = recordsOf(op, f, value);
  return rows
    .filter((r) => r)
    .map((r) => recordText(op, type, sets, r))
    .join('; ');
}

// ─── columns of a record ─────────────────────────────────────────────────────────────────────────
function columnsOf(op: Operation, f: Selected, prefix: string[], path: string[]): Column[] {
  const named = getNamedType(f.def.type);
  const header = [...prefix, labelFor(f)];
  const at = [...path, f.key];
  const column = (value: Column['value']): Column[] => [{ header: header.join('·'), path: at.join('.'), value }];
  if (isLeafType(named)) {
    if (!isList(f)) return column((row) => leafCell(named, field(row, f.key)));
    return column((row) => asArray(field(row, f.key)).map((x) => leafText(named, x)).filter(Boolean).join('、') || null);
  }
  if (isList(f) || connectionOf(named)) return column((row) => recordsText(op, f, field(row, f.key)) || null);
  return selectedFields(op, named, f.sets)
    .filter((s) => !SKIPPED.has(s.def.name))
    .flatMap((s) => columnsOf(op, s, header, at).map((c) => ({ ...c, value: (row: Row) => c.value(child(row, f.key)) })));
}

/** Headers as labels; two columns with the same label are told apart by their response keys. */
function headersOf(columns: Column[]): string[] {
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.header, (counts.get(c.header) ?? 0) + 1);
  return columns.map((c) => (counts.get(c.header)! > 1 ? `${c.header}(${c.path})` : c.header));
}

// ─── sheets ──────────────────────────────────────────────────────────────────────────────────────
/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
class Sheets {
  readonly list: Sheet[] = [];

  add(name: string, columns: Column[], rows: Row[]): void {
    if (columns.length === 0) return;
    const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '结果';
    let unique = base;
    for (let n = 2; this.list.some((s) => s.name.toLowerCase() === unique.toLowerCase()); n++) unique = `${base.slice(0, 31 - `(${n})`.length)}(${n})`;
    this.list.push({ name: unique, header: headersOf(columns), rows: rows.filter((r) => r).map((r) => columns.map((c) => c.value(r))) });
  }
}

const recordColumns = (op: Operation, type: GraphQLNamedType, sets: SelectionSetNode[]) =>
  selectedFields(op, type, sets)
    .filter((f) => !SKIPPED.has(f.def.name))
    .flatMap((f) => columnsOf(op, f, [], []));

/** Whether a single object's selection reaches a list of records (then it is read as a container of sheets). */
function holdsRecords(op: Operation, type: GraphQLNamedType, sets: SelectionSetNode[]): boolean {
  return selectedFields(op, type, sets).some((f) => {
    const named = getNamedType(f.def.type);
    if (!isCompositeType(named)) return false;
    return isList(f) || !!connectionOf(named) || holdsRecords(op, named, f.sets);
  });
}

/**
 * An object outside any record (the root, or a single object on the way to lists): its connections and lists of
 * records become sheets; its other fields one row, named `name`. At the root each single object is its own sheet.
 */
function container(op: Operation, name: string, fields: Selected[], value: Row, out: Sheets, root: boolean): void {
  const columns: Column[] = [];
  for (const f of fields) {
    if (SKIPPED.has(f.def.name)) continue;
    const named = getNamedType(f.def.type);
    const v = field(value, f.key);
    if (connectionOf(named) || (isCompositeType(named) && isList(f))) {
      const { type, sets, rows } = recordsOf(op, f, v);
      const label = labelFor(f, type);
      // a list without a label of its own is named after the object it is in (待办·items)
      out.add(label === f.key && !root ? `${name}·${f.key}` : label, recordColumns(op, type, sets), rows);
    } else if (isCompositeType(named) && (root || holdsRecords(op, named, f.sets))) {
      container(op, labelFor(f), selectedFields(op, named, f.sets), (v ?? null) as Row, out, false);
    } else {
      columns.push(...columnsOf(op, f, [], []));
    }
  }
  out.add(name, columns, value ? [value] : []);
}

/** The sheets of an answer to `operationName` of `document` (its only operation when not named). */
export function flatten(schema: GraphQLSchema, document: DocumentNode, data: Record<string, unknown> | null | undefined, operationName?: string | null): Sheet[] {
  const op = operationOf(schema, document, operationName);
  if (!op || op.operation.operation !== 'query') return [];
  const out = new Sheets();
  container(op, '查询结果', rootFields(op), data ?? null, out, true);
  return out.list;
}

import { getNamedType, isEnumType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { AGENCIES } from '../../lib/agencies';
import { labelOf } from '../../lib/labels';
import { normaliseText, parseBoolean, parseDate, parseNumber, splitList, type CellValue, type Table } from '../../lib/sheets';
import { isAgencyField, type Column } from './columns';
import type { Ledger, PartyColumns, Reference } from './ledgers';

/** A clerk's problem with one cell (or row): where, what was there, what to correct. */
export interface CellProblem {
  header: string;
  value: string;
  message: string;
}

/** A party a row names: registered before the row is sent, its id then put in `into`. */
export interface PartyRef {
  spec: PartyColumns;
  name: string;
  idNumber: string | null;
  creditCode: string | null;
}

/** One data row of the file, read: the fields for the row input, the parties to register, the problems found. */
export interface LedgerRow {
  line: number;
  key: string | null;
  /** The line of the earlier row with the same key: this one is reported as a duplicate and not sent. */
  duplicateOf?: number;
  fields: Record<string, unknown>;
  parties: PartyRef[];
  /** Numbers of other records whose ids the row wants (resolved before it is sent). */
  references: { spec: Reference; number: string }[];
  problems: CellProblem[];
}

const squash = (s: string) => s.replace(/[\s*＊:：]/g, '').toLowerCase();

/** Which column each header cell is (unknown headers are reported once, not per row). */
export function matchHeader(header: string[], columns: Column[]): { byIndex: (Column | undefined)[]; unknown: string[]; missing: Column[] } {
  const names = new Map<string, Column>();
  for (const c of columns) for (const h of [c.header, ...c.aliases]) names.set(squash(h), c);
  const byIndex = header.map((h) => names.get(squash(h ?? '')));
  const unknown = header.filter((h, i) => h && !byIndex[i]);
  const missing = columns.filter((c) => c.required && !byIndex.includes(c));
  return { byIndex, unknown, missing };
}

type Parsed = { value: unknown } | { error: string };

/** One cell as the field's GraphQL type wants it (the enum by its value or its Chinese label). */
function scalar(type: GraphQLInputType, cell: CellValue): Parsed {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const text = normaliseText(cell) ?? '';
    const values = named.getValues();
    const hit = values.find((v) => v.name.toLowerCase() === text.toLowerCase() || labelOf(v.description) === text)
      ?? (text.length >= 2 ? values.filter((v) => labelOf(v.description)?.startsWith(text)) : []).find((_, __, all) => all.length === 1);
    return hit ? { value: hit.name } : { error: `可选值：${values.map((v) => labelOf(v.description) ?? v.name).join('、')}` };
  }
  switch (named.name) {
    case 'DateTime': return parseDate(cell);
    case 'Float': return parseNumber(cell);
    case 'Int': {
      const n = parseNumber(cell);
      return 'value' in n && !Number.isInteger(n.value) ? { error: '应为整数' } : n;
    }
    case 'Boolean': return parseBoolean(cell);
    default: return { value: normaliseText(cell) };
  }
}

/** An agency column's cell: the code as typed, or the code of the agency it names. */
function agencyCell(cell: CellValue): { value: string | null } {
  const text = normaliseText(cell);
  const named = AGENCIES.find((a) => a.name === text || a.shortName === text);
  return { value: named?.code ?? text };
}

const isList = (type: GraphQLInputType) => isListType(isNonNullType(type) ? type.ofType : type);
const shown = (cell: CellValue) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? ''));

/** Reads every data row of the table into row inputs, checking each cell against the schema; nothing is sent here. */
export function readRows(table: Table, columns: Column[], ledger: Ledger): LedgerRow[] {
  const { byIndex } = matchHeader(table.header, columns);
  return table.rows.map(({ line, cells }) => {
    const row: LedgerRow = { line, key: null, fields: {}, parties: [], references: [], problems: [] };
    const partyCells = new Map<PartyColumns, { name?: CellValue; idNumber?: CellValue }>();
    byIndex.forEach((column, i) => {
      const cell = cells[i] ?? null;
      if (!column || normaliseText(cell) === null) return;
      if (column.party) {
        const parts = partyCells.get(column.party.spec) ?? {};
        parts[column.party.part] = cell;
        partyCells.set(column.party.spec, parts);
        return;
      }
      if (column.reference) {
        row.references.push({ spec: column.reference, number: normaliseText(cell)! });
        return;
      }
      const items = isList(column.type) ? splitList(cell) : [cell];
      const parsed = items.map((item) => (isAgencyField(column.field) ? agencyCell(item) : scalar(column.type, item)));
      const bad = parsed.find((p): p is { error: string } => 'error' in p);
      if (bad) row.problems.push({ header: column.header, value: shown(cell), message: bad.error });
      else {
        const values = parsed.map((p) => (p as { value: unknown }).value);
        row.fields[column.field] = isList(column.type) ? values : values[0];
      }
    });
    for (const [spec, parts] of partyCells) readParties(row, spec, parts);
    for (const c of columns) {
      const given = row.fields[c.field] !== undefined || row.parties.some((p) => p.spec.into === c.field) || row.references.some((r) => r.spec.into === c.field);
      if (c.required && !given && !row.problems.some((p) => p.header === c.header)) row.problems.push({ header: c.header, value: '', message: '必填，不能为空' });
    }
    row.key = typeof row.fields[ledger.key] === 'string' ? (row.fields[ledger.key] as string) : null;
    return row;
  });
}

/** A party column pair: names and 身份证号 one to one (several in a list column), or an enterprise named beside its credit code. */
function readParties(row: LedgerRow, spec: PartyColumns, parts: { name?: CellValue; idNumber?: CellValue }): void {
  const names = splitList(parts.name ?? null);
  const ids = splitList(parts.idNumber ?? null).map((id) => id.replace(/\s/g, '').toUpperCase());
  const creditCode = spec.enterpriseCode ? ((row.fields[spec.enterpriseCode] as string | undefined) ?? null) : null;
  if (!ids.length && creditCode && names.length === 1) {
    row.parties.push({ spec, name: names[0], idNumber: null, creditCode });
    return;
  }
  if (ids.length !== names.length || !ids.length) {
    const header = ids.length ? spec.name : spec.idNumber;
    row.problems.push({ header, value: ids.length ? names.join('、') : '', message: `${spec.name}与${spec.idNumber}应一一对应（姓名 ${names.length} 个，身份证号 ${ids.length} 个）` });
    return;
  }
  ids.forEach((idNumber, i) => row.parties.push({ spec, name: names[i], idNumber, creditCode: null }));
}

/** Rows whose key an earlier row of the file already has: reported, not sent (the first one is imported). */
export function markDuplicates(rows: LedgerRow[], keyHeader: string): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.key) continue;
    const line = first.get(row.key);
    if (line === undefined) first.set(row.key, row.line);
    else {
      row.duplicateOf = line;
      row.problems.push({ header: keyHeader, value: row.key, message: `与第 ${line} 行重复，只导入第一行` });
    }
  }
}

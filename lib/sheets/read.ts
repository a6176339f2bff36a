import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Workbook, type CellFormulaValue, type CellValue as XlsxCellValue, type RichText } from 'exceljs';
import iconv from 'iconv-lite';
import { normaliseText } from './cells';
import type { CellValue, Table } from './types';

export type TableKind = 'xlsx' | 'csv';

/** The kind of a file by its extension; anything else (.xls, .et, .numbers) is refused with the kinds we read. */
export function tableKindOf(file: string): TableKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new Error(`无法读取 ${file}：只接受 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx） / accepted kinds: .xlsx, .csv`);
}

/** Reads a ledger: an .xlsx file's first worksheet, or a .csv file (UTF-8 or GBK, comma, tab or semicolon). */
export async function readTable(file: string): Promise<Table> {
  const kind = tableKindOf(file);
  return readTableFromBuffer(await readFile(file), kind);
}

export async function readTableFromBuffer(buffer: Buffer | Uint8Array, kind: TableKind): Promise<Table> {
  return kind === 'xlsx' ? readXlsx(buffer) : readCsv(buffer);
}

const isEmpty = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

/** Header (first non-empty row) and data rows, with empty rows and trailing empty cells left off. */
function toTable(lines: Iterable<{ line: number; cells: CellValue[] }>): Table {
  const table: Table = { header: [], rows: [] };
  let headerSeen = false;
  for (const { line, cells } of lines) {
    let end = cells.length;
    while (end > 0 && isEmpty(cells[end - 1])) end--;
    if (end === 0) continue;
    const kept = cells.slice(0, end);
    if (headerSeen) table.rows.push({ line, cells: kept });
    else table.header = kept.map((c) => normaliseText(c) ?? '');
    headerSeen = true;
  }
  return table;
}

// ---- .xlsx ----

async function readXlsx(buffer: Buffer | Uint8Array): Promise<Table> {
  const workbook = new Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer); // a copy of exactly these bytes, typed as exceljs asks
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('工作簿中没有工作表 / the workbook has no worksheet');
  const lines: { line: number; cells: CellValue[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: CellValue[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(xlsxValue(row.getCell(c).value));
    lines.push({ line: row.number, cells });
  });
  return toTable(lines);
}

/** The value a clerk sees in a cell: formulas by their cached result, rich text and links by their text, errors as null. */
function xlsxValue(v: XlsxCellValue | CellFormulaValue['result']): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if ('richText' in v) return richText(v.richText);
  if ('hyperlink' in v) {
    const text = v.text as string | { richText: RichText[] }; // exceljs gives rich text when the link text is styled
    return typeof text === 'string' ? text : text && 'richText' in text ? richText(text.richText) : null;
  }
  if ('formula' in v || 'sharedFormula' in v) return xlsxValue(v.result);
  return null; // { error: '#N/A' } and the like
}

function richText(parts: RichText[]): string | null {
  return parts.map((p) => p.text).join('') || null;
}

// ---- .csv ----

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of the GBK that Excel in China saves CSV in). */
export function decodeText(buffer: Buffer | Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const bytes = UTF8_BOM.every((b, i) => buffer[i] === b) ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}

/** The one of , tab ; that occurs most outside quotes on the first non-blank line (comma on a tie or none). */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  let started = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      if (started) break;
    } else if (!quoted && ch in counts) counts[ch]++;
    if (ch.trim() !== '') started = true;
  }
  return Object.keys(counts).reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

function readCsv(buffer: Buffer | Uint8Array): Table {
  const decoded = decodeText(buffer);
  // One line break, LF: csv-parse counts a CRLF inside a quoted cell as two lines, which would shift every line
  // number after it; and Excel's own line break within a cell is LF.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const records = parse(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true, // a stray quote inside a hand-typed cell (张"三") is text, not a broken file
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const lines = records.map(({ record, info }) => ({
    // info.lines is the line a record ends on; a record spanning lines starts as many lines earlier as its cells break.
    line: info.lines - record.reduce((n, cell) => n + cell.split('\n').length - 1, 0),
    cells: record.map((cell): CellValue => (cell === '' ? null : cell)),
  }));
  return { ...toTable(lines), encoding: decoded.encoding };
}

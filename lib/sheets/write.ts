import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { CST_MS } from '../calendar';
import type { CellValue, Sheet } from './types';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) gets a leading
 * apostrophe, as OWASP's CSV-injection advice: exported query results carry what citizens and clerks typed.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A Date as the wall clock in China, held in the UTC fields (how Excel and exceljs read a date), and whether it has a
 * time of day. Midnight UTC is a plain date too: lib/scalars.ts reads 2025-03-05 as 2025-03-05T00:00Z, which would
 * otherwise be shown as 08:00.
 */
function chinaWallClock(d: Date): { wall: Date; hasTime: boolean } {
  const ms = d.getTime();
  if (ms % DAY_MS === 0) return { wall: d, hasTime: false };
  const wall = new Date(ms + CST_MS);
  return { wall, hasTime: wall.getTime() % DAY_MS !== 0 };
}

/** A date as a clerk reads it, in China time: the date alone when it has no time of day (above), else with hh:mm. */
export function chinaDateText(d: Date): string {
  const { wall, hasTime } = chinaWallClock(d);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return hasTime ? `${date} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` : date;
}

const INVALID_NAME_CHARS = /[[\]:*?/\\]/g;
const MAX_NAME = 31;

/** Sheet names Excel accepts: no []:*?/\, no apostrophe at either end, ≤ 31 characters, unique regardless of case. */
function sheetNames(sheets: Sheet[]): string[] {
  const taken = new Set<string>();
  return sheets.map((sheet, i) => {
    const base = sheet.name.replace(INVALID_NAME_CHARS, '_').replace(/^'+|'+$/g, '').trim() || `Sheet${i + 1}`;
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = [...base].slice(0, MAX_NAME - suffix.length).join('') + suffix;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  });
}

/** Display width of a text: CJK and other wide characters take two columns, as they do on screen. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function cellWidth(v: CellValue): number {
  if (v === null) return 0;
  if (v instanceof Date) return chinaWallClock(v).hasTime ? 16 : 10;
  if (typeof v === 'string') return Math.max(...v.split('\n').map(textWidth));
  return String(v).length;
}

/** An .xlsx workbook, one worksheet per sheet: bold frozen header, columns as wide as their content (up to 60). */
export async function workbookBuffer(sheets: Sheet[]): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('工作簿至少要有一个工作表 / a workbook needs at least one sheet');
  const workbook = new Workbook();
  const names = sheetNames(sheets);
  sheets.forEach((sheet, i) => {
    const ws = workbook.addWorksheet(names[i], { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(sheet.header.map(neutralise));
    header.eachCell((cell) => (cell.font = { bold: true }));
    for (const values of sheet.rows) {
      const row = ws.addRow([]);
      values.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        if (v instanceof Date) {
          // exceljs writes a Date by its UTC fields, so give it China's wall clock there.
          const { wall, hasTime } = chinaWallClock(v);
          cell.value = wall;
          cell.numFmt = hasTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
        } else {
          // A string is a plain value, never a formula; NaN and Infinity have no cell form and are left empty.
          cell.value = typeof v === 'string' ? neutralise(v) : typeof v === 'number' && !Number.isFinite(v) ? null : v;
        }
      });
    }
    const columns = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length));
    for (let c = 0; c < columns; c++) {
      const widest = Math.max(textWidth(sheet.header[c] ?? ''), ...sheet.rows.map((r) => cellWidth(r[c] ?? null)));
      ws.getColumn(c + 1).width = Math.min(60, Math.max(8, widest + 2));
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return chinaDateText(v);
  if (typeof v === 'string') return neutralise(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'; // csv-stringify's own choice, 1 and '', loses false
  return Number.isInteger(v) && Math.abs(v) >= 1e21 ? BigInt(v).toString() : String(v); // no exponent for an integer
}

/** A CSV file: UTF-8 with a BOM (so Excel in China opens it as UTF-8, not GBK), CRLF line ends, dates in China time. */
export function csvBuffer(sheet: Sheet): Buffer {
  const text = stringify([sheet.header, ...sheet.rows].map((row) => row.map(csvText)), {
    bom: true,
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/, // csv-stringify quotes only the whole CRLF, and a lone LF would break the row in Excel
  });
  return Buffer.from(text, 'utf8');
}

/** Writes sheets by the file's extension: .xlsx (any number of sheets) or .csv (exactly one). */
export async function writeTable(file: string, sheets: Sheet[]): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return writeFile(file, await workbookBuffer(sheets));
  if (ext === '.csv') {
    if (sheets.length !== 1) {
      throw new Error(`CSV 文件只能保存一个工作表，这里有 ${sheets.length} 个：请改用 .xlsx / a CSV file holds one sheet; use .xlsx for ${sheets.length}`);
    }
    return writeFile(file, csvBuffer(sheets[0]));
  }
  throw new Error(`无法写入 ${file}：只能写 .xlsx 或 .csv 文件 / accepted kinds: .xlsx, .csv`);
}

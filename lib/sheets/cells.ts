import type { CellValue } from './types';

// What clerks type into a ledger, made into values: each function is pure and answers a value or an error a clerk can
// act on (Chinese, naming what was written and how to write it).

export type Parsed<T> = { value: T } | { error: string };

const DAY_MS = 86_400_000;
const MIN_YEAR = 1949;
const MAX_YEAR = 2100;
const DATE_FORMS = '请写成 2025-03-05、2025/3/5 或 2025年3月5日';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Full-width ASCII letters and digits only: NFKC would also rewrite the 〔〕（） of case numbers. */
function halfWidthAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A number's digits, with no exponent for an integer past 1e21; an 18-digit ID typed as a number is rounded already. */
const numberText = (n: number) => (Number.isInteger(n) && Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n));

/** YYYY-MM-DD, or YYYY-MM-DDTHH:mm:ss+08:00 with a time, from UTC fields that hold a wall clock in China time. */
function wallClockText(ms: number): string {
  const d = new Date(Math.round(ms / 1000) * 1000); // exceljs's serial-to-Date leaves float noise (09:29:59.999)
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getTime() % DAY_MS === 0) return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/**
 * The text of a cell as clerks mean it: full-width letters and digits made half-width, every kind of space (U+3000,
 * NBSP, newlines) one space, trimmed; empty → null. A number gives its digits, a Date its wall-clock date
 * (YYYY-MM-DD, or YYYY-MM-DDTHH:mm:ss+08:00 when it has a time, as parseDate).
 */
export function normaliseText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v) : null;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : wallClockText(v.getTime());
  const text = halfWidthAlnum(String(v)).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

const shown = (v: CellValue) => (v instanceof Date ? v.toISOString() : String(v).trim());
const unreadableDate = (v: CellValue, why?: string): { error: string } => ({
  error: `日期无法识别：${shown(v)}（${why ? `${why}；` : ''}${DATE_FORMS}）`,
});
const outOfRange = (v: CellValue, readAs?: string): { error: string } => ({
  error: `日期超出范围：${shown(v)}（${readAs ? `按 Excel 序列号读作 ${readAs}，` : ''}年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间）`,
});

// A time at the end, after a space, a T or directly after 日/号; the date part before it in one of three forms, each
// with year, separator (an empty group where there is none), month and day as groups 1 to 4.
const WITH_TIME = /^(.*?)(?:\s*T\s*|\s+|(?<=[日号]))(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?$/;
const DATE_FORMS_RE = [
  /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/, // 2025-03-05, 2025/3/5, 2025.3.5
  /^(\d{4})\s*年()\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, // 2025年3月5日
  /^(\d{4})()(\d{2})(\d{2})$/, // 20250305
];

/** Excel's 1900 date system: serial 1 is 1900-01-01, 60 the 1900-02-29 Lotus had and that never was. */
function fromSerial(v: CellValue, serial: number): Parsed<string> {
  if (!(serial >= 1 && serial < 2_958_466)) return unreadableDate(v);
  const days = Math.floor(serial);
  if (days === 60) return unreadableDate(v, 'Excel 序列号 60 是不存在的 1900-02-29');
  // Past the fake leap day every serial is one day ahead, so count from 1899-12-30 rather than 12-31.
  const ms = Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * DAY_MS + Math.round((serial - days) * 86_400) * 1000;
  const year = new Date(ms).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return outOfRange(v, wallClockText(ms).slice(0, 10));
  return { value: wallClockText(ms) };
}

/**
 * A date as clerks write it, in China time: YYYY-MM-DD, or YYYY-MM-DDTHH:mm:ss+08:00 when a time is given. Accepts
 * 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305 (text or a number), each with an optional time (9:30,
 * 09:30:15) after a space, a T or 日; Excel serial numbers (45721 is 2025-03-05); and a Date from exceljs (its UTC
 * fields are the wall clock). Impossible dates and years outside 1949–2100 are refused.
 */
export function parseDate(v: CellValue): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return unreadableDate(v);
    const year = v.getUTCFullYear();
    return year < MIN_YEAR || year > MAX_YEAR ? outOfRange(v) : { value: wallClockText(v.getTime()) };
  }
  if (typeof v === 'number') {
    // A number of eight digits is 20250305 typed into a number cell (no serial is that large).
    if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) return parseDateText(v, String(v));
    return fromSerial(v, v);
  }
  const text = normaliseText(v);
  if (text === null) return { error: '日期未填写' };
  if (typeof v !== 'string') return unreadableDate(v);
  if (/^\d+$/.test(text) && text.length !== 8) return fromSerial(v, Number(text));
  return parseDateText(v, text);
}

function parseDateText(v: CellValue, text: string): Parsed<string> {
  const timed = WITH_TIME.exec(text);
  const datePart = timed ? timed[1] : text;
  const m = DATE_FORMS_RE.map((re) => re.exec(datePart)).find(Boolean);
  if (!m) return unreadableDate(v);
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (month < 1 || month > 12) return unreadableDate(v, `没有${month}月`);
  const ms = Date.UTC(year, month - 1, day);
  if (day < 1 || new Date(ms).getUTCDate() !== day) return unreadableDate(v, `${year}年${month}月没有${day}日`);
  if (year < MIN_YEAR || year > MAX_YEAR) return outOfRange(v);
  if (!timed) return { value: wallClockText(ms) };
  const [h, min, s] = [Number(timed[2]), Number(timed[3]), Number(timed[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return unreadableDate(v, `时间 ${timed[2]}:${timed[3]}${timed[4] ? `:${timed[4]}` : ''} 不存在`);
  const date = wallClockText(ms);
  return { value: `${date}T${pad(h)}:${pad(min)}:${pad(s)}+08:00` };
}

/** A number: a number cell, or text such as 1234.5, １２３４, 1,234.50 or 1,234 元. */
export function parseNumber(v: CellValue): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { error: `数字无法识别：${v}` };
  const text = normaliseText(v);
  if (text === null) return { error: '数字未填写' };
  if (typeof v !== 'string') return { error: `数字无法识别：${shown(v)}` };
  const s = text
    .replace(/．/g, '.')
    .replace(/^[－−]/, '-')
    .replace(/\s*元$/, '');
  // Thousands separators only in groups of three: "1,2,3" is a typo, not 123.
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) {
    return { error: `数字无法识别：${text}（请只写数字，如 1234.5、1,234.5 或 1234.5元）` };
  }
  return { value: Number(s.replace(/,/g, '')) };
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['否', '无', 'n', 'no', 'false', '0']);

/** Yes or no: 是/否, 有/无, Y/N, yes/no, true/false, 1/0 (any case), a boolean cell or a number cell 1/0. */
export function parseBoolean(v: CellValue): Parsed<boolean> {
  if (typeof v === 'boolean') return { value: v };
  const text = normaliseText(v instanceof Date ? String(v) : v);
  if (text === null) return { error: '是否未填写（请写 是 或 否）' };
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return { value: true };
  if (FALSE_WORDS.has(word)) return { value: false };
  return { error: `是否无法识别：${text}（请写 是 或 否）` };
}

/** The items of a list cell, split on 、 , ， ; ； and line breaks, each normalised; empty items are dropped. */
export function splitList(v: CellValue): string[] {
  if (typeof v !== 'string') {
    const text = normaliseText(v);
    return text === null ? [] : [text];
  }
  return v
    .split(/[、,，;；\r\n]+/)
    .map(normaliseText)
    .filter((item): item is string => item !== null);
}

import { badInput } from './errors';
import { CST_MS } from './calendar';

/** The kinds of dashboard period: a year `2025`, a half `2025-H1`, a quarter `2025-Q3`, a month `2025-07`. */
export type PeriodKind = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH';

/**
 * A dashboard period as a half-open [from, to) range of instants. The bounds are midnight in China time (UTC+8, no
 * daylight saving), the calendar of the county's clerks and of lib/calendar.ts: `2025-07` is [2025-06-30T16:00Z,
 * 2025-07-31T16:00Z), so a record dated 1 July 01:00 in Beijing counts in July, not in June.
 */
export interface Period {
  period: string;
  from: Date;
  to: Date;
  kind: PeriodKind;
  /** The calendar year of the period (China time). */
  year: number;
}

/** The longest trend `periodRange` answers (five years of months). */
export const MAX_TREND_PERIODS = 60;

const MONTHS: Record<PeriodKind, number> = { YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1 };
const PER_YEAR: Record<PeriodKind, number> = { YEAR: 1, HALF: 2, QUARTER: 4, MONTH: 12 };
const FORMS = 'use a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-06)';

/** 00:00 China time on the first day of month `m` (0-based, may overflow into later years) of year `y`. */
const chinaMonthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - CST_MS);

/** The period of a kind by its index since year 0 (year × periods per year + the part, 0-based). */
function periodAt(kind: PeriodKind, index: number): Period {
  const per = PER_YEAR[kind];
  const year = Math.floor(index / per);
  const part = index - year * per;
  const firstMonth = part * MONTHS[kind];
  const label =
    kind === 'YEAR' ? `${year}` : kind === 'HALF' ? `${year}-H${part + 1}` : kind === 'QUARTER' ? `${year}-Q${part + 1}` : `${year}-${String(part + 1).padStart(2, '0')}`;
  return { period: label, kind, year, from: chinaMonthStart(year, firstMonth), to: chinaMonthStart(year, firstMonth + MONTHS[kind]) };
}

function indexOf(period: string, field: string): { kind: PeriodKind; index: number } {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/.exec(period);
  if (!m) throw badInput(field, FORMS);
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { kind: 'YEAR', index: year };
  if (part[0] === 'H') return { kind: 'HALF', index: year * 2 + Number(part[1]) - 1 };
  if (part[0] === 'Q') return { kind: 'QUARTER', index: year * 4 + Number(part[1]) - 1 };
  return { kind: 'MONTH', index: year * 12 + Number(part) - 1 };
}

/** Parses a period string (bounds in China time); BAD_USER_INPUT names the accepted forms. */
export function parsePeriod(period: string, field = 'period'): Period {
  const { kind, index } = indexOf(period, field);
  return periodAt(kind, index);
}

/**
 * The consecutive periods from `from` to `to`, both included and of the same kind (`2025-01` … `2025-12`, `2024-Q1` …
 * `2025-Q4`): a trend. At most MAX_TREND_PERIODS; BAD_USER_INPUT otherwise.
 */
export function periodRange(from: string, to: string): Period[] {
  const a = indexOf(from, 'from');
  const b = indexOf(to, 'to');
  if (a.kind !== b.kind) throw badInput('to', `must be a period of the same kind as from (${from})`);
  if (b.index < a.index) throw badInput('to', `must not be before from (${from})`);
  if (b.index - a.index + 1 > MAX_TREND_PERIODS) throw badInput('to', `a trend has at most ${MAX_TREND_PERIODS} periods`);
  return Array.from({ length: b.index - a.index + 1 }, (_, i) => periodAt(a.kind, a.index + i));
}

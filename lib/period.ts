import { badInput } from './errors';

/** A dashboard period: `2025`, `2025-H1`, `2025-Q3` or `2025-06`, as a half-open [from, to) range. */
export interface Period {
  period: string;
  from: Date;
  to: Date;
}

const utc = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

/** Parses a period string; BAD_USER_INPUT names the accepted forms. */
export function parsePeriod(period: string): Period {
  const m = period.match(/^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/);
  if (!m) throw badInput('period', 'use a year (2025), a half (2025-H1), a quarter (2025-Q3) or a month (2025-06)');
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { period, from: utc(year, 0), to: utc(year + 1, 0) };
  if (part[0] === 'H') { const h = Number(part[1]) - 1; return { period, from: utc(year, h * 6), to: utc(year, h * 6 + 6) }; }
  if (part[0] === 'Q') { const q = Number(part[1]) - 1; return { period, from: utc(year, q * 3), to: utc(year, q * 3 + 3) }; }
  const month = Number(part) - 1;
  return { period, from: utc(year, month), to: utc(year, month + 1) };
}

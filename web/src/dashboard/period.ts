// Dashboard periods as the graph names them (lib/period.ts): a year `2025`, a half `2025-H1`, a quarter
// `2025-Q3` or a month `2025-07`.

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** 1-based half, quarter or month; 0 for a year */
  part: number;
}

export const KIND_LABELS: Record<PeriodKind, string> = { year: '年度', half: '半年', quarter: '季度', month: '月份' };

const PARTS: Record<PeriodKind, number> = { year: 0, half: 2, quarter: 4, month: 12 };

export function partsOf(kind: PeriodKind): number {
  return PARTS[kind];
}

export function partLabel(kind: PeriodKind, part: number): string {
  if (kind === 'half') return part === 1 ? '上半年' : '下半年';
  if (kind === 'quarter') return `第${'一二三四'[part - 1]}季度`;
  if (kind === 'month') return `${part}月`;
  return '';
}

export function formatPeriod({ kind, year, part }: PeriodParts): string {
  if (kind === 'year') return String(year);
  if (kind === 'half') return `${year}-H${part}`;
  if (kind === 'quarter') return `${year}-Q${part}`;
  return `${year}-${String(part).padStart(2, '0')}`;
}

export function parsePeriod(period: string): PeriodParts | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const p = m[2];
  if (!p) return { kind: 'year', year, part: 0 };
  if (p[0] === 'H') return { kind: 'half', year, part: Number(p[1]) };
  if (p[0] === 'Q') return { kind: 'quarter', year, part: Number(p[1]) };
  return { kind: 'month', year, part: Number(p) };
}

/** 2025年 · 2025年上半年 · 2025年第三季度 · 2025年7月 */
export function describePeriod(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  return `${p.year}年${partLabel(p.kind, p.part)}`;
}

/** The last month of a period, as `YYYY-MM`. */
export function lastMonth(period: string): string {
  const p = parsePeriod(period)!;
  const month = p.kind === 'year' ? 12 : p.kind === 'half' ? p.part * 6 : p.kind === 'quarter' ? p.part * 3 : p.part;
  return `${p.year}-${String(month).padStart(2, '0')}`;
}

/** The `count` consecutive months ending with `last` (YYYY-MM), oldest first. */
export function monthsEndingAt(last: string, count = 12): string[] {
  const [y, m] = last.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The period the page opens on: this year, in China time. */
export function defaultPeriod(now = new Date()): string {
  return String(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear());
}

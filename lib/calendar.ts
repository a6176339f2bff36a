import { config } from './config';

// Legal periods are counted on the calendar of China Standard Time (UTC+8, no daylight saving):
// a clerk's "31 March" is 31 March in Beijing, whatever the server's time zone.
const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Holidays and make-up working days (调休), as YYYY-MM-DD dates in China time. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

const list = (s: string) => new Set(s.split(',').map((d) => d.trim()).filter(Boolean));

/** The configured calendar (HOLIDAYS, MAKEUP_WORKDAYS); weekends are rest days unless made up. */
export function workCalendar(): WorkCalendar {
  const c = config();
  return { holidays: list(c.HOLIDAYS), makeUpWorkdays: list(c.MAKEUP_WORKDAYS) };
}

/** The China-time calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** The China-time year of an instant (case numbers 〔2025〕 are by this year). */
export function chinaYear(d: Date): number {
  return new Date(d.getTime() + CST_MS).getUTCFullYear();
}

export function isWorkingDay(d: Date, cal: WorkCalendar = workCalendar()): boolean {
  const date = chinaDate(d);
  if (cal.makeUpWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(d.getTime() + CST_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** `months` calendar months later (China time); a day the target month lacks becomes its last day. */
export function addMonths(d: Date, months: number): Date {
  const local = new Date(d.getTime() + CST_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  local.setUTCFullYear(y, m, Math.min(local.getUTCDate(), lastDay));
  return new Date(local.getTime() - CST_MS);
}

/** `days` working days later, same time of day: weekends and holidays are skipped. */
export function addWorkingDays(d: Date, days: number, cal: WorkCalendar = workCalendar()): Date {
  let r = d;
  for (let left = days; left > 0; ) {
    r = addDays(r, 1);
    if (isWorkingDay(r, cal)) left -= 1;
  }
  return r;
}

/** A period whose last day is a rest day or holiday ends on the next working day (民法典 第二百零三条). */
export function rollToWorkingDay(d: Date, cal: WorkCalendar = workCalendar()): Date {
  let r = d;
  while (!isWorkingDay(r, cal)) r = addDays(r, 1);
  return r;
}

/** The last instant (23:59:59.999 China time) of the day of `d`: a period runs to 24:00 of its last day. */
export function endOfChinaDay(d: Date): Date {
  const local = new Date(d.getTime() + CST_MS);
  local.setUTCHours(23, 59, 59, 999);
  return new Date(local.getTime() - CST_MS);
}

export const MS = { day: DAY_MS, hour: 3600_000 } as const;

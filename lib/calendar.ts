// The State Council's holiday notices (国务院办公厅关于部分节假日安排的通知), year by year, as published by the
// npm package chinese-days (pinned exactly in package.json: a new year's notice arrives with a new version, which
// is a reviewed change). Only its JSON data is used: { holidays, workdays, inLieuDays }, each date → "name,名,days".
import dataset from 'chinese-days/dist/chinese-days.json';
import datasetPackage from 'chinese-days/package.json';
import { config } from './config';

// Legal periods are counted on the calendar of China Standard Time (UTC+8, no daylight saving):
// a clerk's "31 March" is 31 March in Beijing, whatever the server's time zone.
export const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Rest days (public holidays) and make-up working days (调休), as YYYY-MM-DD dates in China time. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

const list = (s: string) => new Set(s.split(',').map((d) => d.trim()).filter(Boolean));
const official = dataset as { holidays: Record<string, string>; workdays: Record<string, string> };

/** The dataset of the official calendar: its package, version, and the rest days and 调休 working days it lists. */
export const OFFICIAL_CALENDAR = {
  dataset: datasetPackage.name,
  version: datasetPackage.version,
  holidays: new Set(Object.keys(official.holidays)) as ReadonlySet<string>,
  makeUpWorkdays: new Set(Object.keys(official.workdays)) as ReadonlySet<string>,
} as const;

/** Years whose State Council notice the dataset carries. */
const knownYears = [...new Set([...OFFICIAL_CALENDAR.holidays, ...OFFICIAL_CALENDAR.makeUpWorkdays].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

/**
 * The official calendar with local overrides (docs/domain.md#how-a-period-is-counted): a date is a working day if it is
 * in `localWorkdays` (MAKEUP_WORKDAYS), else a rest day if in `localHolidays` (HOLIDAYS), else a working day if the
 * dataset lists it as a 调休 working day, else a rest day if the dataset lists it as a holiday, else a working day from
 * Monday to Friday. So local holidays and local working days add to the dataset's, and a local date wins over the
 * dataset's (a dataset holiday listed in MAKEUP_WORKDAYS is worked; a dataset 调休 day listed in HOLIDAYS is not).
 * lib/config.ts refuses a date in both local lists.
 */
export function officialCalendar(localHolidays: Iterable<string> = [], localWorkdays: Iterable<string> = []): WorkCalendar {
  const rest = new Set(localHolidays);
  const worked = new Set(localWorkdays);
  return {
    holidays: new Set([...OFFICIAL_CALENDAR.holidays, ...rest].filter((d) => !worked.has(d))),
    makeUpWorkdays: new Set([...[...OFFICIAL_CALENDAR.makeUpWorkdays].filter((d) => !rest.has(d)), ...worked]),
  };
}

let cached: { key: string; cal: WorkCalendar } | undefined;

/**
 * The calendar of legal periods: the official one (chinese-days) with HOLIDAYS and MAKEUP_WORKDAYS as local overrides.
 * Built once per configuration (a test that changes them and calls resetConfig gets a new one).
 */
export function workCalendar(): WorkCalendar {
  const c = config();
  const key = `${c.HOLIDAYS}|${c.MAKEUP_WORKDAYS}`;
  if (cached?.key !== key) cached = { key, cal: officialCalendar(list(c.HOLIDAYS), list(c.MAKEUP_WORKDAYS)) };
  return cached.cal;
}

/** What the official calendar knows, and which of the years deadlines now need it lacks. */
export interface CalendarCoverage {
  dataset: string;
  datasetVersion: string;
  /** Years with a State Council notice in the dataset. */
  knownYears: number[];
  /** This year and next (China time): the years running deadlines end in. */
  neededYears: number[];
  /** Needed years the dataset lacks: their periods count weekends and HOLIDAYS/MAKEUP_WORKDAYS only. */
  missing: number[];
  /** A sentence for the start-up log and readyz when a year is missing; null when none is. */
  warning: string | null;
}

/**
 * The calendar's coverage at `now`. A year the dataset lacks is still counted (weekends plus the local overrides), so
 * deadlines keep working, but start-up must say so: log `warning` when it is not null.
 */
export function calendarCoverage(now: Date = new Date()): CalendarCoverage {
  const year = chinaYear(now);
  const neededYears = [year, year + 1];
  const missing = neededYears.filter((y) => !knownYears.includes(y));
  let warning: string | null = null;
  if (missing.length) {
    const c = config();
    const localDates = [...list(c.HOLIDAYS), ...list(c.MAKEUP_WORKDAYS)];
    const local = (y: number) => localDates.filter((d) => d.startsWith(`${y}-`)).length;
    const years = missing.map((y) => `${y} (${local(y)} local dates in HOLIDAYS/MAKEUP_WORKDAYS)`).join(', ');
    warning =
      `the official calendar (${OFFICIAL_CALENDAR.dataset} ${OFFICIAL_CALENDAR.version}, years ${knownYears[0]}–${knownYears[knownYears.length - 1]}) ` +
      `has no State Council holiday notice for ${years}: deadlines in ${missing.length > 1 ? 'those years' : 'that year'} count Saturdays and Sundays ` +
      `as rest days and only the HOLIDAYS/MAKEUP_WORKDAYS dates as holidays and 调休 working days. Upgrade chinese-days, or set the notice's dates in HOLIDAYS and MAKEUP_WORKDAYS.`;
  }
  return { dataset: OFFICIAL_CALENDAR.dataset, datasetVersion: OFFICIAL_CALENDAR.version, knownYears: [...knownYears], neededYears, missing, warning };
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

/** The first instant (00:00 China time) of the day of `d`. */
export function startOfChinaDay(d: Date): Date {
  const local = new Date(d.getTime() + CST_MS);
  local.setUTCHours(0, 0, 0, 0);
  return new Date(local.getTime() - CST_MS);
}

/** The last instant (23:59:59.999 China time) of the day of `d`: a period runs to 24:00 of its last day. */
export function endOfChinaDay(d: Date): Date {
  const local = new Date(d.getTime() + CST_MS);
  local.setUTCHours(23, 59, 59, 999);
  return new Date(local.getTime() - CST_MS);
}

export const MS = { day: DAY_MS, hour: 3600_000 } as const;

import {
  addWorkingDays,
  calendarCoverage,
  chinaDate,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  officialCalendar,
  rollToWorkingDay,
  workCalendar,
  type WorkCalendar,
} from '../../lib/calendar';
import { loadConfig, resetConfig } from '../../lib/config';
import { clock, DEFAULT_RULES, periodEnd, resetDeadlineRules, type Pause, type RuleName } from '../../lib/deadlines';
import pkg from '../../package.json';

// Legal periods on the official calendar (issue 12). Dates are China time; an instant without a time is 09:00 there.
const cst = (date: string, time = '09:00') => new Date(`${date}T${time}${time.length === 5 ? ':00' : ''}+08:00`);
const at = (s: string) => (s.includes(' ') ? cst(s.slice(0, 10), s.slice(11)) : cst(s));
const day = (d: Date) => chinaDate(d);
const lastInstant = (date: string) => cst(date, '23:59:59.999');
const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };

const env = { HOLIDAYS: process.env.HOLIDAYS, MAKEUP_WORKDAYS: process.env.MAKEUP_WORKDAYS, DEADLINE_RULES: process.env.DEADLINE_RULES };
const setCalendarEnv = (holidays?: string, makeUp?: string) => {
  if (holidays === undefined) delete process.env.HOLIDAYS;
  else process.env.HOLIDAYS = holidays;
  if (makeUp === undefined) delete process.env.MAKEUP_WORKDAYS;
  else process.env.MAKEUP_WORKDAYS = makeUp;
  resetConfig();
};
beforeAll(() => {
  delete process.env.DEADLINE_RULES;
  setCalendarEnv();
  resetDeadlineRules();
});
afterAll(() => {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfig();
  resetDeadlineRules();
});

/**
 * The State Council's notices (国务院办公厅关于YYYY年部分节假日安排的通知), as published: rest days (放假, weekends inside
 * a block included) and the 调休 days worked. The dataset must say exactly this for each year.
 *
 * | year | notice | rest days | 调休 working days |
 * |---|---|---|---|
 * | 2024 | 国办发明电〔2023〕7号 | 元旦 1 Jan; 春节 10–17 Feb; 清明 4–6 Apr; 劳动节 1–5 May; 端午 10 Jun; 中秋 15–17 Sep; 国庆 1–7 Oct (28 days) | Sun 4 Feb, Sun 18 Feb, Sun 7 Apr, Sun 28 Apr, Sat 11 May, Sat 14 Sep, Sun 29 Sep, Sat 12 Oct |
 * | 2025 | 国办发明电〔2024〕12号 | 元旦 1 Jan; 春节 28 Jan (除夕)–4 Feb; 清明 4–6 Apr; 劳动节 1–5 May; 端午 31 May–2 Jun; 国庆·中秋 1–8 Oct (28 days) | Sun 26 Jan, Sat 8 Feb, Sun 27 Apr, Sun 28 Sep, Sat 11 Oct |
 * | 2026 | 国办发明电〔2025〕7号 | 元旦 1–3 Jan; 春节 15–23 Feb; 清明 4–6 Apr; 劳动节 1–5 May; 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct (33 days) | Sun 4 Jan, Sat 14 Feb, Sat 28 Feb, Sat 9 May, Sun 20 Sep, Sat 10 Oct |
 *
 * chinese-days 1.5.7 matches all three years exactly (no date more, none less). 2024 除夕 (Fri 9 Feb) is a working day:
 * that notice only encouraged units to let staff rest; from 2025 除夕 is a statutory holiday (全国年节及纪念日放假办法,
 * as revised in 2024), and the 2025 notice lists it.
 */
const NOTICES: Record<number, { notice: string; rest: [string, string?][]; worked: string[] }> = {
  2024: {
    notice: '国办发明电〔2023〕7号',
    rest: [['2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'], ['2024-05-01', '2024-05-05'], ['2024-06-10'], ['2024-09-15', '2024-09-17'], ['2024-10-01', '2024-10-07']],
    worked: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    notice: '国办发明电〔2024〕12号',
    rest: [['2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08']],
    worked: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    notice: '国办发明电〔2025〕7号',
    rest: [['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07']],
    worked: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
const expand = ([from, to = from]: [string, string?]) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
};
const ofYear = (dates: ReadonlySet<string>, year: number) => [...dates].filter((d) => d.startsWith(`${year}-`)).sort();

describe('the dataset (chinese-days) against the State Council notices', () => {
  it('is the pinned version', () => {
    expect(pkg.dependencies['chinese-days']).toBe('1.5.7');
    expect(OFFICIAL_CALENDAR).toMatchObject({ dataset: 'chinese-days', version: '1.5.7' });
  });

  it.each([2024, 2025, 2026])('%i: rest days and 调休 working days are exactly those of the notice', (year) => {
    const n = NOTICES[year];
    expect(ofYear(OFFICIAL_CALENDAR.holidays, year)).toEqual(n.rest.flatMap(expand));
    expect(ofYear(OFFICIAL_CALENDAR.makeUpWorkdays, year)).toEqual(n.worked);
  });

  it('is the default calendar: holidays are rest days, 调休 weekend days are worked, 2024 除夕 is worked', () => {
    const cal = workCalendar();
    for (const d of ['2024-02-12', '2025-01-28', '2025-10-08', '2026-02-23', '2026-01-02']) expect([d, isWorkingDay(cst(d))]).toEqual([d, false]);
    for (const d of ['2024-02-09', '2024-10-12', '2025-09-28', '2026-02-14', '2026-02-28', '2026-01-04']) expect([d, isWorkingDay(cst(d), cal)]).toEqual([d, true]);
  });
});

describe('local overrides (HOLIDAYS, MAKEUP_WORKDAYS)', () => {
  afterEach(() => setCalendarEnv());

  it('adds local holidays and working days; a local date wins over the dataset', () => {
    setCalendarEnv('2026-03-02, 2026-02-28', '2026-02-23,2026-03-07');
    expect(isWorkingDay(cst('2026-03-02'))).toBe(false); // a local holiday (a Monday)
    expect(isWorkingDay(cst('2026-02-28'))).toBe(false); // a dataset 调休 Saturday made a local rest day
    expect(isWorkingDay(cst('2026-02-23'))).toBe(true); // a dataset holiday worked locally
    expect(isWorkingDay(cst('2026-03-07'))).toBe(true); // a Saturday worked locally
    expect(isWorkingDay(cst('2026-02-17'))).toBe(false); // the rest of the dataset still applies
    expect(isWorkingDay(cst('2026-02-14'))).toBe(true);
    const cal = officialCalendar(['2026-03-02', '2026-02-28'], ['2026-02-23', '2026-03-07']);
    expect(workCalendar()).toEqual(cal);
    expect(cal.holidays.has('2026-02-23') || cal.makeUpWorkdays.has('2026-02-28')).toBe(false);
  });

  it('is built once per configuration', () => {
    const a = workCalendar();
    expect(workCalendar()).toBe(a);
    setCalendarEnv('2026-03-02');
    expect(workCalendar()).not.toBe(a);
    expect(workCalendar().holidays.has('2026-03-02')).toBe(true);
  });

  it('refuses a date that is both a local holiday and a local working day', () => {
    expect(() => loadConfig({ HOLIDAYS: '2026-03-02,2026-03-03', MAKEUP_WORKDAYS: '2026-03-03' })).toThrow(/MAKEUP_WORKDAYS: 2026-03-03 also in HOLIDAYS/);
  });
});

describe('a year the dataset does not know', () => {
  afterEach(() => setCalendarEnv());

  it('reports the years needed now (this year and next, China time) that the dataset lacks', () => {
    expect(calendarCoverage(cst('2025-06-01'))).toMatchObject({ datasetVersion: '1.5.7', neededYears: [2025, 2026], missing: [], warning: null });
    const c = calendarCoverage(cst('2026-03-01'));
    expect(c).toMatchObject({ dataset: 'chinese-days', datasetVersion: '1.5.7', neededYears: [2026, 2027], missing: [2027] });
    expect(c.knownYears).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i));
    expect(c.warning).toMatch(/chinese-days 1\.5\.7.*no State Council holiday notice for 2027 \(0 local dates.*Saturdays and Sundays/);
    expect(calendarCoverage(new Date('2026-12-31T16:30:00Z')).missing).toEqual([2027, 2028]); // already 1 Jan 2027 in Beijing
  });

  it('still counts its periods, on weekends and the local overrides only', () => {
    // 2027 is unknown to 1.5.7: 1 Jan 2027 (a Friday) is a working day unless HOLIDAYS says otherwise.
    expect(day(periodEnd(cst('2026-12-29'), { days: 3 }))).toBe('2027-01-01');
    expect(day(periodEnd(cst('2027-01-06'), { days: 3 }))).toBe('2027-01-11'); // Sat 9 Jan → Monday
    setCalendarEnv('2027-01-01');
    expect(day(periodEnd(cst('2026-12-29'), { days: 3 }))).toBe('2027-01-04');
    expect(calendarCoverage(cst('2026-06-01')).warning).toMatch(/2027 \(1 local dates in HOLIDAYS\/MAKEUP_WORKDAYS\)/);
  });
});

/**
 * Each row: rule, start (China time), the last day a clerk counts, what a weekends-only calendar gave (null = same),
 * and why. Counting: the start day is not counted (民法典 第二百零一条); N months end on the same day N months later, or
 * the month's last day (第二百零二条); a last day that is a rest day or holiday moves to the day after the rest
 * (第二百零三条), and a 调休 Saturday or Sunday is a working day, so it is no rest; working-day periods count the working
 * days after the start (调休 days count, holidays do not); a period runs to 24:00 of its last day; hours are exact.
 */
type Row = [rule: RuleName, start: string, end: string, weekendsOnly: string | null, why: string];
const ROWS: Row[] = [
  // calendar days
  ['transferApproval', '2024-02-07', '2024-02-18', '2024-02-12', 'Sat 10 Feb is in 春节 2024 (10–17 Feb); Sun 18 Feb is a 调休 working day'],
  ['policeReview', '2025-01-25', '2025-02-05', '2025-01-28', '28 Jan 2025 is 除夕, 春节 runs to Tue 4 Feb'],
  ['reconsiderationRequest', '2026-02-11', '2026-02-14', '2026-02-16', 'Sat 14 Feb 2026 is a 调休 working day: no roll'],
  ['reconsiderationDecision', '2026-02-12', '2026-02-24', '2026-02-16', 'Sun 15 Feb opens 春节 2026 (15–23 Feb)'],
  ['policeExplanation', '2025-09-21', '2025-09-28', '2025-09-29', 'Sun 28 Sep 2025 is a 调休 working day'],
  ['fileAfterOrder', '2024-09-16', '2024-10-08', '2024-10-01', 'starts on 中秋 2024; 1 Oct is in 国庆 (1–7 Oct)'],
  ['exhibitHandover', '2024-10-09', '2024-10-12', '2024-10-14', 'Sat 12 Oct 2024 is a 调休 working day'],
  ['suggestionReplyHarmSpreading', '2025-12-17', '2026-01-04', '2026-01-01', '元旦 2026 is 1–3 Jan; Sun 4 Jan is a 调休 working day'],
  ['terminationNotice', '2026-04-27', '2026-05-06', '2026-05-04', '劳动节 2026 is 1–5 May'],
  ['pendingTooLong', '2025-02-18', '2026-02-24', '2026-02-18', '365 days later is Wed 18 Feb 2026, in 春节'],
  ['petitionAcceptance', '2025-09-16', '2025-10-09', '2025-10-01', '国庆·中秋 2025 is 1–8 Oct'],
  ['petitionHandling', '2025-08-02', '2025-10-09', '2025-10-01', '60 days later is 1 Oct 2025; rest to 8 Oct'],
  ['petitionReviewApplication', '2026-01-21', '2026-02-24', '2026-02-20', 'Fri 20 Feb 2026 is in 春节'],
  ['petitionReviewDecision', '2026-04-09', '2026-05-09', '2026-05-11', 'Sat 9 May 2026 is a 调休 working day'],
  ['procuratorateProceduralReply', '2024-09-22', '2024-09-29', '2024-09-30', 'Sun 29 Sep 2024 is a 调休 working day'],
  // months
  ['suggestionReply', '2025-12-30', '2026-02-28', '2026-03-02', 'no 30 Feb: the month end, Sat 28 Feb 2026, a 调休 working day: no roll (the issue expected Mon 2 Mar)'],
  ['suggestionReply', '2025-12-15', '2026-02-24', '2026-02-16', 'Sun 15 Feb 2026 opens 春节'],
  ['suggestionReply', '2025-03-31', '2025-06-03', '2025-06-02', 'Sat 31 May 2025 opens 端午 (31 May–2 Jun)'],
  ['publicInterestDecision', '2024-07-01', '2024-10-08', '2024-10-01', '国庆 2024'],
  ['publicInterestSuitDecision', '2024-12-01', '2025-02-05', '2025-02-03', 'Sat 1 Feb 2025 is in 春节 (28 Jan–4 Feb)'],
  ['publicInterestSuitDecision', '2024-08-12', '2024-10-12', '2024-10-14', 'Sat 12 Oct 2024 is a 调休 working day'],
  ['reverseOpinionReply', '2025-08-01', '2025-10-09', '2025-10-01', '国庆·中秋 2025 is 1–8 Oct'],
  ['procuratorateResult', '2025-11-30', '2026-02-28', '2026-03-02', 'no 30 Feb: month end Sat 28 Feb 2026, a 调休 working day'],
  // working days
  ['reverseReferral', '2026-02-13', '2026-02-25', '2026-02-18', 'Sat 14 Feb (1), 春节 15–23 Feb, 24 (2), 25 (3)'],
  ['reverseReview', '2026-02-13', '2026-03-05', '2026-02-27', 'Sat 14 Feb (1), 24–27 Feb (2–5), Sat 28 Feb (6), 2–5 Mar (7–10)'],
  ['hotlineReturn', '2025-10-01', '2025-10-10', '2025-10-03', 'starts on National Day: 9 Oct (1), 10 Oct (2)'],
  ['hotlineHandling', '2026-02-17', '2026-02-28', '2026-02-24', 'starts in 春节: 24–27 Feb (1–4), Sat 28 Feb (5)'],
  ['hotlineHandling', '2024-02-12', '2024-02-22', '2024-02-19', 'starts in 春节 2024: Sun 18 Feb (1), 19–22 Feb (2–5)'],
  ['rescueDecision', '2024-09-30', '2024-10-18', '2024-10-14', '国庆 1–7 Oct; 8–11 Oct (1–4), Sat 12 Oct (5), 14–18 Oct (6–10)'],
  ['rescueNotification', '2024-02-08', '2024-02-18', '2024-02-12', 'Fri 9 Feb 2024 (除夕, worked that year) (1), Sun 18 Feb (2)'],
  ['dataRequestCompliance', '2025-01-24', '2025-01-27', '2025-01-28', 'Sun 26 Jan 2025 is a 调休 working day (1), Mon 27 (2)'],
  ['dataRequestProviderReview', '2025-09-26', '2025-10-10', '2025-10-03', 'Sun 28 Sep (1), 29, 30 Sep (2, 3), 9, 10 Oct (4, 5)'],
  ['dataRequestProviderReviewUncatalogued', '2026-01-03', '2026-01-15', '2026-01-16', 'starts on 元旦: Sun 4 Jan (1), 5–9 (2–6), 12–15 (7–10)'],
  // hours: exact, a holiday does not move them
  ['transferSend', '2026-02-14 16:30', '2026-02-15 16:30', null, '24 hours from a 调休 Saturday end on the first day of 春节'],
  ['transferSend', '2025-09-30 10:00', '2025-10-01 10:00', null, '24 hours end on National Day'],
];

describe('periods at the turns of 2024–2026, as a clerk counts them on the official calendar', () => {
  it('cover every rule of DEFAULT_RULES and every kind of period', () => {
    expect(new Set(ROWS.map((r) => r[0]))).toEqual(new Set(Object.keys(DEFAULT_RULES)));
  });

  it.each(ROWS)('%s from %s ends %s (weekends only: %s): %s', (rule, start, end, weekendsOnly) => {
    const p = DEFAULT_RULES[rule] as { hours?: number };
    const due = clock(rule, at(start), null, { now: at(start) }).dueAt;
    expect(due.toISOString()).toBe((p.hours ? at(end) : lastInstant(end)).toISOString());
    expect(periodEnd(at(start), DEFAULT_RULES[rule])).toEqual(due);
    const old = periodEnd(at(start), DEFAULT_RULES[rule], WEEKENDS_ONLY);
    expect(p.hours ? old : day(old)).toEqual(weekendsOnly ?? (p.hours ? due : end));
  });

  it('is judged overdue at 24:00 of a 调休 Saturday', () => {
    const served = cst('2025-12-30');
    expect(clock('suggestionReply', served, cst('2026-02-28', '23:59'), { now: cst('2026-06-01') }).overdue).toBe(false);
    expect(clock('suggestionReply', served, cst('2026-03-01', '00:01'), { now: cst('2026-06-01') }).overdue).toBe(true);
  });

  it('rolls and counts with the calendar functions alike', () => {
    expect(day(rollToWorkingDay(cst('2026-02-15')))).toBe('2026-02-24');
    expect(day(rollToWorkingDay(cst('2026-02-28')))).toBe('2026-02-28');
    expect(day(addWorkingDays(cst('2026-02-13'), 1))).toBe('2026-02-14');
  });
});

/**
 * Pauses (a petition's hearing, a review's suspension) and a petition's extension across holidays. A clerk leaves the
 * paused days out of the count, then applies 第二百零三条 to the last day so found; lib/deadlines adds the pause's length
 * to the already rolled end. The two agree when the period ended on a working day and the moved end is one too.
 */
type PauseRow = [what: string, rule: RuleName, start: string, pause: Pause, end: string, why: string];
const agreeing: PauseRow[] = [
  ['hearing over National Day', 'petitionHandling', '2025-08-22', { from: cst('2025-09-30'), to: cst('2025-10-09') }, '2025-10-30', '60 days end Tue 21 Oct; 9 days paused → Thu 30 Oct'],
  ['hearing over 春节 2026', 'petitionHandling', '2026-01-09', { from: cst('2026-02-14'), to: cst('2026-02-23') }, '2026-03-19', '60 days end Tue 10 Mar; 9 days paused → Thu 19 Mar'],
];
// Rows where a pause or an extension pushes the end onto a holiday: the last day is rolled after the pause.
const rolledAfterPause: PauseRow[] = [
  ['hearing pushes the end into National Day', 'petitionHandling', '2025-07-31', { from: cst('2025-08-11'), to: cst('2025-08-14') }, '2025-10-09', '60 days end Mon 29 Sep; 3 days paused → Thu 2 Oct, a holiday → 9 Oct '],
  ['hearing after an end rolled out of National Day', 'petitionHandling', '2025-08-02', { from: cst('2025-08-10'), to: cst('2025-08-12') }, '2025-10-09', '60 days end 1 Oct; 2 days paused → 3 Oct, a holiday → 9 Oct'],
  ['suspension of a working-day review over National Day', 'reverseReview', '2025-09-22', { from: cst('2025-09-29', '00:00'), to: cst('2025-10-09', '00:00') }, '2025-10-14', '23–26 Sep, Sun 28 Sep (1–5); 29, 30 Sep suspended; 9, 10, Sat 11, 13, 14 Oct (6–10)'],
];

describe('pauses and extensions across a holiday', () => {
  const due = (rule: RuleName, start: string, pause: Pause) => clock(rule, cst(start), null, { now: cst(start), pauses: [pause] }).dueAt;

  it.each(agreeing)('%s: %s from %s, paused %o, ends %s (%s)', (_, rule, start, pause, end) => {
    expect(due(rule, start, pause).toISOString()).toBe(lastInstant(end).toISOString());
  });

  it.each(rolledAfterPause)('%s: %s from %s, paused %o, ends %s (%s)', (_, rule, start, pause, end) => {
    expect(due(rule, start, pause).toISOString()).toBe(lastInstant(end).toISOString());
  });

  it('is never overdue while a pause over a holiday is open', () => {
    const c = clock('reverseReview', cst('2025-09-22'), null, { now: cst('2025-10-20'), pauses: [{ from: cst('2025-09-29', '00:00') }] });
    expect(c.overdue).toBe(false);
  });

  it("rolls a petition's extended end out of a holiday", () => {
    // Accepted Tue 1 Jul 2025: 60 days end Sat 30 Aug → Mon 1 Sep. Extended 30 days → 1 Oct, National Day → 9 Oct.
    const c = clock('petitionHandling', cst('2025-07-01'), null, { now: cst('2025-07-02'), extensionDays: 30 });
    expect(day(c.dueAt)).toBe('2025-10-09');
  });
});

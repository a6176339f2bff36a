import { addMonths, addWorkingDays, chinaDate, isWorkingDay, rollToWorkingDay, type WorkCalendar } from '../../lib/calendar';
import { resetConfig } from '../../lib/config';
import { clock, deadlineRules, periodEnd, resetDeadlineRules } from '../../lib/deadlines';

// Beijing-time instants: clerks think in China dates.
const cst = (date: string, time = '09:00') => new Date(`${date}T${time}:00+08:00`);
const day = (d: Date) => chinaDate(d);
const none: WorkCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };
// 2025 National Day: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked (国务院办公厅 2025 holiday notice).
const nationalDay: WorkCalendar = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']),
  makeUpWorkdays: new Set(['2025-09-28', '2025-10-11']),
};

describe('month arithmetic (China calendar, month ends clamp)', () => {
  it.each([
    ['2024-03-31', 2, '2024-05-31'],
    ['2024-12-30', 2, '2025-02-28'],
    ['2023-12-30', 2, '2024-02-29'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-08-31', 3, '2025-11-30'],
    ['2025-11-15', 3, '2026-02-15'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(day(addMonths(cst(from), months))).toBe(to);
  });

  it('counts in China time even just after midnight there (still the previous UTC day)', () => {
    expect(day(addMonths(cst('2024-12-31', '01:00'), 2))).toBe('2025-02-28');
  });
});

describe('working days', () => {
  it.each([
    ['Fri 2025-03-07 + 1', '2025-03-07', 1, '2025-03-10'] as const,
    ['Thu 2025-03-06 + 5', '2025-03-06', 5, '2025-03-13'],
    ['Sat 2025-03-08 + 1', '2025-03-08', 1, '2025-03-10'],
    ['Mon 2025-03-03 + 10', '2025-03-03', 10, '2025-03-17'],
  ])('%s → %s', (_, from, n, to) => {
    expect(day(addWorkingDays(cst(from), n, none))).toBe(to);
  });

  it('skips configured holidays and counts make-up working days', () => {
    expect(isWorkingDay(cst('2025-10-03'), nationalDay)).toBe(false);
    expect(isWorkingDay(cst('2025-09-28'), nationalDay)).toBe(true); // a Sunday worked
    expect(day(addWorkingDays(cst('2025-09-26'), 1, nationalDay))).toBe('2025-09-28');
    expect(day(addWorkingDays(cst('2025-09-30'), 1, nationalDay))).toBe('2025-10-09');
    expect(day(addWorkingDays(cst('2025-09-30'), 2, nationalDay))).toBe('2025-10-10');
    expect(day(addWorkingDays(cst('2025-09-30'), 3, nationalDay))).toBe('2025-10-11'); // a Saturday worked
  });
});

describe('periods end on a working day', () => {
  it('moves a last day on a weekend or holiday to the next working day', () => {
    expect(day(rollToWorkingDay(cst('2025-05-31'), none))).toBe('2025-06-02'); // Saturday
    expect(day(periodEnd(cst('2025-09-16'), { days: 15 }, nationalDay))).toBe('2025-10-09');
    expect(day(periodEnd(cst('2025-03-31'), { months: 2 }, none))).toBe('2025-06-02'); // 31 May 2025 is a Saturday
    expect(day(periodEnd(cst('2024-03-31'), { months: 2 }, none))).toBe('2024-05-31'); // a Friday: no move
  });

  it('counts hours exactly (移送 within 24 h of approval)', () => {
    expect(periodEnd(cst('2025-03-07', '16:30'), { hours: 24 }, none).toISOString()).toBe(cst('2025-03-08', '16:30').toISOString());
  });

  it('runs to the end of the last day (24:00 Beijing time) for day, month and working-day periods', () => {
    expect(periodEnd(cst('2024-03-31', '09:00'), { months: 2 }, none).toISOString()).toBe('2024-05-31T15:59:59.999Z');
  });
});

describe('clocks', () => {
  const served = cst('2024-03-31');
  it('is overdue only after the due date while running, and judged at the stop time once stopped', () => {
    expect(clock('suggestionReply', served, null, { cal: none, now: cst('2024-05-31', '18:00') }).overdue).toBe(false);
    expect(clock('suggestionReply', served, null, { cal: none, now: cst('2024-06-01') }).overdue).toBe(true);
    expect(clock('suggestionReply', served, cst('2024-05-20'), { cal: none, now: cst('2025-01-01') }).overdue).toBe(false);
    expect(clock('suggestionReply', served, cst('2024-06-03'), { cal: none, now: cst('2025-01-01') }).overdue).toBe(true);
  });

  it('adds paused time (hearings, suspensions) and is not overdue during an open pause', () => {
    const start = cst('2025-03-03');
    const base = clock('reverseReview', start, null, { cal: none, now: start }).dueAt;
    expect(day(base)).toBe('2025-03-17');
    const paused = clock('reverseReview', start, null, { cal: none, now: cst('2025-03-20'), pauses: [{ from: cst('2025-03-05'), to: cst('2025-03-12') }] });
    expect(day(paused.dueAt)).toBe('2025-03-24');
    expect(paused.overdue).toBe(false);
    const open = clock('reverseReview', start, null, { cal: none, now: cst('2025-04-30'), pauses: [{ from: cst('2025-03-05') }] });
    expect(open.overdue).toBe(false);
  });

  it('adds an extension (信访 handling + 30 days)', () => {
    const c = clock('petitionHandling', cst('2025-01-02'), null, { cal: none, extensionDays: 30, now: cst('2025-01-03') });
    expect(day(c.dueAt)).toBe('2025-04-02');
  });
});

describe('configurable rules', () => {
  afterEach(() => {
    delete process.env.DEADLINE_RULES;
    resetConfig();
    resetDeadlineRules();
  });

  it('lets a locality override a default', () => {
    process.env.DEADLINE_RULES = '{"petitionHandling":{"days":45}}';
    resetConfig();
    resetDeadlineRules();
    expect(deadlineRules().petitionHandling).toEqual({ days: 45 });
    expect(deadlineRules().petitionAcceptance).toEqual({ days: 15 });
  });

  it('names a bad override', () => {
    process.env.DEADLINE_RULES = '{"petitionHandling":{"weeks":2}}';
    resetConfig();
    resetDeadlineRules();
    expect(() => deadlineRules()).toThrow(/DEADLINE_RULES.petitionHandling/);
    process.env.DEADLINE_RULES = '{"nonsense":{"days":2}}';
    resetConfig();
    resetDeadlineRules();
    expect(() => deadlineRules()).toThrow(/unknown rule "nonsense"/);
  });
});

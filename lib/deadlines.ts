import { z } from 'zod';
import { addDays, addMonths, addWorkingDays, endOfChinaDay, isWorkingDay, MS, rollToWorkingDay, startOfChinaDay, workCalendar, type WorkCalendar } from './calendar';
import { config } from './config';

/** A legal period: calendar days, working days, months or hours (exactly one). */
export interface Period {
  days?: number;
  workingDays?: number;
  months?: number;
  hours?: number;
}

/** A pause of a running clock (听证 hearing, 复议/申诉 suspension); `to` null = still paused. */
export interface Pause {
  from: Date;
  to?: Date | null;
}

const period = z
  .object({ days: z.number().int().positive(), workingDays: z.number().int().positive(), months: z.number().int().positive(), hours: z.number().int().positive() })
  .partial()
  .refine((p) => Object.keys(p).length === 1, 'give exactly one of days, workingDays, months, hours');

/**
 * The legal periods of docs/domain.md#legal-periods with their national defaults. A locality overrides any of them with
 * DEADLINE_RULES, a JSON object such as {"petitionHandling":{"days":45}} (validated at start).
 */
export const DEFAULT_RULES = {
  // 行刑衔接 (国务院令第310号)
  transferApproval: { days: 3 },
  transferSend: { hours: 24 },
  policeReview: { days: 3 },
  reconsiderationRequest: { days: 3 },
  reconsiderationDecision: { days: 3 },
  policeExplanation: { days: 7 },
  fileAfterOrder: { days: 15 },
  exhibitHandover: { days: 3 },
  // 行刑反向衔接
  reverseReferral: { workingDays: 3 },
  reverseReview: { workingDays: 10 },
  // 检察意见 → the competent agency's decision (reverseOpinionReply). Basis, honestly: the county's opinion (§四(一)) only
  // says the agency 应将处理情况及时回复检察机关, with no period. Two months is the default the 府检联动 issue asks for;
  // it matches, as far as recalled here (the texts were not at hand to quote an article), the written reply within two
  // months of receiving the 检察意见书 in 最高人民检察院《关于推进行政执法与刑事司法衔接工作的规定》(2021) and
  // 《人民检察院行刑反向衔接工作指引》(2024). Counted from the opinion's issue (the hub has no receipt date).
  // A locality sets its own with DEADLINE_RULES, e.g. {"reverseOpinionReply":{"months":3}}.
  reverseOpinionReply: { months: 2 },
  // 检察建议 and 公益诉讼
  suggestionReply: { months: 2 },
  suggestionReplyHarmSpreading: { days: 15 },
  publicInterestDecision: { months: 3 },
  publicInterestSuitDecision: { months: 2 },
  terminationNotice: { days: 7 },
  pendingTooLong: { days: 365 },
  // 信访 and hotlines
  petitionAcceptance: { days: 15 },
  petitionHandling: { days: 60 },
  petitionReviewApplication: { days: 30 },
  petitionReviewDecision: { days: 30 },
  procuratorateProceduralReply: { days: 7 },
  procuratorateResult: { months: 3 },
  hotlineReturn: { workingDays: 2 },
  hotlineHandling: { workingDays: 5 },
  // 司法救助
  rescueDecision: { workingDays: 10 },
  rescueNotification: { workingDays: 2 },
  // 共享申请
  dataRequestCompliance: { workingDays: 2 },
  dataRequestProviderReview: { workingDays: 5 },
  dataRequestProviderReviewUncatalogued: { workingDays: 10 },
} satisfies Record<string, Period>;

export type RuleName = keyof typeof DEFAULT_RULES;

/** Largest extensions allowed, in days. */
export const MAX_EXTENSION_DAYS = { petitionHandling: 30, hotlineHandling: 10 } as const;

let cached: Record<RuleName, Period> | undefined;

/** The effective rules: defaults overridden by DEADLINE_RULES. Throws naming a bad rule. */
export function deadlineRules(): Record<RuleName, Period> {
  if (cached) return cached;
  const raw = config().DEADLINE_RULES;
  const overrides = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in DEFAULT_RULES)) throw new Error(`DEADLINE_RULES: unknown rule "${name}"`);
    const parsed = period.safeParse(value);
    if (!parsed.success) throw new Error(`DEADLINE_RULES.${name}: ${parsed.error.issues[0].message}`);
  }
  cached = { ...DEFAULT_RULES, ...(overrides as Record<RuleName, Period>) };
  return cached;
}

/** Forget cached rules (tests change DEADLINE_RULES). */
export function resetDeadlineRules(): void {
  cached = undefined;
}

/** The end of `p` counted from `start` (the last day runs to 24:00), before pauses and extensions. */
export function periodEnd(start: Date, p: Period, cal: WorkCalendar = workCalendar()): Date {
  if (p.hours) return new Date(start.getTime() + p.hours * MS.hour);
  if (p.workingDays) return endOfChinaDay(addWorkingDays(start, p.workingDays, cal));
  if (p.months) return endOfChinaDay(rollToWorkingDay(addMonths(start, p.months), cal));
  return endOfChinaDay(rollToWorkingDay(addDays(start, p.days ?? 0), cal));
}

export interface ClockOptions {
  /** Extra calendar days granted (信访 extension). */
  extensionDays?: number;
  /** Time that does not count (hearings, suspensions): the deadline moves by their length. */
  pauses?: readonly Pause[];
  cal?: WorkCalendar;
  now?: Date;
}

/** A running clock of a record: when it is due and whether it is overdue now (or was, when stopped). */
export interface Clock {
  dueAt: Date;
  overdue: boolean;
}

/**
 * The clock of rule `rule` started at `start` and stopped at `stoppedAt` (null while running), counted as a clerk
 * counts: paused time (hearings, suspensions) does not count — a paused working day is not counted for a period in
 * working days, paused calendar time moves the period's own last day — and an extension (信访 延期) runs from the
 * period's lawful end. The last day is rolled to a working day after both (民法典 第二百零三条), so a pause or an
 * extension never ends a period on a holiday. A paused clock is not overdue while the pause lasts.
 */
export function clock(rule: RuleName | Period, start: Date, stoppedAt: Date | null | undefined, options: ClockOptions = {}): Clock {
  const p = typeof rule === 'string' ? deadlineRules()[rule] : rule;
  const now = options.now ?? new Date();
  const cal = options.cal ?? workCalendar();
  const pauses = (options.pauses ?? [])
    .map((pause) => ({ from: pause.from, to: pause.to ?? stoppedAt ?? now }))
    .filter((pause) => pause.to > pause.from);
  const paused = pauses.reduce((ms, pause) => ms + (pause.to.getTime() - pause.from.getTime()), 0);
  let due: Date;
  if (p.hours) {
    due = new Date(start.getTime() + p.hours * MS.hour + paused);
  } else if (p.workingDays) {
    // A day counts when it is a working day and its start is not inside a pause.
    const counts = (d: Date) => isWorkingDay(d, cal) && !pauses.some((pause) => startOfChinaDay(d) >= pause.from && startOfChinaDay(d) < pause.to);
    let last = start;
    for (let left = p.workingDays; left > 0; ) {
      last = addDays(last, 1);
      if (counts(last)) left -= 1;
    }
    due = endOfChinaDay(rollToWorkingDay(options.extensionDays ? addDays(last, options.extensionDays) : last, cal));
  } else {
    let last = p.months ? addMonths(start, p.months) : addDays(start, p.days ?? 0);
    if (options.extensionDays) last = addDays(rollToWorkingDay(last, cal), options.extensionDays);
    due = endOfChinaDay(rollToWorkingDay(new Date(last.getTime() + paused), cal));
  }
  const pausedOpen = (options.pauses ?? []).some((pause) => !pause.to);
  const at = stoppedAt ?? now;
  return { dueAt: due, overdue: at > due && !(pausedOpen && !stoppedAt) };
}

import { clock, deadlineRules, MAX_EXTENSION_DAYS, type Clock, type Pause, type Period, type RuleName } from '../../lib/deadlines';
import type { HotlineTicketDoc, PetitionDoc } from './models';

// Petitions-specific glue over lib/deadlines: which legal clocks a petition or ticket runs in which status,
// from which date, stopped by which date. The periods themselves are lib's DEFAULT_RULES (or DEADLINE_RULES).

export { MAX_EXTENSION_DAYS };

/** A clock of a record: `duty` = an agency owes the act (counts for overdue); otherwise a window (to apply, to return). */
export interface NamedClock extends Clock {
  rule: RuleName;
  duty: boolean;
  /** Runs in the record's current status (shown in `deadlines`). */
  running: boolean;
}

export type PetitionTimes = Pick<PetitionDoc, 'status' | 'receivedAt' | 'procuratorateHandled'> &
  Partial<Pick<PetitionDoc,
    | 'acceptedAt' | 'notAcceptedAt' | 'answeredAt' | 'extensionDays' | 'proceduralRepliedAt' | 'hearings'
    | 'reviewAppliedAt' | 'reviewDecidedAt' | 'reReviewAppliedAt' | 'reReviewDecidedAt' | 'closedAt'>>;

export type PetitionClockName =
  | 'acceptance' | 'handling' | 'proceduralReply' | 'result'
  | 'reviewApplication' | 'reviewDecision' | 'reReviewApplication' | 'reReviewDecision';

/** The hearings that fall inside a clock's run [start, stop): only those stop it. */
function pausesWithin(hearings: readonly Pause[], start: Date, stop: Date | null | undefined): Pause[] {
  return hearings
    .filter((h) => h.from >= start && (!stop || h.from < stop))
    .map((h) => ({ from: h.from, to: h.to && stop && h.to > stop ? stop : (h.to ?? null) }));
}

/**
 * Every clock of a petition that has started, by name. Hearings (公开听证) stop the agencies' clocks that
 * run through them; the petitioner's application windows are not paused.
 */
export function petitionClocks(p: PetitionTimes, now = new Date()): Partial<Record<PetitionClockName, NamedClock>> {
  const hearings = p.hearings ?? [];
  const make = (rule: RuleName, start: Date, stop: Date | null | undefined, running: boolean, duty: boolean, extensionDays?: number | null): NamedClock => ({
    rule,
    duty,
    running: running && !stop,
    ...clock(rule, start, stop ?? null, { pauses: duty ? pausesWithin(hearings, start, stop) : [], extensionDays: extensionDays ?? undefined, now }),
  });
  const s = p.status;
  const clocks: Partial<Record<PetitionClockName, NamedClock>> = {
    acceptance: make('petitionAcceptance', p.receivedAt, p.acceptedAt ?? p.notAcceptedAt, s === 'RECEIVED', true),
  };
  if (p.acceptedAt) clocks.handling = make('petitionHandling', p.acceptedAt, p.answeredAt, s === 'ACCEPTED' || s === 'HANDLING', true, p.extensionDays);
  if (p.procuratorateHandled) {
    // 件件有回复: a procedural reply within 7 days (an answer or a refusal is a reply too), a result within 3 months.
    clocks.proceduralReply = make('procuratorateProceduralReply', p.receivedAt, p.proceduralRepliedAt ?? p.notAcceptedAt ?? p.answeredAt, true, true);
    clocks.result = make('procuratorateResult', p.receivedAt, p.answeredAt ?? p.notAcceptedAt, true, true);
  }
  if (p.answeredAt) clocks.reviewApplication = make('petitionReviewApplication', p.answeredAt, p.reviewAppliedAt ?? p.closedAt, s === 'ANSWERED', false);
  if (p.reviewAppliedAt) clocks.reviewDecision = make('petitionReviewDecision', p.reviewAppliedAt, p.reviewDecidedAt, s === 'REVIEW', true);
  if (p.reviewDecidedAt) clocks.reReviewApplication = make('petitionReviewApplication', p.reviewDecidedAt, p.reReviewAppliedAt ?? p.closedAt, s === 'REVIEW', false);
  if (p.reReviewAppliedAt) clocks.reReviewDecision = make('petitionReviewDecision', p.reReviewAppliedAt, p.reReviewDecidedAt, s === 'RE_REVIEW', true);
  return clocks;
}

/** The clocks running now, earliest first. */
export function runningClocks<N extends string>(clocks: Partial<Record<N, NamedClock>>): NamedClock[] {
  return (Object.values(clocks) as NamedClock[]).filter((c) => c.running).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The earliest running duty (the record's `dueAt` / `overdue`), or null. */
export function mainClock<N extends string>(clocks: Partial<Record<N, NamedClock>>): NamedClock | null {
  return runningClocks(clocks).find((c) => c.duty) ?? null;
}

/** The stored fields derived from a petition's dates (part of workflow.ts `derive`, applied with every write). */
export function petitionDerived(p: PetitionTimes) {
  const clocks = petitionClocks(p);
  const main = mainClock(clocks);
  const hearingOpen = (p.hearings ?? []).some((h) => !h.to);
  return {
    // While a hearing lasts the clocks are stopped and nothing is overdue; the due date is only known afterwards.
    nextDueAt: main && !hearingOpen ? main.dueAt : null,
    acceptedInTime: !!p.acceptedAt && !clocks.acceptance?.overdue,
    answeredInTime: !!p.answeredAt && !clocks.handling?.overdue && !clocks.result?.overdue,
    hearingHeld: (p.hearings ?? []).length > 0,
  };
}

export type TicketTimes = Pick<HotlineTicketDoc, 'status' | 'dispatchedAt'> &
  Partial<Pick<HotlineTicketDoc, 'acceptedAt' | 'feedbackAt' | 'extensionDays' | 'returns'>>;

export type TicketClockName = 'return' | 'handling';

/** The handling period with an extension of working days (a calendar-day rule override takes them as days). */
function hotlineHandling(extension: number | null | undefined): { period: RuleName | Period; extensionDays?: number } {
  if (!extension) return { period: 'hotlineHandling' };
  const p = deadlineRules().hotlineHandling;
  return p.workingDays ? { period: { workingDays: p.workingDays + extension } } : { period: p, extensionDays: extension };
}

/** The clocks of a ticket since its (last) dispatch: the return window and the handling period. */
export function ticketClocks(t: TicketTimes, now = new Date()): Record<TicketClockName, NamedClock> {
  const lastReturn = t.status === 'RETURNED' ? t.returns?.at(-1)?.returnedAt : null;
  const handling = hotlineHandling(t.extensionDays);
  return {
    return: { rule: 'hotlineReturn', duty: false, running: t.status === 'DISPATCHED', ...clock('hotlineReturn', t.dispatchedAt, lastReturn ?? t.acceptedAt ?? null, { now }) },
    handling: {
      rule: 'hotlineHandling',
      duty: true,
      running: t.status === 'DISPATCHED' || t.status === 'HANDLING',
      ...clock(handling.period, t.dispatchedAt, t.feedbackAt ?? null, { extensionDays: handling.extensionDays, now }),
    },
  };
}

/** The stored fields derived from a ticket's dates (part of workflow.ts `derive`, applied with every write). */
export function ticketDerived(t: TicketTimes) {
  const { handling } = ticketClocks(t);
  return { nextDueAt: handling.running ? handling.dueAt : null, onTime: !!t.feedbackAt && !handling.overdue };
}

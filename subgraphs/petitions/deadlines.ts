import type { PetitionStatus } from './__generated__/resolvers-types';

/** Deadline defaults of DOMAIN.md (信访工作条例, 12309 件件有回复, 12345 工单). */
export const DEADLINES = {
  acceptanceDays: 15,
  handlingDays: 60,
  maxExtensionDays: 30,
  proceduralReplyDays: 7,
  resultMonths: 3,
  hotlineWorkingDays: 5,
} as const;

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000; // weekends and years are counted in China Standard Time

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

/** Calendar months, clamped to the month's last day (11-30 + 3 months = 02-28). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(d.getUTCDate(), last));
  return r;
}

/** `days` working days after `d`, skipping Saturdays and Sundays (no holiday calendar yet). */
export function addWorkingDays(d: Date, days: number): Date {
  const local = new Date(d.getTime() + CHINA_OFFSET);
  for (let counted = 0; counted < days; ) {
    local.setUTCDate(local.getUTCDate() + 1);
    const weekday = local.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return new Date(local.getTime() - CHINA_OFFSET);
}

export const yearInChina = (d: Date) => new Date(d.getTime() + CHINA_OFFSET).getUTCFullYear();

const earliest = (a: Date, b: Date | null) => (b && b < a ? b : a);

export interface PetitionTimes {
  status: PetitionStatus;
  receivedAt: Date;
  acceptedAt?: Date | null;
  answeredAt?: Date | null;
  extensionDays?: number | null;
  procuratorateHandled: boolean;
}

/** Every stored deadline field of a petition, recomputed from its dates on each write. */
export function petitionDeadlines(p: PetitionTimes) {
  const acceptanceDueAt = addDays(p.receivedAt, DEADLINES.acceptanceDays);
  const proceduralReplyDueAt = p.procuratorateHandled ? addDays(p.receivedAt, DEADLINES.proceduralReplyDays) : null;
  const resultDueAt = p.procuratorateHandled ? addMonths(p.receivedAt, DEADLINES.resultMonths) : null;
  const handlingDueAt = p.acceptedAt ? addDays(p.acceptedAt, DEADLINES.handlingDays + (p.extensionDays ?? 0)) : null;
  // For the procuratorate the acceptance decision is the 7-day procedural reply.
  const acceptBy = earliest(acceptanceDueAt, proceduralReplyDueAt);
  const answerBy = handlingDueAt ? earliest(handlingDueAt, resultDueAt) : null;
  const open = p.status === 'RECEIVED' ? acceptBy : p.status === 'ACCEPTED' || p.status === 'HANDLING' ? answerBy : null;
  return {
    acceptanceDueAt,
    proceduralReplyDueAt,
    resultDueAt,
    handlingDueAt,
    nextDueAt: open,
    acceptedInTime: !!p.acceptedAt && p.acceptedAt <= acceptBy,
    answeredInTime: !!p.answeredAt && !!answerBy && p.answeredAt <= answerBy,
  };
}

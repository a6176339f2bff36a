// Working days skip Saturdays and Sundays in China time (UTC+8); no holiday calendar yet.
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function isWeekend(d: Date): boolean {
  const day = new Date(d.getTime() + CHINA_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/** `days` working days after `from`, at the same time of day. */
export function addWorkingDays(from: Date, days: number): Date {
  let d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d = new Date(d.getTime() + DAY_MS);
    if (!isWeekend(d)) left -= 1;
  }
  return d;
}

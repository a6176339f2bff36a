/** A `{ $gte, $lt }` condition from optional list-filter bounds, or undefined when neither is given. */
export function dateRange(from?: Date | null, to?: Date | null): { $gte?: Date; $lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
}

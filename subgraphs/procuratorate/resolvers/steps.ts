import { chinaDate } from '../../../lib/calendar';
import { badInput } from '../../../lib/errors';
import { check } from '../../../lib/validate';

/** The latest of a record's dated steps and its field name (a new step must not come before it). */
export function latestStep(doc: object, fields: readonly string[], extra: [Date | null | undefined, string][] = []): [Date, string] | null {
  let latest: [Date, string] | null = null;
  const dated = [...fields.map((f) => [(doc as Record<string, unknown>)[f], f] as [unknown, string]), ...extra];
  for (const [at, field] of dated) {
    if (at instanceof Date && (!latest || at > latest[0])) latest = [at, field];
  }
  return latest;
}

/** The date of a step (now when not given): not in the future, not before `latest`. */
export function stepDate(field: string, value: Date | null | undefined, latest: [Date, string] | null): Date {
  const at = check.notFuture(field, value ?? new Date());
  if (latest && at < latest[0]) throw badInput(field, `must not be before ${latest[1]} (${chinaDate(latest[0])})`);
  return at;
}

/** Optional free text of a step. */
export const noteOf = (note: string | null | undefined, field = 'note') => (note == null || !note.trim() ? null : check.nonEmpty(field, note, 2000));

/** Required text (a reason, a reply, a plan): BAD_USER_INPUT when blank. */
export const required = (field: string, value: string, max = 2000) => check.nonEmpty(field, value, max);

/** The history note of a step whose text is required: the text, shortened to the history's limit. */
export const historyNote = (value: string) => value.trim().slice(0, 2000) || null;

import { check } from '../validate';

// The free text of workflow steps, validated alike in every subgraph.

/** Optional free text of a step (blank → null). */
export const noteOf = (note: string | null | undefined, field = 'note') => (note == null || !note.trim() ? null : check.nonEmpty(field, note, 2000));

/** Required text (a reason, a reply, a plan): BAD_USER_INPUT when blank. */
export const required = (field: string, value: string, max = 2000) => check.nonEmpty(field, value, max);

/** The history note of a step whose text is required: the text, shortened to the history's limit. */
export const historyNote = (value: string) => value.trim().slice(0, 2000) || null;

import type { Act, Machine, StatusChange } from '../../lib/workflow';
import { addDays, type Random } from '../random';

type Walked<S extends string> = { status: S; history: StatusChange[]; version: number };

/** One planned event: a move to `to` (or an act that keeps the status), `gap` days after the previous event. */
export interface Event<S extends string, D> {
  to: S;
  gap: number;
  note?: string | null;
  act?: Act<S, D>;
  /** Fields the step writes, from its date and the record before the step. */
  set?: (at: Date, doc: D) => Partial<D>;
}

export const actor = (agency: string) => `seed-${agency}`;
const first = (agencies: string | readonly (string | null | undefined)[] | null | undefined) =>
  [agencies].flat().find((a): a is string => typeof a === 'string')!;

/** The dates of a plan from `start` (the record's creation). */
export function dated<T extends { gap: number }>(start: Date, plan: readonly T[]): (T & { at: Date })[] {
  let at = start;
  return plan.map((e) => ({ ...e, at: (at = addDays(at, e.gap)) }));
}

/** Days from the creation to the last event of a plan. */
export const span = (plan: readonly { gap: number }[]) => plan.reduce((s, e) => s + e.gap, 0);

/**
 * Walks `doc` (created at `created` by `creator`) along dated events up to `today`: every move must be a step
 * of the machine and every act one of its acts in the current status, taken by the agency the step names;
 * dates never go back. Throws otherwise, so the seed cannot drift from the rules.
 */
export function walk<S extends string, D extends Walked<S>>(machine: Machine<S, D>, doc: D, created: Date, creator: string,
  events: readonly (Event<S, D> & { at: Date })[], today: Date): D {
  doc.history = [{ at: created, actor: actor(creator), agency: creator, from: null, to: doc.status, note: null }];
  for (const e of events) {
    if (e.at > today) break;
    const from = doc.status;
    if (e.at < doc.history[doc.history.length - 1].at) throw new Error(`seed: ${from} → ${e.to} goes back in time`);
    let agency: string;
    if (e.act) {
      if (!e.act.in.includes(from)) throw new Error(`seed: the act to ${e.to} is not allowed when ${from}`);
      agency = first(e.act.by(doc));
    } else {
      const step = machine[from]?.[e.to];
      if (!step) throw new Error(`seed: ${from} → ${e.to} is not a step of the machine`);
      agency = first(step.by(doc));
    }
    Object.assign(doc, e.set?.(e.at, doc) ?? {});
    if (!e.act) doc.status = e.to;
    doc.history.push({ at: e.at, actor: actor(agency), agency, from, to: doc.status, note: e.note ?? null });
  }
  doc.version = doc.history.length - 1;
  return doc;
}

/** Cuts a plan after the first event reaching `target` (a record left resting there). */
export function upTo<T extends { to: string; act?: unknown }>(plan: T[], target: string | null): T[] {
  if (!target) return plan;
  const i = plan.findIndex((e) => e.to === target && !e.act);
  return i < 0 ? plan : plan.slice(0, i + 1);
}

/** A gap of whole days (so steps keep the working hour of the first), a few hours when on the same day. */
export const between = (rng: Random, [lo, hi]: readonly [number, number]) => rng.int(lo, hi) || rng.int(1, 3) / 24;

import { Schema } from 'mongoose';
import type { Identity } from '../identity';
import type { Role } from '../access/roles';

/** One entry of a record's history: who moved it, when, from which status to which, and why. */
export interface StatusChange {
  at: Date;
  actor: string;
  agency: string;
  from: string | null;
  to: string;
  note?: string | null;
}

/** Add as `history: { type: [statusChangeSchema], default: [] }` to every workflow model. */
export const statusChangeSchema = new Schema<StatusChange>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    agency: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, required: true },
    note: { type: String, default: null, maxlength: 2000 },
  },
  { _id: false },
);

/** Who may take a step: users of the agency (or agencies) `by` names for the record, with one of `roles`. */
export interface Step<D> {
  by: (doc: D) => string | readonly (string | null | undefined)[] | null | undefined;
  /** Default: officer or supervisor. */
  roles?: readonly Role[];
}

/** A status machine: for each status, the statuses it may move to and who may move it there. */
export type Machine<S extends string, D> = Readonly<Record<S, Readonly<Partial<Record<S, Step<D>>>>>>;

/** A step that keeps the status (an extension, a hearing, a notice): who may take it and in which statuses. */
export interface Act<S extends string, D> extends Step<D> {
  in: readonly S[];
  /** How the act reads in messages ("it can be <name> only when …"), e.g. "extended". */
  name: string;
}

/** The statuses a record in `from` may move to, by the machine alone. */
export function nextSteps<S extends string, D>(machine: Machine<S, D>, from: S): S[] {
  return Object.keys(machine[from] ?? {}) as S[];
}

/** The agencies a step names for this record. */
export function agenciesOf<D>(step: Pick<Step<D>, 'by'>, doc: D): string[] {
  return [step.by(doc)].flat().filter((a): a is string => typeof a === 'string');
}

/** Every agency that takes some step of this record's workflow. */
export function participants<S extends string, D>(machine: Machine<S, D>, doc: D): Set<string> {
  const all = new Set<string>();
  for (const steps of Object.values(machine) as Partial<Record<S, Step<D>>>[]) {
    for (const step of Object.values(steps) as Step<D>[]) for (const a of agenciesOf(step, doc)) all.add(a);
  }
  return all;
}

/** The history entry of a record's creation. */
export function created(identity: Identity, to: string, note?: string | null): StatusChange {
  return { at: new Date(), actor: identity.userId, agency: identity.agency, from: null, to, note: note ?? null };
}

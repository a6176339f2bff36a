import { Schema, type Model } from 'mongoose';
import { WRITER_ROLES } from './authz';
import { conflict, forbidden, translateWriteError } from './errors';
import type { Identity, Role } from './identity';

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

/** The statuses a record in `from` may move to. */
export function nextSteps<S extends string, D>(machine: Machine<S, D>, from: S): S[] {
  return Object.keys(machine[from] ?? {}) as S[];
}

function agenciesOf<D>(step: Pick<Step<D>, 'by'>, doc: D): string[] {
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

export interface TransitionArgs<S extends string, D> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow model
  model: Model<any>;
  machine: Machine<S, D>;
  /** What the record is called in messages, e.g. "suggestion". */
  label: string;
  id: string;
  /** The version the caller read: a stale one is refused (optimistic concurrency). */
  version: number;
  to: S;
  identity: Identity;
  note?: string | null;
  /** Fields set with the move (dates, reasons), from the current record; may throw BAD_USER_INPUT. */
  set?: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

type Versioned<S> = { _id: string; version: number; status: S };

/**
 * Moves a record to `to` in one atomic, versioned write with its history entry. Refused, changing
 * nothing: FORBIDDEN when the caller takes no part in the workflow or is not the agency/role of this
 * step; CONFLICT when the current status does not allow the move (naming the allowed next steps) or
 * when someone else changed the record since the caller read it.
 */
export async function transition<S extends string, D extends Versioned<S>>(args: TransitionArgs<S, D>): Promise<D> {
  const { model, machine, label, id, version, to, identity } = args;
  const current = (await model.findById(id).lean()) as D | null;
  if (!current || !participants(machine, current).has(identity.agency)) throw forbidden();
  const allowed = nextSteps(machine, current.status);
  const step = machine[current.status]?.[to];
  if (!step) {
    throw conflict(`this ${label} is ${current.status} and cannot move to ${to}; allowed next: ${allowed.join(', ') || 'none (final)'}`, {
      currentStatus: current.status,
      allowed,
    });
  }
  const agencies = agenciesOf(step, current);
  if (!agencies.includes(identity.agency)) throw forbidden(`only ${agencies.join(' or ')} may move this ${label} to ${to}`);
  const roles = step.roles ?? WRITER_ROLES;
  if (!identity.roles.some((r) => roles.includes(r))) throw forbidden(`moving this ${label} to ${to} needs one of the roles: ${roles.join(', ')}`);
  if (current.version !== version) throw stale(label, current);
  const extra = (await args.set?.(current)) ?? {};
  return write(model, label, current, { ...extra, status: to }, { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to, note: args.note ?? null });
}

/** A step that keeps the status (an extension, a hearing, a notice): who may take it and in which statuses. */
export interface Act<S extends string, D> {
  in: readonly S[];
  by: Step<D>['by'];
  roles?: readonly Role[];
}

export interface ActArgs<S extends string, D> extends Omit<TransitionArgs<S, D>, 'to' | 'set'> {
  act: Act<S, D>;
  /** What the act is called in messages, e.g. "extended". */
  name: string;
  set: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The next steps named when the act is refused (default: the machine's). */
  allowed?: (current: D) => S[];
}

/**
 * Takes a step that keeps the status, with the same refusals as `transition` and a history entry whose
 * from = to = the status: FORBIDDEN for outsiders or the wrong agency/role, CONFLICT when the status does not
 * allow the act or the version is stale.
 */
export async function act<S extends string, D extends Versioned<S>>(args: ActArgs<S, D>): Promise<D> {
  const { model, machine, act: step, name, label, id, version, identity } = args;
  const current = (await model.findById(id).lean()) as D | null;
  if (!current || !participants(machine, current).has(identity.agency)) throw forbidden();
  if (!step.in.includes(current.status)) {
    throw conflict(`this ${label} is ${current.status}: it can be ${name} only when ${step.in.join(' or ')}`, {
      currentStatus: current.status,
      allowed: args.allowed?.(current) ?? nextSteps(machine, current.status),
    });
  }
  const agencies = agenciesOf(step, current);
  if (!agencies.includes(identity.agency)) throw forbidden(`only ${agencies.join(' or ')} may do this for this ${label}`);
  const roles = step.roles ?? WRITER_ROLES;
  if (!identity.roles.some((r) => roles.includes(r))) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
  if (current.version !== version) throw stale(label, current);
  const extra = await args.set(current);
  return write(model, label, current, extra, { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to: current.status, note: args.note ?? null });
}

/**
 * The one versioned write of a step: fields, version + 1 and the history entry. The filter on version and
 * status makes it exclusive: a single-document findAndModify is atomic on MongoDB and on mongo-java-server.
 */
async function write<S extends string, D extends Versioned<S>>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any workflow model
  label: string,
  current: D,
  set: Record<string, unknown>,
  entry: StatusChange,
): Promise<D> {
  const { _id: id, version } = current;
  let updated: D | null = null;
  try {
    updated = (await model
      .findOneAndUpdate(
        { _id: id, version, status: current.status },
        { $set: set, $inc: { version: 1 }, $push: { history: entry } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean()) as D | null;
  } catch (e) {
    translateWriteError(e);
  }
  if (!updated) throw stale(label, (await model.findById(id, { version: 1, status: 1 }).lean()) as D);
  return updated;
}

/** CONFLICT for a record changed since the caller read it. */
export function stale<S extends string>(label: string, current: Versioned<S>) {
  return conflict(`this ${label} was changed by someone else (now ${current.status}, version ${current.version}); reload and try again`, {
    currentStatus: current.status,
    currentVersion: current.version,
  });
}

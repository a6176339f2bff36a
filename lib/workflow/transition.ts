import type { Model } from 'mongoose';
import { hasRole, WRITER_ROLES } from '../access/roles';
import { conflict, forbidden } from '../errors';
import type { Identity } from '../identity';
import { writeVersioned } from '../versioned';
import { agenciesOf, nextSteps, participants, type Act, type Machine, type StatusChange, type Step } from './machine';

export type Versioned<S> = { _id: string; version: number; status: S };

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
  /** The steps open now, when the workflow narrows the machine's (see WorkflowDefinition.unless). */
  allowed?: (current: D) => S[];
  /** Why a machine-allowed move is closed now (CONFLICT), or null. */
  unless?: (current: D) => string | null;
  /** Whether the caller may read the record now: checked before its status, so a refusal never reveals it. */
  mayRead?: (current: D) => Promise<boolean>;
  /** The statuses this mutation's step starts from, when several mutations move to the same status. */
  from?: readonly S[];
}

export interface ActArgs<S extends string, D> extends Omit<TransitionArgs<S, D>, 'to' | 'set' | 'unless' | 'from'> {
  act: Act<S, D>;
  /** What the act is called in messages, e.g. "extended". */
  name: string;
  set: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** The refusal of a step: FORBIDDEN or CONFLICT, checked in the order a clerk can act on. */
interface Gate<S extends string, D> {
  /** Null when the status allows the step, else the CONFLICT message. */
  statusRefusal: (current: D) => string | null;
  /** The step taken from the current record (its agencies and roles). */
  step: (current: D) => Step<D>;
  /** Messages naming who may take the step. */
  wrongAgency: (agencies: string[]) => string;
  wrongRole: (roles: readonly string[]) => string;
  to: (current: D) => S;
}

/**
 * Moves a record to `to` in one atomic, versioned write with its history entry. Refused, changing
 * nothing: FORBIDDEN when the caller takes no part in the workflow or is not the agency/role of this
 * step; CONFLICT when the current status does not allow the move (naming the allowed next steps) or
 * when someone else changed the record since the caller read it.
 */
export function transition<S extends string, D extends Versioned<S>>(args: TransitionArgs<S, D>): Promise<D> {
  const { machine, label, to } = args;
  return takeStep(args, {
    statusRefusal: (current) => {
      const otherStart = args.from && !args.from.includes(current.status);
      if (!machine[current.status]?.[to] || otherStart) {
        const allowed = args.allowed?.(current) ?? nextSteps(machine, current.status);
        return `this ${label} is ${current.status} and cannot move to ${to}${otherStart ? ' this way' : ''}; allowed next: ${allowed.join(', ') || 'none (final)'}`;
      }
      return null;
    },
    step: (current) => machine[current.status]![to]!,
    wrongAgency: (agencies) => `only ${agencies.join(' or ')} may move this ${label} to ${to}`,
    wrongRole: (roles) => `moving this ${label} to ${to} needs one of the roles: ${roles.join(', ')}`,
    to: () => to,
  });
}

/**
 * Takes a step that keeps the status, with the same refusals as `transition` and a history entry whose
 * from = to = the status.
 */
export function act<S extends string, D extends Versioned<S>>(args: ActArgs<S, D>): Promise<D> {
  const { act: step, name, label } = args;
  return takeStep(args, {
    statusRefusal: (current) => (step.in.includes(current.status) ? null : `this ${label} is ${current.status}: it can be ${name} only when ${step.in.join(' or ')}`),
    step: () => step,
    wrongAgency: (agencies) => `only ${agencies.join(' or ')} may do this for this ${label}`,
    wrongRole: (roles) => `this needs one of the roles: ${roles.join(', ')}`,
    to: (current) => current.status,
  });
}

async function takeStep<S extends string, D extends Versioned<S>>(args: TransitionArgs<S, D> | ActArgs<S, D>, gate: Gate<S, D>): Promise<D> {
  const { model, machine, label, id, version, identity } = args;
  const current = (await model.findById(id).lean()) as D | null;
  if (!current || !participants(machine, current).has(identity.agency)) throw forbidden();
  // A participant who may not read the record yet (not yet involved, or sealed) learns nothing of it.
  if (args.mayRead && !(await args.mayRead(current))) throw forbidden();
  const allowed = () => args.allowed?.(current) ?? nextSteps(machine, current.status);
  const refusal = gate.statusRefusal(current);
  if (refusal) throw conflict(refusal, { currentStatus: current.status, allowed: allowed() });
  const to = gate.to(current);
  const step = gate.step(current);
  const agencies = agenciesOf(step, current);
  if (!agencies.includes(identity.agency)) throw forbidden(gate.wrongAgency(agencies));
  const roles = step.roles ?? WRITER_ROLES;
  if (!hasRole(identity, ...roles)) throw forbidden(gate.wrongRole(roles));
  if (current.version !== version) throw stale(label, current);
  const closed = 'unless' in args ? args.unless?.(current) : null;
  if (closed) throw conflict(closed, { currentStatus: current.status, allowed: allowed() });
  const extra = (await args.set?.(current)) ?? {};
  const entry: StatusChange = { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to, note: args.note ?? null };
  return writeVersioned<D>(model, { _id: id, version, status: current.status }, { $set: { ...extra, status: to }, $push: { history: entry } }, () => refetchStale(model, label, id));
}

async function refetchStale<S extends string>(model: Model<any>, label: string, id: string): Promise<never> { // eslint-disable-line @typescript-eslint/no-explicit-any
  throw stale(label, (await model.findById(id, { version: 1, status: 1 }).lean()) as Versioned<S>);
}

/** CONFLICT for a record changed since the caller read it. */
export function stale<S extends string>(label: string, current: Versioned<S>) {
  return conflict(`this ${label} was changed by someone else (now ${current.status}, version ${current.version}); reload and try again`, {
    currentStatus: current.status,
    currentVersion: current.version,
  });
}

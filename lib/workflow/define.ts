import type { Model } from 'mongoose';
import type { AccessControl, Policy } from '../access';
import type { AuditRecorder } from '../audit';
import { chinaDate } from '../calendar';
import { badInput, conflict, translateWriteError } from '../errors';
import type { Identity } from '../identity';
import type { Logger } from '../logger';
import { check } from '../validate';
import { created, nextSteps, type Act, type Machine, type StatusChange } from './machine';
import { act, transition, type Versioned } from './transition';

/** A dated step of a record and the name a refusal gives it ("must not be before <name>"). */
export type DatedStep = readonly [Date | null | undefined, string];

/**
 * Everything about one record type's workflow, written once: the steps and who takes them, the
 * conditions that close a step for a record, the fields derived from the record, and its audit name.
 */
export interface WorkflowDefinition<S extends string, D extends Versioned<S>, A extends string = never> {
  /** The audit resource type: the GraphQL type in UPPER_SNAKE, as reads are audited (e.g. CRIMINAL_TRANSFER). */
  resourceType: string;
  /** What the record is called in messages, e.g. "transfer". */
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow model
  model: Model<any>;
  machine: Machine<S, D>;
  /** Steps that keep the status. */
  acts?: Readonly<Record<A, Act<S, D>>>;
  /** Why a move the machine allows is closed for this record now, or null: such a step is not among its next steps. */
  unless?: Readonly<Partial<Record<S, (doc: D, now: Date) => string | null>>>;
  /** The record's dated steps: a new step may not be dated before the latest of them. */
  dates: readonly string[] | ((doc: D) => readonly DatedStep[]);
  /** Every stored derived field (due dates, counterparts), from the record as it will be: for create, each step and the seed. */
  derive?: (doc: D) => Record<string, unknown>;
  /**
   * Who may read the record (the subgraph's policies.ts). A step is refused (FORBIDDEN) to a participant who may not
   * read the record yet, before its status is looked at; the step's answer goes through the same rule as a read.
   */
  policy?: Policy<D>;
}

/** What a step needs of the request: who, and where its audit and log go. */
export interface StepContext {
  identity: Identity;
  audit: AuditRecorder;
  log: Logger;
  access: AccessControl;
}

export interface StepInput<D, S extends string = string> {
  id: string;
  /** The version the caller read. */
  version: number;
  note?: string | null;
  /** The fields the step sets, from the current record; may throw BAD_USER_INPUT or `refuse`. */
  set?: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** move only: the statuses this mutation's step starts from, when two mutations move to the same status (CONFLICT otherwise). */
  from?: readonly S[];
}

export type LatestStep = [Date, string];

/** The date of a step (now when not given): not in the future, not before `latest`. */
export function stepDate(field: string, value: Date | null | undefined, latest: LatestStep | null): Date {
  const at = check.notFuture(field, value ?? new Date());
  if (latest && at < latest[0]) throw badInput(field, `must not be before ${latest[1]} (${chinaDate(latest[0])})`);
  return at;
}

export type Workflow<S extends string, D extends Versioned<S>, A extends string = never> = ReturnType<typeof defineWorkflow<S, D, A>>;

export function defineWorkflow<S extends string, D extends Versioned<S>, A extends string = never>(def: WorkflowDefinition<S, D, A>) {
  const { model, machine, label, resourceType } = def;
  const derive = (doc: D) => def.derive?.(doc) ?? {};
  const datedSteps = (doc: D): readonly DatedStep[] =>
    typeof def.dates === 'function' ? def.dates(doc) : def.dates.map((f) => [(doc as Record<string, unknown>)[f] as Date | null, f] as const);

  /** The record's latest dated step, or null. */
  function latestStep(doc: D): LatestStep | null {
    let latest: LatestStep | null = null;
    for (const [at, name] of datedSteps(doc)) if (at instanceof Date && (!latest || at > latest[0])) latest = [at, name];
    return latest;
  }

  /** A record as stored: its creation history (unless given) and derived fields. The seed writes through this too. */
  function prepare<T extends Partial<D> & { status: S; history?: StatusChange[] }>(fields: T, by?: Pick<Identity, 'userId' | 'agency'>, note?: string | null): T & Record<string, unknown> {
    const history = fields.history ?? (by ? [created(by as Identity, fields.status, note)] : []);
    const doc = { ...fields, history } as T;
    return { ...doc, ...derive(doc as unknown as D) };
  }


  /** The statuses this record may move to now: the machine's, less those its conditions close. */
  function allowedNext(doc: D, now = new Date()): S[] {
    return nextSteps(machine, doc.status).filter((to) => !def.unless?.[to]?.(doc, now));
  }

  /** The fields a step sets, with the derived fields of the record as it will be. */
  const withDerived = (set: StepInput<D>['set'], status?: S) => async (current: D) => {
    const fields = (await set?.(current)) ?? {};
    return { ...fields, ...derive({ ...current, ...fields, status: status ?? current.status } as D) };
  };

  /**
   * The domain event of a write (after it landed, so a failure is logged rather than reported as a failed write),
   * then the answer under the record's read rule, as a read would have it (a counterpart's read is audited too).
   */
  async function audited(ctx: StepContext, doc: D, change: string): Promise<D> {
    await ctx.audit
      .record({ action: 'WRITE', resourceType, resourceIds: [doc._id], outcome: 'ALLOWED', purpose: change })
      .catch((e: Error) => ctx.log.warn({ err: e.message, resourceType, id: doc._id }, 'domain audit event not recorded'));
    return def.policy ? ctx.access.one(def.policy, doc) : doc;
  }

  const mayRead = (ctx: StepContext) => (def.policy ? async (doc: D) => !!(await ctx.access.decide(def.policy!, doc)) : undefined);

  return {
    definition: def,
    nextSteps: allowedNext,

    /** Moves the record to `to` (lib/workflow/transition.ts has the refusals), with its history and audit event. */
    async move(ctx: StepContext, to: S, step: StepInput<D, S>): Promise<D> {
      const moved = await transition<S, D>({
        model, machine, label, id: step.id, version: step.version, to, identity: ctx.identity, note: step.note,
        set: withDerived(step.set, to), allowed: (c) => allowedNext(c), unless: (c) => def.unless?.[to]?.(c, new Date()) ?? null, from: step.from,
        mayRead: mayRead(ctx),
      });
      const from = (moved as { history?: StatusChange[] }).history?.at(-1)?.from;
      return audited(ctx, moved, `${from ?? '?'} → ${to}`);
    },

    /** Takes the act `name` (a step that keeps the status). */
    async act(ctx: StepContext, name: A, step: StepInput<D>): Promise<D> {
      const which = def.acts![name];
      const done = await act<S, D>({
        model, machine, act: which, name: which.name, label, id: step.id, version: step.version, identity: ctx.identity,
        note: step.note, set: withDerived(step.set), allowed: (c) => allowedNext(c), mayRead: mayRead(ctx),
      });
      return audited(ctx, done, `${done.status}: ${which.name}`);
    },

    /** Stores a new record in `fields.status` (default: the machine's first) with its creation history and derived fields. */
    async create(ctx: StepContext, fields: Omit<D, '_id' | 'version' | 'history' | 'status'> & { status?: S; history?: StatusChange[] }, note?: string | null): Promise<D> {
      const doc = prepare({ status: Object.keys(machine)[0] as S, ...fields } as Partial<D> & { status: S }, ctx.identity, note);
      let stored: D;
      try {
        stored = (await model.create(doc)).toObject() as D;
      } catch (e) {
        translateWriteError(e);
      }
      return audited(ctx, stored!, `new → ${stored!.status}`);
    },

    prepare,

    latestStep,

    /** The date of a step (now when not given): not in the future, not before the record's latest dated step. */
    stepDate: (field: string, value: Date | null | undefined, doc: D): Date => stepDate(field, value, latestStep(doc)),

    /** CONFLICT for a step this record's state does not allow, naming the steps it does. */
    refuse(doc: D, message: string) {
      return conflict(message, { currentStatus: doc.status, allowed: allowedNext(doc) });
    },
  };
}

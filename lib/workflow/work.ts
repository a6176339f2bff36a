import type { AccessControl, Policy } from '../access/records';
import { WRITER_ROLES, type Role } from '../access/roles';
import type { Workflow } from './define';
import { agenciesOf, type Act, type Step } from './machine';
import type { Versioned } from './transition';
import { WorkItem, WorkScope, MAX_ROUNDS, byUrgency } from './work-list';

export * from './work-list';

// 待办 (docs/domain.md#my-work): what an agency must do next. Each subgraph answers for its own workflows, in its own
// database and under the caller's access rules; `WorkList` (liaison) merges the parts. Who may take which step comes
// from each workflow's definition: its machine (`by`, `roles`), its `unless` (through `nextSteps`) and the acts that
// are duties; the candidate filter is derived from the machine too, so it stays right when a step changes.

const rolesAllow = (step: Pick<Step<unknown>, 'roles'>, roles: WorkScope['roles']) =>
  roles === null || (step.roles ?? WRITER_ROLES).some((r) => roles.includes(r));

// ── the work of one workflow ────────────────────────────────────────────────────────────────────────

type Filter = Record<string, unknown>;

/** How a subgraph reads its records for the caller: the access filter and the check (and audit) of what was read. */
export interface WorkReader<D> {
  /** The records the caller may read, as a MongoDB filter (the same rule as its lists). */
  filter(): Filter | Promise<Filter>;
  /** Keeps the records the caller may read, auditing cross-agency reads as a list does. */
  visible(docs: D[]): Promise<D[]>;
}

/**
 * The reader of a record type shared by a Policy (ctx.access: owner, counterparts, grants, sealed records). When the
 * joint office looks at another agency's work, a sealed record appears only if that agency owns it: no other agency
 * may read it, so none could take a step on it.
 */
export function policyReader<D>(access: AccessControl, policy: Policy<D>, scope: WorkScope): WorkReader<D> {
  const { owner, sealed } = policy.fields;
  const other = scope.agency !== access.identity.agency && sealed;
  return {
    filter: async () => {
      const mayRead = await access.filter(policy);
      return other ? { $and: [mayRead, { $or: [{ [owner]: scope.agency }, { [sealed]: { $ne: true } }] }] } : mayRead;
    },
    visible: (docs) => access.visible(policy, other ? docs.filter((d) => !policy.sealed?.(d) || policy.owner(d) === scope.agency) : docs),
  };
}

/** What a workflow adds to its definition to list its work (written beside the subgraph's myWork resolvers). */
export interface WorkSpec<S extends string, D, A extends string> {
  /** The GraphQL type of the record, e.g. Suggestion. */
  typename: string;
  /** A short label that names the record: its number, or its title (no personal data). */
  label: (doc: D) => string;
  /**
   * The stored fields holding the agency codes that the machine's `by` name (e.g. agencyCode, targetAgencyCode).
   * Which of them names the agency of which step, in which status, is found from the machine: every `by` is run
   * once on a probe record when the work is defined, and a `by` that reads any other field (but `status`) is
   * refused then, so that the candidate filter cannot silently miss a step.
   */
  agencyFields: readonly string[];
  /** A field a `by` reads to find an agency that is stored in another field: `{ line: 'centreCode' }`. */
  via?: Readonly<Record<string, string>>;
  /** Which records of the model this workflow moves, when the model holds others too (e.g. public-interest cases). */
  base?: Filter;
  /**
   * For a move the definition's `unless` closes for some records: a filter that every record on which the move is open
   * matches, so that closed ones are not read (the exact rule remains `nextSteps`).
   */
  openWhen?: Partial<Record<S, (now: Date) => Filter>>;
  /**
   * Moves that are the agency's choice rather than owed (withdrawing a request, taking it to the joint meeting,
   * discarding a draft): listed among an item's steps, but alone they do not make a record work.
   */
  options?: readonly S[];
  /**
   * The acts that are duties (owed, not optional like an extension or a hearing), each open while every field it
   * names is unset (e.g. handOver: exhibitsHandedOverAt); [] for an act owed as long as the status lasts.
   */
  duties?: Partial<Record<A, readonly string[]>>;
  /** The stored due date (default nextDueAt). */
  dueField?: string;
  /** A stored record as the workflow reads it (defaults for records stored before a field existed). */
  normalize?: (raw: D) => D;
}

/** One step of the machine (a move, or a duty act) as the candidate filter sees it. */
interface PlanEntry {
  status: string;
  name: string;
  kind: 'move' | 'act';
  roles: readonly Role[] | undefined;
  fields: string[];
  constants: string[];
  extra?: (now: Date) => Filter;
}

const MARK = '\u0000agency:';

/**
 * The agency sources of one step in one status: the agency fields whose value it returns, and the agency codes it
 * names whatever the record holds. Probed twice: every agency field set (to a marker), then every one unset.
 */
function sourcesOf<D>(step: Step<D>, status: string, spec: Pick<WorkSpec<string, D, string>, 'agencyFields' | 'via'>, where: string) {
  const fields = new Set<string>();
  const constants = new Set<string>();
  for (const unset of [false, true]) {
    const probe = new Proxy({}, {
      get(_, prop) {
        if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
        if (prop === 'status') return status;
        if (spec.agencyFields.includes(prop)) return unset ? null : MARK + prop;
        const target = spec.via?.[prop];
        if (!target) throw new Error(`${where}: its \`by\` reads ${prop}; declare it in agencyFields (or via) of the work spec`);
        fields.add(target);
        return undefined;
      },
    });
    for (const a of agenciesOf(step, probe as D)) {
      if (a.startsWith(MARK)) fields.add(a.slice(MARK.length));
      else constants.add(a);
    }
  }
  return { fields: [...fields], constants: [...constants] };
}

/**
 * The work of one workflow: which of its records are an agency's to act on, read with one indexed query. The
 * candidate filter is derived from the machine (the statuses in which the agency takes a step, and the agency field
 * that names it there); the exact rule is the definition's own: `nextSteps(doc)` (its conditions), `by(doc)`, `roles`.
 */
export function defineWork<S extends string, D extends Versioned<S>, A extends string>(workflow: Workflow<S, D, A>, spec: WorkSpec<S, D, A>) {
  const { machine, acts = {} as Partial<Record<A, Act<S, D>>>, label: what, model } = workflow.definition;
  const due = spec.dueField ?? 'nextDueAt';
  const plan: PlanEntry[] = [];
  for (const status of Object.keys(machine) as S[]) {
    for (const [to, step] of Object.entries(machine[status]) as [S, Step<D>][]) {
      if (spec.options?.includes(to)) continue;
      plan.push({ status, name: to, kind: 'move', roles: step.roles, ...sourcesOf(step, status, spec, `${what} ${status} → ${to}`), extra: spec.openWhen?.[to] });
    }
  }
  for (const [name, fields] of Object.entries(spec.duties ?? {}) as [A, readonly string[]][]) {
    const act = (acts as Record<A, Act<S, D>>)[name];
    if (!act) throw new Error(`${what}: no act ${name} to be a duty`);
    const open = Object.fromEntries(fields.map((f) => [f, null]));
    for (const status of act.in) {
      plan.push({ status, name, kind: 'act', roles: act.roles, ...sourcesOf(act, status, spec, `${what} ${status}: ${name}`), extra: () => open });
    }
  }

  /** The candidates of `scope`, as a MongoDB filter: null when the agency (with these roles) takes no step at all. */
  function candidates(scope: WorkScope): Filter | null {
    const groups = new Map<string, { statuses: Set<string>; where: Filter }>();
    for (const e of plan) {
      if (!rolesAllow(e, scope.roles)) continue;
      const named: Filter[] = e.constants.includes(scope.agency) ? [{}] : e.fields.map((f) => ({ [f]: scope.agency }));
      const extra = e.extra?.(scope.now) ?? {};
      for (const where of named) {
        const key = JSON.stringify([where, extra]);
        const group = groups.get(key) ?? { statuses: new Set<string>(), where: { ...where, ...extra } };
        group.statuses.add(e.status);
        groups.set(key, group);
      }
    }
    if (!groups.size) return null;
    return { $or: [...groups.values()].map((g) => ({ status: { $in: [...g.statuses] }, ...g.where })) };
  }

  /** The item of `doc` for `scope`, or null when no step of it is the agency's to take now. */
  function itemOf(raw: D, scope: WorkScope): WorkItem | null {
    const doc = spec.normalize ? spec.normalize(raw) : raw;
    const mine = (step: Step<D>) => rolesAllow(step, scope.roles) && agenciesOf(step, doc).includes(scope.agency);
    const steps = workflow.nextSteps(doc, scope.now).filter((to) => mine(machine[doc.status][to]!));
    const owed = Object.entries(spec.duties ?? {}) as [A, readonly string[]][];
    const actsOpen = owed
      .filter(([name, fields]) => {
        const act = (acts as Record<A, Act<S, D>>)[name];
        return act.in.includes(doc.status) && fields.every((f) => (doc as Record<string, unknown>)[f] == null) && mine(act);
      })
      .map(([name]) => name as string);
    if (!actsOpen.length && steps.every((to) => spec.options?.includes(to))) return null;
    const dueAt = ((doc as Record<string, unknown>)[due] as Date | null | undefined) ?? null;
    return {
      recordType: spec.typename, recordId: String(doc._id), label: spec.label(doc), status: doc.status, steps, acts: actsOpen,
      dueAt, overdue: !!dueAt && dueAt < scope.now, doc,
    };
  }

  /**
   * The agency's most urgent `first` items of this workflow among the records the caller may read: one aggregate
   * (match, most urgent first, limit) on the indexed candidate filter; a further batch (at most MAX_ROUNDS in all)
   * only when the exact rule dropped so many candidates that fewer than `first` remain.
   */
  async function find(scope: WorkScope, reader: WorkReader<D>, first: number): Promise<WorkItem[]> {
    const mine = candidates(scope);
    if (!mine) return [];
    const match = { $and: [spec.base ?? {}, await reader.filter(), mine] };
    const batch = 2 * first + 20;
    const items: WorkItem[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const docs = (await model.aggregate([
        { $match: match },
        { $addFields: { __undated: { $eq: [{ $ifNull: [`$${due}`, null] }, null] } } },
        { $sort: { __undated: 1, [due]: 1, _id: 1 } },
        { $skip: round * batch },
        { $limit: batch },
        { $project: { __undated: 0 } },
      ])) as D[];
      for (const doc of await reader.visible(docs)) {
        const item = itemOf(doc, scope);
        if (item) items.push(item);
      }
      if (items.length >= first || docs.length < batch) break;
    }
    return items.sort(byUrgency).slice(0, first);
  }

  return { workflow, spec, plan: plan as readonly PlanEntry[], candidates, itemOf, find };
}

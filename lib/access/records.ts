import DataLoader from 'dataloader';
import type { AuditRecorder } from '../audit';
import { forbidden, unavailable } from '../errors';
import { grantFor, isActive, type Grant } from '../grants';
import type { Identity } from '../identity';
import { hasRole } from './roles';
import type { Connection } from '../pagination';

/**
 * How one kind of record is shared (docs/domain.md#record-access): its owner agency, the workflow
 * counterparts who see it, and whether it is a sealed juvenile record. Declared once per model.
 */
export interface Policy<D> {
  resourceType: string;
  owner: (doc: D) => string;
  counterparts?: (doc: D) => readonly (string | null | undefined)[];
  sealed?: (doc: D) => boolean;
  /** The same rules as a MongoDB filter, for lists and counts. */
  fields: { owner: string; counterparts?: readonly string[]; sealed?: string };
}

/** Why a caller may see a record; personal data only for the owner or under a grant that allows it. */
export type Basis = 'OWNER' | 'COUNTERPART' | 'GRANT';
export interface Decision {
  basis: Basis;
  grant?: Grant;
  personalData: boolean;
}

const id = (doc: unknown) => String((doc as { _id: unknown })._id);

/**
 * The access rules of one request, in the subgraph that owns the data. Grants are fetched once per
 * request, only when a record of another agency is touched. Cross-agency reads and every denial are
 * audited before data is returned (fail closed).
 */
export class AccessControl {
  private grants?: Promise<Grant[]>;

  constructor(
    readonly identity: Identity,
    private readonly loadGrants: () => Promise<Grant[]>,
    readonly audit: AuditRecorder,
  ) {}

  /** Services (the joint office's alert rules, discovery) read across agencies but never personal data. */
  get isService(): boolean {
    return hasRole(this.identity, 'service');
  }

  /** The caller agency's grants in force now (fetched once per request). */
  activeGrants(): Promise<Grant[]> {
    this.grants ??= this.loadGrants().then(
      (all) => all.filter((g) => g.granteeCode === this.identity.agency && isActive(g)),
      // Fail closed, with a reason: without the register no shared record is shown (the owner's single reads need none).
      () => {
        throw unavailable('GRANTS_UNAVAILABLE', 'the joint office’s register of sharing grants cannot be reached now, so records shared with your agency cannot be listed; try again later');
      },
    );
    return this.grants;
  }

  /** The caller's basis for seeing `doc`, or null. Sealed records are for their owner only. */
  async decide<D>(policy: Policy<D>, doc: D): Promise<Decision | null> {
    const me = this.identity.agency;
    if (policy.owner(doc) === me) return { basis: 'OWNER', personalData: true };
    if (policy.sealed?.(doc)) return null;
    if (policy.counterparts?.(doc).includes(me)) return { basis: 'COUNTERPART', personalData: false };
    if (this.isService) return { basis: 'COUNTERPART', personalData: false };
    const grant = grantFor(await this.activeGrants(), policy.owner(doc), policy.resourceType, id(doc));
    return grant ? { basis: 'GRANT', grant, personalData: grant.allowsPersonalData } : null;
  }

  /** A MongoDB filter of the records the caller may see (for lists, so that counts are right too). */
  async filter<D>(policy: Policy<D>): Promise<Record<string, unknown>> {
    const me = this.identity.agency;
    const { owner, counterparts = [], sealed } = policy.fields;
    const notSealed = sealed ? [{ [sealed]: { $ne: true } }] : [];
    const shared: Record<string, unknown>[] = counterparts.map((f) => ({ [f]: me }));
    if (this.isService) shared.push({});
    for (const g of await this.activeGrants()) {
      if (!g.resourceTypes.includes(policy.resourceType)) continue;
      shared.push(g.scopeIds.length ? { [owner]: g.providerCode, _id: { $in: g.scopeIds } } : { [owner]: g.providerCode });
    }
    const others = shared.map((s) => ({ $and: [s, ...notSealed] }));
    return { $or: [{ [owner]: me }, ...others] };
  }

  private readonly checkers = new Map<string, DataLoader<{ _id: unknown }, boolean, string>>();

  // Single-record checks made in the same tick of a request are decided together, so a page of 100 records
  // following their links writes one audit event per basis (grant or counterpart), not one per record.
  private checker<D>(policy: Policy<D>, mode: 'entity' | 'link'): DataLoader<D, boolean, string> {
    const kind = `${policy.resourceType}:${mode}`;
    let loader = this.checkers.get(kind) as DataLoader<D, boolean, string> | undefined;
    if (!loader) {
      loader = new DataLoader<D, boolean, string>(
        async (docs) => {
          const allowed = new Set((await this.visible(policy, docs)).map(id));
          const denied = docs.map(id).filter((d) => !allowed.has(d));
          if (mode === 'entity' && denied.length) {
            await this.audit.record({ action: 'READ', resourceType: policy.resourceType, resourceIds: denied, outcome: 'DENIED' });
          }
          return docs.map((d) => allowed.has(id(d)));
        },
        { cacheKeyFn: id },
      );
      this.checkers.set(kind, loader as unknown as DataLoader<{ _id: unknown }, boolean, string>);
    }
    return loader;
  }

  /**
   * A direct read (root single or `_entities`): the record, or FORBIDDEN — the same answer whether it is
   * missing or not allowed, so ids cannot be probed. Denials are audited; checks are batched per request tick.
   */
  async one<D>(policy: Policy<D>, doc: D | null | undefined): Promise<D> {
    if (!doc) throw forbidden();
    if (!(await this.checker(policy, 'entity').load(doc))) throw forbidden();
    return doc;
  }

  /** A link to another record (a nested single): the record if the caller may see it, otherwise null. */
  async follow<D>(policy: Policy<D>, doc: D | null | undefined): Promise<D | null> {
    if (!doc) return null;
    return (await this.checker(policy, 'link').load(doc)) ? doc : null;
  }

  /** Keeps the records the caller may see (nested lists), auditing the cross-agency ones. */
  async visible<D>(policy: Policy<D>, docs: readonly D[]): Promise<D[]> {
    const decided = await Promise.all(docs.map(async (d) => [d, await this.decide(policy, d)] as const));
    const allowed = decided.filter((x): x is readonly [D, Decision] => x[1] !== null);
    await this.auditRead(policy, allowed);
    return allowed.map(([d]) => d);
  }

  /**
   * A root list: the page of `paginate(model, { $and: [filter, await access.filter(policy)] }, ...)`,
   * checked record by record (the same rule, so nothing is normally dropped) with cross-agency reads audited.
   */
  async page<D extends { _id: string }>(policy: Policy<D>, page: Connection<D>): Promise<Connection<D>> {
    const nodes = await this.visible(policy, page.nodes);
    if (nodes.length === page.nodes.length) return { ...page, nodes };
    const kept = new Set(nodes.map((n) => n._id));
    return { ...page, nodes, edges: page.edges.filter((e) => kept.has(e.node._id)) };
  }

  /**
   * Audits the cross-agency records among those read (one event per grant or counterpart basis). An export
   * (identity.channel EXPORT) is audited whole: every record, the agency's own included, as EXPORT events.
   */
  private async auditRead<D>(policy: Policy<D>, read: readonly (readonly [D, Decision])[]): Promise<void> {
    const exporting = this.identity.channel === 'EXPORT';
    const groups = new Map<string, { grantId: string | null; purpose: string | null; ids: string[] }>();
    for (const [doc, decision] of read) {
      if (decision.basis === 'OWNER' && !exporting) continue;
      const key = decision.grant?.id ?? decision.basis;
      const group = groups.get(key) ?? { grantId: decision.grant?.id ?? null, purpose: decision.grant?.purpose ?? null, ids: [] };
      group.ids.push(id(doc));
      groups.set(key, group);
    }
    await Promise.all(
      [...groups.values()].map((g) =>
        this.audit.record({ action: exporting ? 'EXPORT' : 'READ', resourceType: policy.resourceType, resourceIds: g.ids, outcome: 'ALLOWED', grantId: g.grantId, purpose: g.purpose }),
      ),
    );
  }
}

import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { AuditRecorder } from './audit';

interface Audited {
  audit: AuditRecorder;
}

type Resolver = (parent: unknown, args: Record<string, unknown>, ctx: Audited, info: GraphQLResolveInfo) => unknown;

/** The audit name of a record type, as reads use it: `CriminalTransfer` → `CRIMINAL_TRANSFER`. */
export const resourceTypeOf = (typeName: string) => typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** The record ids an argument names (`id`, `…Id`), literals and variables alike. */
function idsIn(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 3 || !value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if ((k === 'id' || k.endsWith('Id')) && typeof v === 'string') out.add(v);
    else if (typeof v === 'object') idsIn(v, out, depth + 1);
  }
  return out;
}

/** The ids of the records a mutation returned, whatever the caller selected (an import's: its rows'). */
function idsOf(result: unknown): string[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  return (Array.isArray(rows) ? rows : [result].flat()).flatMap((r) => {
    const id = (r as { _id?: unknown; id?: unknown } | null)?._id ?? (r as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** The record type a mutation writes: its return type, or for a bulk import (`rows: [EnforcementCaseRow!]!`) its rows' record type. */
function writtenTypeName(info: GraphQLResolveInfo): string {
  const rows = info.parentType.getFields()[info.fieldName]?.args.find((a) => a.name === 'rows');
  return rows ? getNamedType(rows.type).name.replace(/Row$/, '') : getNamedType(info.returnType).name;
}

/**
 * Every mutation of every subgraph is audited in one place, under the record type it writes (its return
 * type): its intent before it runs, with the ids its arguments name (if that cannot be recorded the
 * mutation does not run: fail closed), and its outcome afterwards with the ids of the records written.
 */
export function auditWrite(resolve: Resolver): Resolver {
  return async (parent, args, ctx, info) => {
    const resourceType = resourceTypeOf(writtenTypeName(info));
    const named = [...idsIn(args, new Set())];
    await ctx.audit.record({ action: 'WRITE', resourceType, resourceIds: named, outcome: 'ALLOWED', purpose: 'attempt' });
    let result: unknown;
    try {
      result = await resolve(parent, args, ctx, info);
    } catch (e) {
      await ctx.audit.record({ action: 'WRITE', resourceType, resourceIds: named, outcome: 'DENIED', purpose: 'result' }).catch(() => undefined);
      throw e;
    }
    const written = idsOf(result);
    // The intent is on record; the result is best effort.
    await ctx.audit
      .record({ action: 'WRITE', resourceType, resourceIds: written.length ? written : named, outcome: 'ALLOWED', purpose: 'result' })
      .catch(() => undefined);
    return result;
  };
}

/** The resolver map with every mutation but `except` (the audit log's own input) wrapped by `auditWrite`. */
export function withWriteAudit<R extends { Mutation?: Record<string, unknown> }>(resolvers: R, except: readonly string[] = ['appendAuditEvents']): R {
  if (!resolvers.Mutation) return resolvers;
  const Mutation = Object.fromEntries(
    Object.entries(resolvers.Mutation).map(([name, resolve]) => [name, except.includes(name) ? resolve : auditWrite(resolve as Resolver)]),
  );
  return { ...resolvers, Mutation };
}

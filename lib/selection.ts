import type { GraphQLResolveInfo } from 'graphql';

/**
 * True when every field asked of this resolver's result is among `fields` (fragments or `__typename`
 * included): the caller then needs no more than it already has, e.g. an agency's code, and the load
 * of the whole record can be skipped.
 */
export function asksOnly(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const allowed = new Set([...fields, '__typename']);
  const stack = info.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? []);
  while (stack.length) {
    const s = stack.pop()!;
    if (s.kind === 'Field') {
      if (!allowed.has(s.name.value)) return false;
    } else if (s.kind === 'InlineFragment') {
      stack.push(...s.selectionSet.selections);
    } else {
      const fragment = info.fragments[s.name.value];
      if (!fragment) return false;
      stack.push(...fragment.selectionSet.selections);
    }
  }
  return true;
}

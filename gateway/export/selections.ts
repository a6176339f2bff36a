// The fields an operation selects on a type, fragments expanded, in the order written: what flatten.ts turns into
// sheets and columns and paging.ts searches for the connection to page through.
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** One response key of a selection: its field and every selection set written under that key (merged). */
export interface Selected {
  /** the response key: the alias, else the field name */
  key: string;
  def: GraphQLField<unknown, unknown>;
  /** the field as written, once per place it is selected under this key (its arguments) */
  nodes: FieldNode[];
  sets: SelectionSetNode[];
}

export interface Operation {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
}

/** The operation of `document` named `operationName` (or its only one), with its fragments; undefined when there is none. */
export function operationOf(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Operation | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { schema, operation, fragments };
}

/**
 * The fields selected on `type` under `sets`, fragments expanded (a fragment on another type of an interface or union
 * adds its fields too: a column stays empty for rows of other types), in the order first written; a key selected
 * twice is one entry with both selection sets. `__typename`, `__schema` and fields the type does not have are left out.
 */
export function selectedFields(op: Operation, type: GraphQLNamedType, sets: readonly SelectionSetNode[]): Selected[] {
  const byKey = new Map<string, Selected>();
  const seen = new Set<string>(); // fragment names already expanded on this level (validation forbids cycles; a test may not validate)
  const walk = (on: GraphQLNamedType, set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        const def = isObjectType(on) || isInterfaceType(on) ? on.getFields()[s.name.value] : undefined;
        if (!def) continue;
        const key = s.alias?.value ?? s.name.value;
        const entry = byKey.get(key) ?? { key, def, nodes: [], sets: [] };
        entry.nodes.push(s);
        if (s.selectionSet) entry.sets.push(s.selectionSet);
        byKey.set(key, entry);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.typeCondition ? (op.schema.getType(s.typeCondition.name.value) ?? on) : on, s.selectionSet);
      } else {
        const fragment = op.fragments.get(s.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        walk(op.schema.getType(fragment.typeCondition.name.value) ?? on, fragment.selectionSet);
      }
    }
  };
  for (const set of sets) walk(type, set);
  return [...byKey.values()];
}

/** The operation's root fields (on Query). */
export function rootFields(op: Operation): Selected[] {
  return selectedFields(op, op.schema.getQueryType()!, [op.operation.selectionSet]);
}

/**
 * A connection type (an object with a `nodes` list or an `edges { node }` list): the field that holds its records.
 * Undefined for any other type.
 */
export function connectionOf(type: GraphQLNamedType): { via: 'nodes' | 'edges'; node: GraphQLObjectType } | undefined {
  if (!isObjectType(type)) return undefined;
  const fields = type.getFields();
  const nodes = fields.nodes && getNullableType(fields.nodes.type);
  if (nodes && isListType(nodes) && isObjectType(getNamedType(nodes))) return { via: 'nodes', node: getNamedType(nodes) as GraphQLObjectType };
  const edges = fields.edges && getNullableType(fields.edges.type);
  const edge = edges && isListType(edges) ? getNamedType(edges) : undefined;
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  if (node && isObjectType(getNamedType(node.type))) return { via: 'edges', node: getNamedType(node.type) as GraphQLObjectType };
  return undefined;
}

/** True when the field's type is a list (of anything), not counting non-null wrappers. */
export const isList = (s: Selected) => isListType(getNullableType(s.def.type));

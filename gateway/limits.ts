import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../lib/pagination';

/** The query limits of the gateway (lib/config.ts: GRAPHQL_MAX_*). */
export interface QueryLimits {
  /** Deepest nesting of fields in the response (`{ a { b } }` is 2); fragments do not add levels. */
  maxDepth: number;
  /** Estimated number of values in the response (see estimateCost). */
  maxCost: number;
  /** Aliases in one operation, fragments included. */
  maxAliases: number;
  /** Directives (`@include`, `@skip`, …) in one operation, fragments included. */
  maxDirectives: number;
  /** Lexical tokens in the document (names, punctuation, values; comments are not counted). */
  maxTokens: number;
}

export type LimitKind = 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens';

/**
 * What a clerk or developer reads when a limit refuses a query. `exposed` (development) says the
 * numbers; production never does, so the limits cannot be probed from outside.
 */
const ADVICE: Record<LimitKind, { what: string; advice: string }> = {
  depth: { what: 'the query is nested too deeply', advice: 'ask for fewer levels, or split it into several queries' },
  cost: { what: 'the query asks for too much data at once', advice: 'ask for smaller pages (first: …) or fewer fields' },
  aliases: { what: 'the query uses too many aliases', advice: 'split it into several queries' },
  directives: { what: 'the query uses too many directives', advice: 'remove repeated @include/@skip, or split the query' },
  tokens: { what: 'the query is too long', advice: 'ask for fewer fields, or split it into several queries' },
};

export function limitError(kind: LimitKind, exposed: boolean, found?: number, limit?: number): GraphQLError {
  const { what, advice } = ADVICE[kind];
  const numbers = exposed && limit !== undefined ? ` (${found !== undefined ? `${found}; ` : ''}at most ${limit})` : '';
  return new GraphQLError(`${what}${numbers}: ${advice}`, { extensions: { limit: kind } });
}

/** Message of graphql-js when a document has more than `parseOptions.maxTokens` tokens. */
export const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/;

// ─── estimated cost ────────────────────────────────────────────────────────────────────────────

/**
 * Estimated number of values a query can return: every field counts 1 for each time it can occur,
 * and the list fields of a connection (`nodes`, `edges`) occur once per row of the page.
 * The page is the `first` argument: a literal, else the variable's default, else (a variable
 * without a default) MAX_PAGE, since validation is cached and must hold for every variable value;
 * absent, DEFAULT_PAGE, as lib/pagination does. Lists without pagination (victims, statistics by
 * status) count once: they are small and bounded by the data. Introspection fields cost nothing
 * here: graphql's own MaxIntrospectionDepthRule bounds them, and only some roles may introspect.
 * Fragments are costed once each and multiplied where spread, so a fan-out of fragments cannot
 * make the estimate itself expensive; cycles count 0 (graphql's NoFragmentCyclesRule refuses them).
 */
export function estimateCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: (name: string) => FragmentDefinitionNode | undefined): number {
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const defaults = new Map<string, ValueNode | undefined>();
  for (const v of operation.variableDefinitions ?? []) defaults.set(v.variable.name.value, v.defaultValue);

  const pageOf = (field: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | undefined => {
    if (!field.args.some((a) => a.name === 'first')) return undefined;
    let value = args?.find((a) => a.name.value === 'first')?.value;
    if (value?.kind === Kind.VARIABLE) {
      value = defaults.get(value.name.value);
      if (!value) return MAX_PAGE;
    }
    if (!value || value.kind === Kind.NULL) return DEFAULT_PAGE;
    if (value.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
    return MAX_PAGE;
  };

  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  /** Cost of a selection set on `type`, once; `page` multiplies the list fields of a connection. */
  const costOf = (set: SelectionSetNode, type: GraphQLCompositeType, page: number | undefined): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__schema' || name === '__type') continue;
        if (name === '__typename') { cost += 1; continue; }
        const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!def) continue; // unknown field: validation reports it
        const times = page !== undefined && isListType(getNullableType(def.type)) ? page : 1;
        let inner = 0;
        const named = getNamedType(def.type);
        if (sel.selectionSet && isCompositeType(named)) inner = costOf(sel.selectionSet, named, pageOf(def, sel.arguments));
        cost += times * (1 + inner);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (cond && isCompositeType(cond)) cost += costOf(sel.selectionSet, cond, page);
      } else {
        const key = `${sel.name.value}|${page ?? ''}`;
        if (inProgress.has(key)) continue;
        let c = memo.get(key);
        if (c === undefined) {
          const frag = fragments(sel.name.value);
          const cond = frag && schema.getType(frag.typeCondition.name.value);
          if (!frag || !cond || !isCompositeType(cond)) continue;
          inProgress.add(key);
          c = costOf(frag.selectionSet, cond, page);
          inProgress.delete(key);
          memo.set(key, c);
        }
        cost += c;
      }
    }
    return cost;
  };
  return costOf(operation.selectionSet, root, undefined);
}

function costRule(max: number, exposed: boolean): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const cost = estimateCost(context.getSchema(), node, (n) => context.getFragment(n) ?? undefined);
      if (cost > max) context.reportError(limitError('cost', exposed, cost, max));
    },
  });
}

/**
 * An operation of a type the graph does not have (a `subscription`: the hub has none) is refused as invalid.
 * graphql-js 16 does not check this (17's KnownOperationTypesRule does), and the gateway's executor would
 * throw on it, which Apollo answers as an internal error with HTTP 500.
 */
function knownOperationTypeRule(context: ValidationContext) {
  return {
    OperationDefinition(node: OperationDefinitionNode) {
      const schema = context.getSchema();
      const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) context.reportError(new GraphQLError(`this graph has no ${node.operation} operations`, { nodes: [node] }));
    },
  };
}

// ─── the rules ─────────────────────────────────────────────────────────────────────────────────

/** graphql-armor reports "Syntax Error: … limit of N exceeded, found M."; the numbers are re-worded. */
function armorReporter(kind: LimitKind, limit: number, exposed: boolean) {
  return [
    (context: ValidationContext | null, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1];
      context?.reportError(limitError(kind, exposed, found === undefined ? undefined : Number(found), limit));
    },
  ];
}

/**
 * Validation rules of the limits: depth, aliases and directives from graphql-armor, the cost
 * estimate of this file; and the refusal of operation types the graph lacks (knownOperationTypeRule).
 * They report errors (never throw) so Apollo answers GRAPHQL_VALIDATION_FAILED; they run in a second
 * validation pass, after graphql's own rules passed (Apollo's maxRecursiveSelections), so a cyclic
 * fragment is refused before they run.
 * Token counting is a parse option (see server.ts).
 */
export function limitRules(limits: QueryLimits, exposed: boolean): ValidationRule[] {
  const armor = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({ ...armor, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: armorReporter('depth', limits.maxDepth, exposed) }),
    maxAliasesRule({ ...armor, n: limits.maxAliases, onReject: armorReporter('aliases', limits.maxAliases, exposed) }),
    maxDirectivesRule({ ...armor, n: limits.maxDirectives, onReject: armorReporter('directives', limits.maxDirectives, exposed) }),
    costRule(limits.maxCost, exposed),
    knownOperationTypeRule,
  ] as ValidationRule[];
}

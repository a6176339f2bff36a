import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Identity } from '../lib/identity';
import type { GatewayContext } from './context';
import { limitError, TOO_MANY_TOKENS } from './limits';

/** One log line per operation, with the request id, caller, duration and error codes. */
export const requestLogPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    const started = performance.now();
    return {
      async willSendResponse({ operationName, errors }) {
        contextValue.log?.info(
          { op: operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.map((e) => e.extensions?.code ?? 'ERROR') },
          'graphql',
        );
      },
    };
  },
};

/**
 * True when the document reaches into introspection anywhere, fragments included: a `__schema` or
 * `__type` field, a fragment on an introspection type (`on __Schema`), or a fragment whose name is
 * reserved for introspection (`fragment __schema …`). `__typename` is not introspection.
 */
export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') return ((found = true), BREAK);
    },
    FragmentDefinition(node) {
      if (node.name.value.startsWith('__') || node.typeCondition.name.value.startsWith('__')) return ((found = true), BREAK);
    },
    InlineFragment(node) {
      if (node.typeCondition?.name.value.startsWith('__')) return ((found = true), BREAK);
    },
  });
  return found;
}

/**
 * Introspection only for callers `allowed` says may see the schema. Checked per request, after
 * validation (whose results Apollo caches per query text, so a role cannot be checked there) and
 * before anything executes.
 */
export function introspectionPlugin(allowed: (identity: Identity | undefined) => boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (allowed(contextValue.identity) || !usesIntrospection(document)) return;
          throw new GraphQLError('introspection is not available to your role: the schema is in docs/ and schema/', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        },
      };
    },
  };
}

/**
 * graphql-js refuses a document over `parseOptions.maxTokens` with a message that names the limit;
 * this says it in the words of the other limits, with the number only where limits are exposed.
 */
export function tokenLimitPlugin(maxTokens: number, exposed: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error?: Error) => {
            if (!(error instanceof GraphQLError) || !TOO_MANY_TOKENS.test(error.message)) return;
            const replacement = limitError('tokens', exposed, undefined, maxTokens);
            error.message = replacement.message;
            Object.assign(error.extensions, replacement.extensions);
          };
        },
      };
    },
  };
}

/** Deeper input than any of the contract's input types nests (their deepest is a few levels). */
export const MAX_INPUT_DEPTH = 32;

/** The nesting depth of a JSON value, counted without recursion (a hostile 10 000-level value cannot overflow the stack). */
export function inputDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAt) return deepest;
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A request the gateway cannot plan is the caller's mistake, answered 400 with a code before anything runs: no
 * operation matches `operationName` (or several operations and no name), or variables nested deeper than any input
 * of the contract (which would also overflow the identity digest's JSON.stringify on the way to a subgraph).
 */
export const requestShapePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (!operation) {
          throw new GraphQLError(request.operationName ? `no operation named "${request.operationName}" in the document` : 'the document has several operations: say which with operationName', {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
          });
        }
        if (inputDepth(request.variables ?? {}, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) {
          throw new GraphQLError(`variables: nested deeper than ${MAX_INPUT_DEPTH} levels, which no input of this API needs`, {
            extensions: { code: 'BAD_USER_INPUT', field: 'variables', http: { status: 400 } },
          });
        }
      },
    };
  },
};

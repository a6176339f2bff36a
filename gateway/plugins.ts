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

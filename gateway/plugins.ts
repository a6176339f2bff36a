import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';

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

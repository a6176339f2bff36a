import type { GraphQLFormattedError } from 'graphql';
import { logger } from '../lib/logger';

const PASS_THROUGH = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'DEADLINE_EXCEEDED',
  'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors as clients see them: the contract's codes pass through; a subgraph that cannot be reached
 * becomes SUBGRAPH_UNAVAILABLE naming the subgraph but never its URL or response body; anything else
 * is logged and becomes a generic internal error. No stack traces.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const ext = formatted.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : undefined;
  if (code && PASS_THROUGH.has(code)) {
    const { stacktrace: _s, serviceName: _n, ...rest } = ext;
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: rest };
  }
  const serviceName = typeof ext.serviceName === 'string' ? ext.serviceName : undefined;
  const unreachable = /fetch failed|ECONNREFUSED|ECONNRESET|aborted|timeout|socket hang up|ENOTFOUND|Response body|status 5\d\d/i.test(formatted.message);
  if (unreachable || (serviceName && code === 'INTERNAL_SERVER_ERROR' && /status|fetch/i.test(formatted.message))) {
    logger.warn({ subgraph: serviceName, err: formatted.message }, 'subgraph unavailable');
    return {
      message: `a member system${serviceName ? ` (${serviceName})` : ''} is not answering now; try again later`,
      path: formatted.path,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...(serviceName ? { subgraph: serviceName } : {}) },
    };
  }
  logger.error({ err: (error as Error)?.message ?? formatted.message, code }, 'unexpected gateway error');
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

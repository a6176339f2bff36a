import type { GraphQLFormattedError } from 'graphql';
import { logger } from '../lib/logger';

const PASS_THROUGH = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'DEADLINE_EXCEEDED', 'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Extensions that never reach clients: internals of a subgraph or of a library. */
const DROPPED_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'http', 'originalError', 'response']);

const UNREACHABLE = /fetch failed|ECONNREFUSED|ECONNRESET|EPIPE|aborted|timeout|timed out|socket hang up|ENOTFOUND|EAI_AGAIN|other side closed|Response body|status 5\d\d/i;

/** True when the fetch to the subgraph ran out of time (AbortSignal.timeout), anywhere in the cause chain. */
function isTimeout(error: unknown): boolean {
  for (let e = error as { name?: string; message?: string; originalError?: unknown; cause?: unknown } | undefined, i = 0; e && i < 8; i++) {
    if (e.name === 'TimeoutError' || /due to timeout|timed out/i.test(e.message ?? '')) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/** "Did you mean …?" names fields, types and enum values a caller did not ask for. */
const SUGGESTION = /\s*Did you mean .*?\?(?=\s*$)/s;

export interface ErrorFormatOptions {
  /** Production: no schema hints in messages. */
  production: boolean;
}

/**
 * Errors as clients see them: the contract's codes pass through with only known extensions; a
 * subgraph that cannot be reached becomes SUBGRAPH_UNAVAILABLE, one that did not answer in time
 * DEADLINE_EXCEEDED, both naming the subgraph but never its URL or response body; anything else is
 * logged and becomes a generic internal error. No stack traces; in production no "Did you mean".
 */
export function createErrorFormatter({ production }: ErrorFormatOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const ext = formatted.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : undefined;
    const serviceName = typeof ext.serviceName === 'string' ? ext.serviceName : undefined;
    if (code && PASS_THROUGH.has(code)) {
      const extensions = Object.fromEntries(Object.entries(ext).filter(([k]) => !DROPPED_EXTENSIONS.has(k)));
      const message = production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
      return { message, path: formatted.path, locations: formatted.locations, extensions };
    }
    const who = serviceName ? ` (${serviceName})` : '';
    const subgraph = serviceName ? { subgraph: serviceName } : {};
    if (isTimeout(error) || (code === 'SUBGRAPH_UNAVAILABLE' && /due to timeout/i.test(formatted.message))) {
      logger.warn({ subgraph: serviceName, err: formatted.message }, 'subgraph timed out');
      return {
        message: `a member system${who} did not answer in time; try again later, or ask for less data`,
        path: formatted.path,
        extensions: { code: 'DEADLINE_EXCEEDED', ...subgraph },
      };
    }
    if (code === 'SUBGRAPH_UNAVAILABLE' || UNREACHABLE.test(formatted.message) || (serviceName && code === 'INTERNAL_SERVER_ERROR' && /status|fetch/i.test(formatted.message))) {
      logger.warn({ subgraph: serviceName, err: formatted.message }, 'subgraph unavailable');
      return {
        message: `a member system${who} is not answering now; try again later`,
        path: formatted.path,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...subgraph },
      };
    }
    logger.error({ err: (error as Error)?.message ?? formatted.message, code, subgraph: serviceName }, 'unexpected gateway error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

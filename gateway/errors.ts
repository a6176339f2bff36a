import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_PASS_THROUGH } from '../lib/errors';
import { logger } from '../lib/logger';

/** Extensions that never reach clients: internals of a subgraph or of a library. */
const DROPPED_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'http', 'originalError', 'response']);

/** "Did you mean …?" names fields, types and enum values a caller did not ask for. */
const SUGGESTION = /\s*Did you mean .*?\?(?=\s*$)/s;

const memberSystem = (subgraph: string | undefined) => `a member system${subgraph ? ` (${subgraph})` : ''}`;

/** A subgraph that could not be reached or answered unusably: names it, never its URL or response body. */
export function subgraphUnavailable(subgraph: string | undefined, originalError?: Error): GraphQLError {
  return new GraphQLError(`${memberSystem(subgraph)} is not answering now; try again later`, {
    originalError,
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...(subgraph ? { subgraph } : {}) },
  });
}

/** A subgraph that did not answer within SUBGRAPH_TIMEOUT_MS. */
export function subgraphTimedOut(subgraph: string): GraphQLError {
  return new GraphQLError(`${memberSystem(subgraph)} did not answer in time; try again later, or ask for less data`, {
    extensions: { code: 'DEADLINE_EXCEEDED', subgraph },
  });
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export interface ErrorFormatOptions {
  /** Production: no schema hints in messages. */
  production: boolean;
}

/**
 * Errors as clients see them, decided by code alone: the contract's codes pass through with only known
 * extensions (a subgraph that timed out arrives as DEADLINE_EXCEEDED from datasource.ts); SUBGRAPH_UNAVAILABLE
 * is rewritten to name the subgraph but never its URL or response body; anything else is logged and becomes
 * a generic internal error. No stack traces; in production no "Did you mean".
 */
export function createErrorFormatter({ production }: ErrorFormatOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const ext = formatted.extensions ?? {};
    const code = text(ext.code);
    if (code && GATEWAY_PASS_THROUGH.has(code)) {
      const extensions = Object.fromEntries(Object.entries(ext).filter(([k]) => !DROPPED_EXTENSIONS.has(k)));
      const message = production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
      return { message, path: formatted.path, locations: formatted.locations, extensions };
    }
    if (code === 'SUBGRAPH_UNAVAILABLE') {
      // `subgraph` is set by datasource.ts; Apollo adds `serviceName` when a subgraph's own answer carries the code.
      const subgraph = text(ext.subgraph) ?? text(ext.serviceName);
      const cause = (error instanceof GraphQLError && error.originalError) || error;
      logger.warn({ subgraph, reason: ext.reason, err: (cause as Error | undefined)?.message ?? formatted.message }, 'subgraph unavailable');
      // A subgraph that answered that a dependency of its own is down (lib/errors `unavailable`): its message and reason stand.
      const reason = text(ext.reason);
      if (reason) return { message: formatted.message, path: formatted.path, extensions: { code, reason, ...(subgraph ? { subgraph } : {}) } };
      const { message, extensions } = subgraphUnavailable(subgraph);
      return { message, path: formatted.path, extensions };
    }
    logger.error({ err: (error as Error)?.message ?? formatted.message, code, subgraph: text(ext.serviceName) }, 'unexpected gateway error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

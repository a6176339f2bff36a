import { GraphQLError } from 'graphql';
import mongoose from 'mongoose';

// Every code a client may see, listed once; the sets below say who may pass which code on.

/** Codes a subgraph's resolvers answer with; the gateway relays them with their own message. */
export const SUBGRAPH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'DEADLINE_EXCEEDED'] as const;

/** The error codes of the public contract (docs/gateway.md): a subgraph's, and the gateway's for a subgraph it cannot use. */
export type ErrorCode = (typeof SUBGRAPH_CODES)[number] | 'SUBGRAPH_UNAVAILABLE';

/** Codes graphql-js and Apollo Server give a request refused before it executes, on any of the hub's servers. */
export const REQUEST_CODES = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND'] as const;

/** Codes only the gateway gives: its rate limit, and Apollo's with persisted queries off or an unknown operationName. */
export const GATEWAY_CODES = ['RATE_LIMITED', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE'] as const;

/**
 * Codes lib/http.ts answers with, on any of the hub's servers, before a request reaches GraphQL: a body over
 * MAX_BODY_BYTES (413), and a request that arrives while the process drains before it exits (503).
 */
export const HTTP_CODES = ['PAYLOAD_TOO_LARGE', 'SHUTTING_DOWN'] as const;
export type HttpCode = (typeof HTTP_CODES)[number];

/** What a subgraph passes to its caller as it is; any other code becomes a generic internal error. */
export const SUBGRAPH_PASS_THROUGH: ReadonlySet<string> = new Set([...SUBGRAPH_CODES, ...REQUEST_CODES, 'SUBGRAPH_UNAVAILABLE']);

/** What a subgraph depends on and cannot reach now: the reason of its SUBGRAPH_UNAVAILABLE (the gateway keeps it). */
export type UnavailableReason = 'AUDIT_UNAVAILABLE' | 'GRANTS_UNAVAILABLE' | 'DATABASE_UNAVAILABLE';

/** A dependency of this subgraph is down: the access or write is refused (fail closed), with a reason a clerk can act on. */
export function unavailable(reason: UnavailableReason, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason } });
}

/** What the gateway passes to clients as it is (SUBGRAPH_UNAVAILABLE it rewrites; gateway/errors.ts). */
export const GATEWAY_PASS_THROUGH: ReadonlySet<string> = new Set([...SUBGRAPH_CODES, ...REQUEST_CODES, ...GATEWAY_CODES]);

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Bad input: names the field and says what a clerk should correct. */
export function badInput(field: string, message: string): GraphQLError {
  return error('BAD_USER_INPUT', `${field}: ${message}`, { field, reason: message });
}

export function unauthenticated(message = 'sign in first: a valid token is required'): GraphQLError {
  return error('UNAUTHENTICATED', message, { http: { status: 401 } });
}

/** The same answer whether or not the record exists, so ids cannot be probed. */
export function forbidden(message = 'you may not access this record'): GraphQLError {
  return error('FORBIDDEN', message);
}

export function notFound(what: string, id: string): GraphQLError {
  return error('NOT_FOUND', `${what} ${id} was not found`, { id });
}

/** A state transition or version the record does not allow now. */
export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return error('CONFLICT', message, details);
}

/** True for MongoDB's duplicate-key error (11000): another writer already stored that key. */
export function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: number } | null)?.code === 11000;
}

/**
 * Turns a failed write into a clerk-readable error: mongoose validation errors become
 * BAD_USER_INPUT naming the first bad field, duplicate keys become CONFLICT. Anything else is rethrown.
 */
export function translateWriteError(e: unknown): never {
  if (e instanceof mongoose.Error.ValidationError) {
    const [first] = Object.values(e.errors);
    const reason = first.kind === 'required' ? 'is required' : first.message;
    throw badInput(first.path, reason);
  }
  if (e instanceof mongoose.Error.CastError) throw badInput(e.path, `is not a valid ${e.kind}`);
  if (isDuplicateKey(e)) {
    const keys = Object.keys((e as { keyValue?: object }).keyValue ?? {});
    throw conflict(`a record with the same ${keys.join(', ') || 'key'} already exists`, { fields: keys });
  }
  throw e;
}

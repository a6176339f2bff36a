import { GraphQLError } from 'graphql';
import mongoose from 'mongoose';

/** The error codes of the public contract (DESIGN.md). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'DEADLINE_EXCEEDED'
  | 'SUBGRAPH_UNAVAILABLE';

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

import { badInput } from './errors';

/**
 * Reads a key field from an `_entities` representation. Representations are free-form JSON, so a
 * key must be a plain string: `{ "id": { "$ne": null } }` is refused before it can reach a filter.
 */
export function entityKey(representation: Record<string, unknown>, field: string): string {
  const value = representation[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw badInput(field, 'an entity key must be a non-empty string');
  }
  return value;
}

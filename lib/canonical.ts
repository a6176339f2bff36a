/** Canonical JSON: keys sorted at every level, dates as ISO strings — the same bytes for the same event. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(wellFormed(k))}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(typeof value === 'string' ? wellFormed(value) : value ?? null);
}

/**
 * A lone surrogate (say an id sent as "x\udfffy") is stored by MongoDB as U+FFFD; hashing the same replacement keeps
 * the audit chain verifiable whatever a caller sends.
 */
export const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

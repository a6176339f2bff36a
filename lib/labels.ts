const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The Chinese label a schema description begins with ("案号 case number…" → 案号), or undefined when its first word
 * has no CJK character: the hub's SDL writes every clerk-facing name this way, so spreadsheet headers (export) and
 * ledger columns (import) come from the schema, not from a second list.
 */
export function labelOf(description: string | null | undefined): string | undefined {
  const word = description?.trim().split(/\s+/)[0];
  return word && CJK.test(word) ? word : undefined;
}

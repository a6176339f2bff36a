import { creditCodeCheckChar, idNumberCheckDigit, personPseudonym } from '../../lib/identifiers';

/** A valid 身份证号 of a 渑池县 (411221) resident born on `birth` (YYYYMMDD), sequence `seq` (0-999). */
export function validIdNumber(seq = 1, birth = '19850312'): string {
  const first17 = `411221${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

/** The Person id (pseudonym) of a valid ID number. */
export function personIdOf(idNumber: string): string {
  return personPseudonym(idNumber);
}

/** A valid 统一社会信用代码 for a 渑池县 enterprise, numbered `seq`. */
export function validCreditCode(seq = 1): string {
  const first17 = `91411221MA${String(seq).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

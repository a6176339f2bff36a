import { createHmac } from 'node:crypto';
import { config } from './config';

// GB 11643-1999 公民身份号码: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), check digit.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
// Provinces (first two digits of the region code) of GB/T 2260.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
  63, 64, 65, 71, 81, 82,
]);

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: 'must be 18 characters: 17 digits then a digit or X',
  region: 'the first six digits are not a valid region code',
  birthDate: 'digits 7 to 14 are not a valid birth date (YYYYMMDD, not in the future)',
  checkDigit: 'the last character does not match the check digit; please re-check the number',
};

/** Upper-cases the check letter and trims spaces: the form that is hashed and stored. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function idNumberCheckDigit(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * ID_WEIGHTS[i], 0);
  return ID_CHECK[sum % 11];
}

/** Validates a 身份证号 (GB 11643); returns the problem, or null when it is valid. */
export function idNumberProblem(raw: string, today = new Date()): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(Number(id.slice(0, 2))) || id.slice(2, 6) === '0000') return 'region';
  const birth = birthDateOf(id);
  if (!birth || birth > today || birth.getUTCFullYear() < 1890) return 'birthDate';
  if (idNumberCheckDigit(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
}

/** Birth date encoded in a 身份证号, or null if not a real date. */
export function birthDateOf(id: string): Date | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** 'M' or 'F' from the sequence digit. */
export function genderOf(id: string): 'M' | 'F' {
  return Number(id[16]) % 2 === 1 ? 'M' : 'F';
}

/**
 * The Person pseudonym: HMAC-SM3 of the normalised number under the shared pseudonym key, so agencies
 * link records about one person without passing the number around.
 */
export function personPseudonym(idNumber: string): string {
  return createHmac('sm3', config().PSEUDONYM_KEY).update(normaliseIdNumber(idNumber)).digest('hex');
}

export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

// GB 32100-2015 统一社会信用代码: 18 characters from this alphabet (no I, O, Z, S, V), last is a check character.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + CREDIT_ALPHABET.indexOf(ch) * CREDIT_WEIGHTS[i], 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Validates a 统一社会信用代码 (GB 32100); returns a clerk-readable reason, or null when valid. */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'must be 18 characters';
  if (![...code].every((ch) => CREDIT_ALPHABET.includes(ch))) {
    return 'may contain only digits and capital letters other than I, O, Z, S and V';
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return 'the last character does not match the check character; please re-check the code';
  }
  return null;
}

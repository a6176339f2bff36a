import { creditCodeProblem, idNumberProblem, personPseudonym, genderOf } from '../../lib/identifiers';
import { maskAddress, maskIdNumber, maskPhone } from '../../lib/masking';
import { decryptPii, encryptPii } from '../../lib/pii-crypto';
import { validCreditCode, validIdNumber } from '../helpers/fixtures';

describe('GB 11643 身份证号', () => {
  it('accepts a valid number, including a lower-case x check letter', () => {
    expect(idNumberProblem(validIdNumber(1))).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull(); // the standard's own example
  });

  it.each([
    ['41122119850312001', 'format'],
    ['4112211985031200AB', 'format'],
    ['991221198503120011', 'region'],
    ['411221198502300011', 'birthDate'],
    ['411221299901010011', 'birthDate'],
  ])('refuses %s as %s', (id, problem) => {
    expect(idNumberProblem(id)).toBe(problem);
  });

  it('refuses a wrong check digit', () => {
    const good = validIdNumber(5);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idNumberProblem(bad)).toBe('checkDigit');
  });

  it('derives gender from the sequence digit and a stable pseudonym (HMAC-SM3, hex)', () => {
    expect(genderOf('11010519491231002X')).toBe('F');
    const id = validIdNumber(9);
    expect(personPseudonym(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(personPseudonym(id.toLowerCase())).toBe(personPseudonym(id));
    expect(personPseudonym(validIdNumber(11))).not.toBe(personPseudonym(id));
  });
});

describe('GB 32100 统一社会信用代码', () => {
  it('accepts a valid code and a known real one', () => {
    expect(creditCodeProblem(validCreditCode(3))).toBeNull();
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it.each([
    ['9141122', 'must be 18 characters'],
    ['91411221MA0000001I', 'may contain only'],
  ])('refuses %s', (code, reason) => {
    expect(creditCodeProblem(code)).toContain(reason);
  });

  it('refuses a wrong check character', () => {
    const good = validCreditCode(4);
    expect(creditCodeProblem(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'))).toContain('check character');
  });
});

describe('masking and encryption at rest', () => {
  it('masks ID numbers, phones and addresses', () => {
    expect(maskIdNumber('410123198001011234')).toBe('410***********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskAddress('河南省三门峡市渑池县城关镇东村1组2号')).toBe('河南省三门峡市渑池县城关镇***');
  });

  it('round-trips through SM4 and detects tampering', () => {
    const sealed = encryptPii('410123198001011234');
    expect(sealed).not.toContain('410123198001011234');
    expect(decryptPii(sealed)).toBe('410123198001011234');
    expect(encryptPii('x')).not.toBe(encryptPii('x')); // random IV
    const parts = sealed.split('.');
    parts[2] = Buffer.from('tampered-ciphertext!').toString('base64url');
    expect(() => decryptPii(parts.join('.'))).toThrow('altered');
  });
});

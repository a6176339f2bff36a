import { requireRole, WRITER_ROLES } from '../../lib/access';
import { badInput } from '../../lib/errors';
import type { Identity } from '../../lib/identity';
import { birthDateOf, genderOf, ID_NUMBER_MESSAGES, idNumberProblem, normaliseIdNumber, personPseudonym } from '../../lib/identifiers';
import { maskAddress, maskIdNumber, maskPhone } from '../../lib/masking';
import { encryptPii } from '../../lib/pii-crypto';
import { check } from '../../lib/validate';
import type { EnterpriseInput, PersonInput } from './__generated__/resolvers-types';
import type { Context } from './context';
import type { EnterpriseDoc, PersonDoc } from './models';
import { maySeePerson } from './policies';

/** Validates a 身份证号 (GB 11643) and returns it normalised; the error names the field, never the number. */
export function checkIdNumber(raw: string): string {
  const problem = idNumberProblem(raw);
  if (problem) throw badInput('idNumber', ID_NUMBER_MESSAGES[problem]);
  return normaliseIdNumber(raw);
}

function checkPhone(raw: string): string {
  const phone = raw.replace(/[\s-]/g, '');
  if (!/^\+?\d{7,15}$/.test(phone)) throw badInput('phone', 'must be 7 to 15 digits, e.g. 13812345678');
  return phone;
}

/** The stored form of a new person: raw 身份证号, phone and address only encrypted, plus masked copies. */
export function personFromInput(input: PersonInput): PersonDoc {
  const idNumber = checkIdNumber(input.idNumber);
  const phone = input.phone?.trim() ? checkPhone(input.phone) : null;
  const address = input.address?.trim() ? check.nonEmpty('address', input.address, 500) : null;
  return {
    _id: personPseudonym(idNumber),
    name: check.nonEmpty('name', input.name, 100),
    idNumberEnc: encryptPii(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    phoneEnc: phone && encryptPii(phone),
    phoneMasked: phone && maskPhone(phone),
    addressEnc: address && encryptPii(address),
    addressMasked: address && maskAddress(address),
    gender: genderOf(idNumber),
    birthDate: birthDateOf(idNumber)!, // valid: checked above
    sealed: false,
  };
}

/** A new person from registerPerson's input (or an imported party row): its access rule (officer or supervisor) and checks. */
export function newPerson(identity: Identity, input: PersonInput): PersonDoc {
  requireRole(identity, ...WRITER_ROLES);
  return personFromInput(input);
}

const optional = (field: string, value: string | null | undefined, max: number) => (value?.trim() ? check.nonEmpty(field, value, max) : null);

/**
 * A new enterprise from registerEnterprise's input (or an imported party row): its access rule and checks. A legal
 * representative the caller may not see (sealed) is answered like one that is not registered.
 */
export async function newEnterprise(ctx: Context, input: EnterpriseInput): Promise<EnterpriseDoc> {
  requireRole(ctx.identity, ...WRITER_ROLES);
  const creditCode = check.creditCode('creditCode', input.creditCode);
  const legalRepresentativeId = input.legalRepresentativeId ? check.personId('legalRepresentativeId', input.legalRepresentativeId) : null;
  const representative = legalRepresentativeId ? await ctx.loaders.person.load(legalRepresentativeId) : null;
  if (legalRepresentativeId && !(representative && (await maySeePerson(ctx, representative)))) {
    throw badInput('legalRepresentativeId', 'is not a registered person; register the person first');
  }
  return {
    _id: creditCode,
    name: check.nonEmpty('name', input.name, 200),
    legalRepresentativeId,
    address: optional('address', input.address, 500),
    industry: optional('industry', input.industry, 100),
  };
}

/** Under 18 on `now` (the 18th birthday, in UTC, is the first adult day). */
export function isMinor(birthDate: Date, now = new Date()): boolean {
  const adult = new Date(Date.UTC(birthDate.getUTCFullYear() + 18, birthDate.getUTCMonth(), birthDate.getUTCDate()));
  return now < adult;
}

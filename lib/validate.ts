import { isAgencyCode } from './agencies';
import { badInput } from './errors';
import { creditCodeProblem, PSEUDONYM_PATTERN } from './identifiers';

/** Input checks shared by every subgraph; each throws BAD_USER_INPUT naming the field. */
export const check = {
  agencyCode(field: string, code: string): string {
    if (!isAgencyCode(code)) throw badInput(field, `"${code}" is not a member agency code; see the agencies list`);
    return code;
  },
  personId(field: string, id: string): string {
    if (!PSEUDONYM_PATTERN.test(id)) throw badInput(field, 'is not a Person id; register the person first and use the id returned');
    return id;
  },
  creditCode(field: string, code: string): string {
    const problem = creditCodeProblem(code);
    if (problem) throw badInput(field, problem);
    return code.trim().toUpperCase();
  },
  nonEmpty(field: string, value: string, max = 5000): string {
    const v = value.trim();
    if (!v) throw badInput(field, 'is required');
    if (v.length > max) throw badInput(field, `is longer than ${max} characters`);
    return v;
  },
  /** `later` must not come before `earlier`. */
  order(field: string, earlier: Date | null | undefined, later: Date | null | undefined, earlierName: string): void {
    if (earlier && later && later < earlier) throw badInput(field, `must not be before ${earlierName}`);
  },
  notFuture(field: string, date: Date): Date {
    if (date.getTime() > Date.now() + 24 * 3600_000) throw badInput(field, 'must not be in the future');
    return date;
  },
  /** Exactly one of a set of alternatives is given. */
  oneOf(fields: Record<string, unknown>): void {
    const given = Object.entries(fields).filter(([, v]) => v !== undefined && v !== null);
    if (given.length !== 1) throw badInput(Object.keys(fields).join(' | '), `give exactly one of ${Object.keys(fields).join(' or ')}`);
  },
};

import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { Random } from '../../seed/random';

// A schema-aware generator of malformed and hostile requests for the gateway (issue 9, "Hostile input").
// Everything it sends comes from the schema the running gateway serves (introspection), a seeded PRNG and a
// pool of ids that really exist, so a run is reproducible and every argument of every field is covered
// without listing fields by hand. It never needs an answer to be of a certain kind: the test judges answers
// by the invariants of the issue (no crash, no leak, every error coded, nothing stored).
//
// The generator must never produce a request the hub should accept as a write: every mutation case carries
// a value that is wrong for its type, a record id that does not exist, or a stale version of a real record.

// ─── callers ───────────────────────────────────────────────────────────────────────────────────────

export type Role = 'viewer' | 'officer' | 'supervisor' | 'liaison_admin' | 'auditor' | 'service';

/** Who sends a case: a user token the test issues, a raw Authorization header, or nobody. */
export type CallerSpec =
  | { kind: 'user'; agency: string; roles: Role[]; userId: string }
  /** Signed with the development secret, with claims a sign-on would never issue (hostile agency, roles). */
  | { kind: 'claims'; claims: Record<string, unknown> }
  | { kind: 'raw'; authorization: string }
  | { kind: 'none' };

export interface HostileCase {
  /** Position in the run (the PRNG order). */
  n: number;
  /** What kind of hostility, e.g. `mutation:wrong-types`, `http:malformed-json`. */
  category: string;
  /** The root field (or the HTTP aspect) it aims at. */
  target: string;
  method: string;
  /** Path and query string under the gateway's origin, e.g. `/graphql?query=…`. */
  path: string;
  headers: Record<string, string>;
  /** A body as bytes (invalid UTF-8 stays invalid), or a streamed body of `bytes` without content-length. */
  body?: string | Buffer | { stream: number };
  caller: CallerSpec;
  /** For mutation and query cases: the root field, to tell an accepted write from a refused one. */
  rootField?: string;
  operation?: 'query' | 'mutation';
}

/** Records known to exist, by GraphQL type name: id, version and the agencies named on it (for stale-version cases). */
export type RealRecords = Map<string, { id: string; version?: number; agencies?: string[] }[]>;

export interface GeneratorInput {
  schema: GraphQLSchema;
  seed: number;
  records: RealRecords;
  agencyCodes: readonly string[];
}

// ─── hostile values ───────────────────────────────────────────────────────────────────────────────

// None of these may contain what the test looks for in answers as a leak ("localhost", "127.0.0.1",
// "    at ", "node_modules", ".ts:"), because error messages may quote the value a caller sent.

/** Strings that look like injections or confuse parsers; type-correct wherever a String or ID is expected. */
export const INJECTION_STRINGS: readonly string[] = [
  '{"$gt": ""}', '{"$ne": null}', '{"$where": "sleep(5000) || true"}', '{"$regex": ".*"}', '{"$expr": {"$eq": [1, 1]}}',
  '$where', '$gt', '$ne', '$regex', '$expr', '$function', '$or', '$$ROOT', '_id', '__v',
  "'; db.dropDatabase(); '", "'; db.dropDatabase()", "\"; db.getSiblingDB('admin').shutdownServer(); \"",
  '"; return true; var x="', "1' OR '1'='1", "1'; DROP TABLE cases; --", 'this.version > 0 || sleep(5000)', 'function () { return true }',
  '.*', '^.*$', '(a+)+$', '((a|a)*)*b', '[', '\\', '(?<x>', '\\d{1,100000}', '|', '^$|^', '*', '?', '+', '{1,}', '$',
  '../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '/dev/zero', '%00', '%2e%2e%2f', '\u0000', 'a\u0000b', '\u202eevil', '\uFEFFbom',
  '\ud800', 'x\udfffy', '😀'.repeat(40), '渑检刑诉受〔2026〕248号', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '#{7*7}', '%s%s%s%n',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\r\nSet-Cookie: x=1', 'null', 'undefined', 'true', 'NaN', 'Infinity',
  '-1', '0', '1e309', '', ' ', '\t\n', '000000000000000000000000', 'ffffffffffffffffffffffff', '0'.repeat(64), 'f'.repeat(64),
  'ObjectId("000000000000000000000000")', '411221-JCY\u0000', '411221-jcy', ' 411221-JCY ', '411221-*', '411221-.*', 'g-supervision-411221-SCJ\n',
];

/** Strings far larger than any field of the hub takes, but under the body limit once JSON-encoded. */
export function hugeStrings(): string[] {
  return ['A'.repeat(100_000), '渑'.repeat(40_000), '\u0000'.repeat(20_000), '(a+)+'.repeat(20_000), '{"$gt": ""}'.repeat(9_000), `${'x'.repeat(50_000)}\ud800`];
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Cursors that are not cursors, and cursors forged from crafted JSON in the shape lib/pagination.ts encodes. */
export function forgedCursors(realId: string): string[] {
  return [
    b64('[{"$gt":""},"x"]'),
    b64(`[{"$gt":""},${JSON.stringify(realId)}]`),
    b64('[null,{"$ne":null}]'),
    b64('[{"d":{"$gt":""}},"x"]'),
    b64('[{"d":"not a date"},"x"]'),
    b64(`[{"d":"9999-12-31T23:59:59.999Z"},${JSON.stringify(realId)}]`),
    b64('[{"d":null},"x"]'),
    b64('[1e999,"x"]'),
    b64('[-1e999,"x"]'),
    b64('["x",""]'),
    b64(`["x",${JSON.stringify('f'.repeat(5000))}]`),
    b64('{"$where":"sleep(5000)"}'),
    b64('[]'),
    b64('[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]'),
    b64(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    b64('"just a string"'),
    b64('null'),
    b64('[true,"x"]'),
    b64('[{"__proto__":{"polluted":1}},"x"]'),
    b64('[{"d":"2025-01-01"},"x","extra",{"$where":"1"}]'),
    b64('[{"d":"2025-01-01","$gt":""},{"$regex":".*"}]'),
    b64('\u0000\u0001\u0002'),
    Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28]).toString('base64url'),
    'not base64 at all!!',
    '====',
    '%%%',
    '',
    b64(`["${'\\u0000'.repeat(100)}","x"]`),
    b64(JSON.stringify([{ d: '2025-01-01T00:00:00.000Z' }, realId])).split('').reverse().join(''),
    b64(JSON.stringify([{ d: '2025-01-01T00:00:00.000Z' }, realId])).slice(0, -3),
  ];
}

// ─── the generator ─────────────────────────────────────────────────────────────────────────────────

const AGENCY_ROLES: readonly Role[][] = [['officer'], ['supervisor'], ['viewer'], ['auditor'], ['officer', 'supervisor'], ['liaison_admin'], ['service'], ['liaison_admin', 'service', 'auditor']];

export class HostileGenerator {
  private readonly rng: Random;
  private readonly cases: HostileCase[] = [];
  private readonly schema: GraphQLSchema;
  private readonly records: RealRecords;
  private readonly agencyCodes: readonly string[];
  private readonly allIds: string[];
  private readonly huge: string[];

  constructor(input: GeneratorInput) {
    this.schema = input.schema;
    this.rng = new Random(input.seed);
    this.records = input.records;
    this.agencyCodes = input.agencyCodes;
    this.allIds = [...input.records.values()].flat().map((r) => r.id).sort();
    this.huge = hugeStrings();
  }

  // ── small helpers ──

  private pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  /** A caller: mostly valid tokens of member agencies with assorted roles, some without a token or with odd claims. */
  caller(writer = false): CallerSpec {
    const r = this.rng.next();
    if (r < 0.12) return { kind: 'none' };
    if (r < 0.16) return this.hostileCaller();
    // writes are refused by role first: most mutations are sent by officers and supervisors, so that the
    // hostile values reach the resolvers' checks
    return this.userCaller(writer && this.rng.chance(0.6));
  }

  /** A valid token of a member agency: a writer (officer, supervisor) or any role set. */
  private userCaller(writer: boolean, agencies: readonly string[] = this.agencyCodes): CallerSpec {
    const roles = writer ? this.pick<Role[]>([['officer'], ['supervisor'], ['officer', 'supervisor']]) : this.pick(AGENCY_ROLES);
    return { kind: 'user', agency: this.pick(agencies), roles, userId: `hostile-${this.rng.int(0, 29)}` };
  }

  /** Tokens that are not tokens, and correctly signed tokens with claims no sign-on issues. */
  private hostileCaller(): CallerSpec {
    const options: CallerSpec[] = [
      { kind: 'raw', authorization: 'Bearer' },
      { kind: 'raw', authorization: 'Bearer ' },
      { kind: 'raw', authorization: 'Bearer a.b.c' },
      { kind: 'raw', authorization: `Bearer ${b64('{"alg":"none","typ":"JWT"}')}.${b64('{"sub":"x","agency":"411221-JCY","roles":["liaison_admin"],"exp":9999999999}')}.` },
      { kind: 'raw', authorization: `Bearer ${b64('{"alg":"HS256"}')}.${b64('{"sub":{"$gt":""}}')}.${'A'.repeat(43)}` },
      { kind: 'raw', authorization: 'Basic YWRtaW46YWRtaW4=' },
      { kind: 'raw', authorization: `Bearer ${'A'.repeat(8000)}` },
      { kind: 'raw', authorization: 'Bearer {"$gt":""}' },
      { kind: 'claims', claims: { sub: 'hostile-claims', agency: "'; db.dropDatabase()", roles: ['officer', 'supervisor'] } },
      { kind: 'claims', claims: { sub: 'hostile-claims', agency: '{"$gt": ""}', roles: ['liaison_admin', 'auditor'] } },
      { kind: 'claims', claims: { sub: '$where', agency: '411221-JCY', roles: ['$where', 'root', 'officer'] } },
      { kind: 'claims', claims: { sub: 'x'.repeat(3000), agency: '411221-XFJ', roles: 'officer' } },
      { kind: 'claims', claims: { sub: 'hostile-claims', agency: { $gt: '' }, roles: ['officer'] } },
      { kind: 'claims', claims: { sub: 'hostile-claims', agency: '411221-SCJ\u0000', roles: ['officer'] } },
    ];
    return this.pick(options);
  }

  private realOf(typeName: string): { id: string; version?: number; agencies?: string[] } | undefined {
    const list = this.records.get(typeName);
    return list?.length ? this.pick(list) : undefined;
  }

  private anyRealId(): string {
    return this.allIds.length ? this.pick(this.allIds) : '000000000000000000000000';
  }

  /** An id that names nothing: an injection, a wrong shape, or a real id of another type spoiled. */
  private garbageId(): string {
    const r = this.rng.next();
    if (r < 0.55) return this.pick(INJECTION_STRINGS);
    if (r < 0.7) return `${this.anyRealId()}\u0000`;
    if (r < 0.8) return this.anyRealId().toUpperCase().split('').reverse().join('') + '-x';
    if (r < 0.9) return `${this.rng.int(1, 9)}${'0'.repeat(this.rng.int(20, 400))}`;
    return 'ffffffffffffffffffffffff';
  }

  private add(c: Omit<HostileCase, 'n' | 'method' | 'path' | 'headers' | 'caller'> & Partial<Pick<HostileCase, 'method' | 'path' | 'headers' | 'caller'>>): void {
    this.cases.push({
      n: this.cases.length,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      caller: this.caller(),
      ...c,
    });
  }

  private addOperation(category: string, op: 'query' | 'mutation', field: string, query: string, variables?: unknown, extra: Record<string, unknown> = {}, tokenless = false): void {
    const caller = this.caller(op === 'mutation');
    this.add({ category: `${op}:${category}`, target: field, rootField: field, operation: op, body: toJson({ query, variables, ...extra }), caller: tokenless ? { kind: 'none' } : caller });
  }

  /**
   * A mutation whose arguments of the right type cannot be made to name nothing (no record id, no ID field in
   * its input: e.g. one that takes only enum values) may legitimately succeed with any such values, so its
   * type-correct cases are sent without a token: only the type-wrong cases reach it as a user.
   */
  private unpoisonable(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): boolean {
    if (op !== 'mutation') return false;
    const hasId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
      const named = getNamedType(type);
      if (named.name === 'ID') return true;
      if (!isInputObjectType(named) || seen.has(named.name)) return false;
      seen.add(named.name);
      return Object.values(named.getFields()).some((f) => hasId(f.type, seen));
    };
    return !field.args.some((a) => a.name === 'id' || hasId(a.type));
  }

  // ── values by type ──

  /** A value of the right type that a clerk might send (used beside hostile arguments). */
  private plausible(type: GraphQLInputType, depth = 0): unknown {
    if (isNonNullType(type)) return this.plausible(type.ofType, depth);
    if (isListType(type)) return [this.plausible(type.ofType, depth + 1)];
    if (isEnumType(type)) return type.getValues()[0].name;
    if (isInputObjectType(type)) {
      if (depth > 3) return {};
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type))
          .map((f) => [f.name, this.plausible(f.type, depth + 1)]),
      );
    }
    switch ((type as GraphQLNamedType).name) {
      case 'Int': return 1;
      case 'Float': return 1.5;
      case 'Boolean': return true;
      case 'DateTime': return '2025-03-01T08:30:00+08:00';
      case 'ID': return this.anyRealId();
      default: return '测试';
    }
  }

  /** A value of the right GraphQL type that no field of the hub should accept (or store) as it is. */
  private typedHostile(type: GraphQLInputType, depth = 0, huge = false): unknown {
    if (isNonNullType(type)) return this.typedHostile(type.ofType, depth, huge);
    if (isListType(type)) {
      const r = this.rng.next();
      if (huge && r < 0.5) {
        const item = this.typedHostile(type.ofType, depth + 1);
        return Array.from({ length: typeof item === 'string' && item.length > 1000 ? 2 : 15_000 }, () => item);
      }
      if (r < 0.15) return [];
      return Array.from({ length: this.rng.int(1, 4) }, () => this.typedHostile(type.ofType, depth + 1));
    }
    if (isEnumType(type)) return this.pick(type.getValues()).name; // the only values of an enum's type: valid names
    if (isInputObjectType(type)) {
      if (depth > 4) return {};
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, this.typedHostile(f.type, depth + 1, huge && this.rng.chance(0.5))]));
    }
    const name = (type as GraphQLNamedType).name;
    switch (name) {
      case 'Int': return this.pick([0, -1, -2147483648, 2147483647, 7, -999999, 1000000]);
      case 'Float': return this.pick([0, -0, -1, 1e308, -1e308, 5e-324, 123456789.123, -0.0001]);
      case 'Boolean': return this.rng.chance(0.5);
      case 'DateTime':
        return this.pick(['0000-01-01', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '2025-02-30', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', 8.64e15, -8.64e15, 0, '2025-03-01T08:30:00+99:99', '2025']);
      default:
        if (huge) return this.pick(this.huge);
        return name === 'ID' ? this.garbageId() : this.pick(INJECTION_STRINGS);
    }
  }

  /** A value of the wrong type for `type` (what variable coercion or the DateTime scalar must refuse). */
  private wrongTyped(type: GraphQLInputType, depth = 0): unknown {
    if (isNonNullType(type)) return this.rng.chance(0.25) ? null : this.wrongTyped(type.ofType, depth);
    if (isListType(type)) {
      const r = this.rng.next();
      if (r < 0.3) return { $in: [this.anyRealId()] };
      if (r < 0.5) return [[this.plausible(type.ofType)]];
      return [this.wrongTyped(type.ofType, depth + 1)];
    }
    if (isEnumType(type)) {
      const first = type.getValues()[0].name;
      return this.pick<unknown>(['NOT_A_VALUE', first.toLowerCase(), ` ${first}`, `${first}\u0000`, 0, 1, true, { $ne: null }, [first], '__proto__', '']);
    }
    if (isInputObjectType(type)) {
      const r = this.rng.next();
      if (r < 0.2) return JSON.stringify(this.plausible(type));
      if (r < 0.3) return [this.plausible(type)];
      if (r < 0.4) return { ...(this.plausible(type) as object), $where: 'sleep(5000)', __proto__unknown: 1 };
      if (r < 0.5) return deepObject(this.rng.int(50, 3000));
      // every field wrongly typed
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, depth > 3 ? null : this.wrongTyped(f.type, depth + 1)]));
    }
    const name = (type as GraphQLNamedType).name;
    const objects: unknown[] = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(5000)' }, { $regex: '.*', $options: 'si' }, ['a', 'b'], {}, deepArray(this.rng.int(10, 2000))];
    switch (name) {
      case 'Int': return this.pick([...objects, '1', 1.5, 2147483648, -2147483649, 1e308, true, 'NaN', '0x10']);
      case 'Float': return this.pick([...objects, '1.5', true, 'Infinity', '1e400']);
      case 'Boolean': return this.pick([...objects, 'true', 0, 1, 'yes']);
      case 'DateTime': return this.pick([...objects, 'not a date', '2025-13-45', '', 1e300, true, '2025-03-01T08:30:00+08:00\u0000', 'Thu, 01 Jan 1970 00:00:00 GMT; DROP']);
      case 'ID': return this.pick([...objects, 1.5, true, -0.5]);
      default: return this.pick([...objects, 12345, true, 1.5]);
    }
  }

  // ── documents ──

  /** A small selection of an output type: __typename, ids and a few scalars; connections by their page info. */
  private selection(type: GraphQLOutputType, depth = 0): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (!isObjectType(named)) return '{ __typename }';
    const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
    if (fields.some((f) => f.name === 'pageInfo')) {
      const nodes = fields.find((f) => f.name === 'nodes');
      return `{ totalCount pageInfo { hasNextPage endCursor } ${nodes && depth < 1 ? `nodes ${this.selection(nodes.type, depth + 1)}` : ''} }`;
    }
    const scalars = fields.filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0).map((f) => f.name);
    const chosen = new Set(['__typename', ...scalars.filter((s) => s === 'id' || s === 'version' || s === 'status')]);
    for (let i = 0; i < 2 && scalars.length; i++) chosen.add(this.pick(scalars));
    return `{ ${[...chosen].join(' ')} }`;
  }

  private variableOperation(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, args: readonly GraphQLArgument[], declare = (a: GraphQLArgument) => String(a.type)): string {
    const defs = args.map((a) => `$${a.name}: ${declare(a)}`).join(', ');
    const uses = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    return `${op} Hostile${defs ? `(${defs})` : ''} { ${field.name}${uses ? `(${uses})` : ''} ${this.selection(field.type)} }`;
  }

  private literalOperation(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): string {
    const uses = field.args.filter((a) => a.name in values).map((a) => `${a.name}: ${literal(values[a.name], a.type)}`).join(', ');
    return `${op} { ${field.name}${uses ? `(${uses})` : ''} ${this.selection(field.type)} }`;
  }

  // ── cases by root field ──

  /** Every argument of `field` wrongly typed (variables): coercion must refuse before anything runs. */
  private wrongTypes(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): void {
    if (!field.args.length) {
      this.addOperation('wrong-types', op, field.name, `${op} { ${field.name}(unknownArgument: {a: 1}) ${this.selection(field.type)} }`);
      return;
    }
    const variables = Object.fromEntries(field.args.map((a) => [a.name, this.wrongTyped(a.type)]));
    this.addOperation('wrong-types', op, field.name, this.variableOperation(op, field, field.args), variables);
  }

  /**
   * Every argument of the right type and hostile. For a mutation the record ids name nothing (garbage), and
   * ID fields of inputs are garbage, so nothing can be written.
   */
  private typedHostileCase(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, huge = false): void {
    const values: Record<string, unknown> = {};
    for (const a of field.args) {
      if (a.name === 'id' || a.name === 'after') values[a.name] = a.name === 'after' ? this.pick(forgedCursors(this.anyRealId())) : this.garbageId();
      else values[a.name] = this.typedHostile(a.type, 0, huge);
    }
    if (op === 'mutation' && !mutationPoisoned(field, values)) poisonInput(field, values, () => this.garbageId());
    this.addOperation(huge ? 'oversized-values' : 'typed-hostile', op, field.name, this.variableOperation(op, field, field.args), values, {}, this.unpoisonable(op, field));
  }

  /** The same as literals in the document (strings with every escape, enum names, nested objects). */
  private literalCase(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): void {
    const values: Record<string, unknown> = {};
    for (const a of field.args) {
      if (a.name === 'id' || a.name === 'after') values[a.name] = a.name === 'after' ? this.pick(forgedCursors(this.anyRealId())) : this.garbageId();
      else if (this.rng.chance(0.3)) values[a.name] = this.wrongTyped(a.type);
      else values[a.name] = this.typedHostile(a.type);
    }
    if (op === 'mutation' && !mutationPoisoned(field, values)) poisonInput(field, values, () => this.garbageId());
    this.addOperation('literals', op, field.name, this.literalOperation(op, field, values), undefined, {}, this.unpoisonable(op, field));
  }

  /** Real records with a stale or impossible version: reaches the workflow's optimistic check, writes nothing. */
  private staleVersionCase(field: GraphQLField<unknown, unknown>): boolean {
    const idArg = field.args.find((a) => a.name === 'id');
    const versionArg = field.args.find((a) => a.name === 'version');
    const inputVersion = field.args.find((a) => a.name === 'input' && isInputObjectType(getNamedType(a.type)) && 'version' in (getNamedType(a.type) as never as { getFields(): object }).getFields());
    if (!idArg || (!versionArg && !inputVersion)) return false;
    const real = this.realOf(getNamedType(field.type).name);
    if (!real) return false;
    const stale = this.pick([(real.version ?? 0) + 1000, -1, -2147483648, 2147483647, (real.version ?? 0) + 1]);
    const values: Record<string, unknown> = { id: real.id };
    for (const a of field.args) {
      if (a.name === 'id') continue;
      if (a.name === 'version') values.version = stale;
      else if (a === inputVersion) values.input = { ...(this.typedHostile(a.type) as object), version: stale };
      else values[a.name] = this.typedHostile(a.type);
    }
    // always as a writer, mostly of an agency the record names: the point is to reach the workflow's checks
    const agencies = real.agencies?.length && this.rng.chance(0.7) ? real.agencies : this.agencyCodes;
    this.add({ category: 'mutation:stale-version', target: field.name, rootField: field.name, operation: 'mutation', body: toJson({ query: this.variableOperation('mutation', field, field.args), variables: values }), caller: this.userCaller(true, agencies) });
    return true;
  }

  /** Required arguments left out, or null, or declared with another type than the argument's. */
  private missingOrNull(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): void {
    const required = field.args.filter((a) => isNonNullType(a.type));
    const r = this.rng.next();
    if (required.length && r < 0.35) {
      this.addOperation('missing-required', op, field.name, `${op} { ${field.name} ${this.selection(field.type)} }`);
    } else if (required.length && r < 0.7) {
      const variables = Object.fromEntries(field.args.map((a) => [a.name, null]));
      this.addOperation('null-required', op, field.name, this.variableOperation(op, field, field.args), variables);
    } else if (field.args.length) {
      // variables declared with a looser or another type than the argument's: validation refuses the document
      const variables = Object.fromEntries(field.args.map((a) => [a.name, this.typedHostile(a.type)]));
      this.addOperation('mismatched-variable-types', op, field.name, this.variableOperation(op, field, field.args, (a) => swapType(a.type)), variables);
    } else {
      this.addOperation('undeclared-variable', op, field.name, `${op} { ${field.name}(id: $nope) ${this.selection(field.type)} }`, { nope: this.garbageId() });
    }
  }

  /** Input objects and lists nested far deeper than their type, as variables and as literals. */
  private deepCase(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): void {
    const target = field.args.find((a) => isInputObjectType(getNamedType(a.type)) || isListType(getNullableType(a.type))) ?? field.args[0];
    if (!target) {
      this.addOperation('deep-selection', op, field.name, `${op} { ${field.name} ${'{ __typename '.repeat(200)}${'}'.repeat(200)} }`);
      return;
    }
    const depth = this.rng.int(100, 20_000);
    const variables: Record<string, unknown> = Object.fromEntries(field.args.map((a) => [a.name, this.plausible(a.type)]));
    variables[target.name] = this.rng.chance(0.5) ? deepObject(depth, this.rng.chance(0.5) ? 'input' : '$where') : deepArray(depth);
    // a custom scalar (DateTime) takes any JSON at the gateway: nest there, at the top or inside an input
    const dateArg = field.args.find((a) => getNamedType(a.type).name === 'DateTime');
    const dateInput = field.args.find((a) => {
      const t = getNamedType(a.type);
      return isInputObjectType(t) && Object.values(t.getFields()).some((f) => getNamedType(f.type).name === 'DateTime');
    });
    let category = 'deep-input';
    if ((dateArg || dateInput) && this.rng.chance(0.5)) {
      category = 'deep-scalar';
      variables[target.name] = this.plausible(target.type);
      if (dateArg) variables[dateArg.name] = this.rng.chance(0.5) ? deepObject(depth, '$gt') : deepArray(depth);
      else {
        const t = getNamedType(dateInput!.type) as GraphQLInputObjectType;
        const f = Object.values(t.getFields()).find((x) => getNamedType(x.type).name === 'DateTime')!;
        const base = this.plausible(dateInput!.type);
        variables[dateInput!.name] = { ...(Array.isArray(base) ? base[0] : base) as object, [f.name]: deepObject(depth, '$gt') };
        if (isListType(getNullableType(dateInput!.type))) variables[dateInput!.name] = [variables[dateInput!.name]];
      }
    }
    if (op === 'mutation' && 'id' in variables) variables.id = this.garbageId();
    if (this.rng.chance(0.8)) {
      this.addOperation(category, op, field.name, this.variableOperation(op, field, field.args), variables);
    } else {
      const lit = `${'{a: '.repeat(300)}1${'}'.repeat(300)}`;
      this.addOperation('deep-input-literal', op, field.name, `${op} { ${field.name}(${target.name}: ${lit}) ${this.selection(field.type)} }`);
    }
  }

  /** Forged and spoiled cursors in every `after` of the root field and of the connections of the record it returns. */
  private cursorCases(field: GraphQLField<unknown, unknown>): void {
    const after = field.args.find((a) => a.name === 'after');
    if (after) {
      for (const cursor of this.rng.chance(0.5) ? [this.pick(forgedCursors(this.anyRealId()))] : forgedCursors(this.anyRealId()).filter(() => this.rng.chance(0.2))) {
        const first = this.pick<unknown>([undefined, 0, 1, 100, 101, -1, 2147483647]);
        this.addOperation('forged-cursor', 'query', field.name, this.variableOperation('query', field, field.args.filter((a) => a.name === 'after' || a.name === 'first')), first === undefined ? { after: cursor } : { after: cursor, first });
      }
    }
    // a single record (by its id) whose fields are connections: forged cursors one level down
    const type = getNamedType(field.type);
    const idArg = field.args.find((a) => isNonNullType(a.type) && getNamedType(a.type).name === 'ID');
    if (!idArg || !isObjectType(type) || field.args.length !== 1) return;
    const nested = Object.values((type as GraphQLObjectType).getFields()).filter((f) => f.args.some((a) => a.name === 'after'));
    const real = this.realOf(type.name);
    if (!nested.length || !real) return;
    for (const n of nested) {
      const cursor = this.pick(forgedCursors(real.id));
      const first = this.pick([1, 5, 100, 0]);
      this.addOperation('forged-nested-cursor', 'query', field.name,
        `query Nested($id: ${String(idArg.type)}, $after: String, $first: Int) { ${field.name}(${idArg.name}: $id) { __typename ${n.name}(first: $first, after: $after) ${this.selection(n.type)} } }`,
        { id: real.id, after: cursor, first });
    }
  }

  // ── cases about HTTP and documents rather than one field ──

  private httpCases(): void {
    const q = '{ me { __typename } }';
    const json = (v: unknown) => JSON.stringify(v);
    const malformed = [
      '{', '}', '{"query": "{ me { __typename } }"', '{"query": "{ me { __typename } }"}}', "{'query': '{ me { __typename } }'}", '{"query": { me }}',
      '{"query": "{ me { __typename } }", "variables": NaN}', '{"query": "{ me { __typename } }", "variables": {"a": Infinity}}',
      '{"query": "{ me { __typename } }",}', '[{"query": "{ me { __typename } }"},]', '\uFEFF{"query": "{ me { __typename } }"}', 'null', 'true', '0', '"{ me { __typename } }"',
      '{"query": "\\ud800"}', '{"query": "\\u00"}', '{"query": "\u0000"}', `{"query": "${'\\\\'.repeat(1000)}"}`, ' ', '\n\n\n', `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `{"query": "{ me { __typename } }", "variables": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, '{"__proto__": {"query": "{ me { __typename } }"}}',
      '{"query": "{ me { __typename } }", "query": "mutation { revokeGrant(id: \\"x\\", reason: \\"y\\") { id } }"}', `{"query": "${'a'.repeat(200_000)}"}`,
    ];
    for (const body of malformed) this.add({ category: 'http:malformed-json', target: 'body', body });

    const invalidUtf8: Buffer[] = [
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.concat([Buffer.from('{"query": "{ me { __typename } }", "variables": {"x": "'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), Buffer.from('"}}')]),
      Buffer.concat([Buffer.from('{"query": "{ agency(code: \\"'), Buffer.from([0xf0, 0x28, 0x8c, 0xbc]), Buffer.from('\\") { name } }"}')]),
      Buffer.concat([Buffer.from('{"query": "{ person(id: \\"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\\") { id } }"}')]), // a surrogate encoded in UTF-8 (CESU)
      Buffer.concat([Buffer.from('{"query": "{ personByIdNumber(idNumber: \\"'), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]), Buffer.from('\\") { id } }"}')]), // overlong '/'
      Buffer.concat([Buffer.from('{"query": "mutation($n: String!) { registerPerson(input: {name: $n, idNumber: \\"1\\"}) { id } }", "variables": {"n": "'), Buffer.from([0xfe, 0xff, 0x80]), Buffer.from('"}}')]),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json({ query: q }))]),
      Buffer.from(json({ query: q }), 'utf16le'),
      Buffer.concat([Buffer.from('{"query": "{ me { __typename } }"'), Buffer.from([0x00, 0x00, 0xff]), Buffer.from('}')]),
      Buffer.concat([Buffer.from('{"query": "{ enforcementCases(after: \\"'), Buffer.from([0x80, 0x81, 0x82, 0x83]), Buffer.from('\\") { totalCount } }"}')]),
      Buffer.concat([Buffer.from('{"query": "{ enforcementCases(filter: {agencyCode: \\"'), Buffer.alloc(2000, 0xff), Buffer.from('\\"}) { totalCount } }"}')]),
    ];
    for (const body of invalidUtf8) this.add({ category: 'http:invalid-utf8', target: 'body', body });

    const contentTypes = [
      'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/xml',
      'application/json; charset=latin1', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/jsonx', 'application/json-patch+json', 'application/graphql-response+json', '', 'application/octet-stream', '*/*',
    ];
    for (const ct of contentTypes) {
      const body = ct.startsWith('application/x-www') ? `query=${encodeURIComponent(q)}` : ct.startsWith('multipart') ? `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${json({ query: q })}\r\n--x--` : ct === 'application/graphql' ? q : json({ query: q });
      this.add({ category: 'http:content-type', target: ct || '(empty)', headers: ct ? { 'content-type': ct } : {}, body });
    }
    this.add({ category: 'http:content-type', target: '(none)', headers: {}, body: json({ query: q }) });

    // bodies over the limit (announced, or streamed without a length), and just under it
    this.add({ category: 'http:oversized', target: 'body 300 KiB', body: json({ query: q, variables: { x: 'A'.repeat(300 * 1024) } }) });
    this.add({ category: 'http:oversized', target: 'body 2 MiB', body: json({ query: q, variables: { x: 'A'.repeat(2 * 1024 * 1024) } }) });
    this.add({ category: 'http:oversized', target: 'streamed 1 MiB', body: { stream: 1024 * 1024 } });
    this.add({ category: 'http:oversized', target: 'streamed 12 MiB', body: { stream: 12 * 1024 * 1024 } });
    this.add({ category: 'http:oversized', target: 'body just under the limit', body: json({ query: `query($x: String!) { personByIdNumber(idNumber: $x) { id } }`, variables: { x: 'A'.repeat(256 * 1024 - 200) } }) });
    this.add({ category: 'http:oversized', target: 'id just under the limit, escaped', body: json({ query: `mutation($id: ID!) { revokeGrant(id: $id, reason: "x") { id } }`, variables: { id: '\u0001'.repeat(42_000) } }) });
    this.add({ category: 'http:oversized', target: 'many variables', body: json({ query: q, variables: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`v${i}`, i])) }) });

    // batches
    this.add({ category: 'http:batch', target: 'two queries', body: json([{ query: q }, { query: q }]) });
    this.add({ category: 'http:batch', target: 'empty batch', body: '[]' });
    this.add({ category: 'http:batch', target: '1000 queries', body: json(Array.from({ length: 1000 }, () => ({ query: q }))) });
    this.add({ category: 'http:batch', target: 'batched mutations', body: json([{ query: 'mutation { revokeGrant(id: "x", reason: "y") { id } }' }, { query: 'mutation { addTaskProgress(id: "x", text: "y") { id } }' }]) });
    this.add({ category: 'http:batch', target: 'nested batch', body: json([[{ query: q }]]) });

    // the body's fields with other shapes than strings and objects
    const shapes: unknown[] = [
      {}, { query: null }, { query: 1 }, { query: { $gt: '' } }, { query: [q] }, { query: '' }, { query: '   ' }, { query: q, variables: 'x' }, { query: q, variables: [1, 2] },
      { query: q, variables: '{"a":1}' }, { query: q, operationName: { $ne: null } }, { query: q, operationName: 'Nope' }, { query: q, operationName: 'x'.repeat(10_000) },
      { query: q, extensions: 'x' }, { query: q, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }, { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
      { query: q, extensions: { persistedQuery: { version: { $gt: 0 }, sha256Hash: { $ne: null } } } }, { query: q, __proto__: { admin: true } }, { queryId: q }, { Query: q },
      { query: 'query A { me { __typename } } query B { me { __typename } }' }, { query: 'query A { me { __typename } } query A { me { __typename } }', operationName: 'A' },
      { query: 'subscription { me { __typename } }' }, { query: '{ __typename }' }, { query: '# only a comment' }, { query: '\u0000' }, { query: `{ me { __typename } }${'\u0000'.repeat(100)}` },
    ];
    for (const s of shapes) this.add({ category: 'http:body-shape', target: Object.keys(s as object).join(',') || '(empty object)', body: json(s) });
    this.add({ category: 'http:body-shape', target: 'no body', body: '' });

    // GET: queries by URL, with and without the header that lets Apollo's CSRF prevention through
    const get = (query: string, extra = '', preflight = true, target = 'query') =>
      this.add({ category: 'http:get', target, method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}${extra}`, headers: preflight ? { 'apollo-require-preflight': 'true' } : {}, body: undefined });
    get(q, '', true, 'plain query');
    get(q, '', false, 'no preflight header');
    get('mutation { revokeGrant(id: "x", reason: "y") { id } }', '', true, 'mutation by GET');
    get('mutation { addTaskProgress(id: "x", text: "y") { id } }', '', false, 'mutation by GET without preflight');
    get('query($id: ID!) { person(id: $id) { id } }', '&variables=%7Bnot%20json', true, 'malformed variables');
    get('query($id: ID!) { person(id: $id) { id } }', `&variables=${encodeURIComponent('{"id": {"$gt": ""}}')}`, true, 'operator as variable');
    get('query($id: ID!) { person(id: $id) { id } }', `&variables=${encodeURIComponent('["x"]')}`, true, 'variables an array');
    get(q, '&extensions=%7B', true, 'malformed extensions');
    get(q, `&extensions=${encodeURIComponent(json({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } }))}`, true, 'persisted query');
    get(q, '&query=%7B%20__typename%20%7D', true, 'query twice');
    get(q, '&operationName=%00', true, 'nul operation name');
    get(`{ agencies(first: 1) { nodes { code } } }\n#${'a'.repeat(9000)}`, '', true, 'long URL (9 KB)');
    get(`{ agencies(first: 1) { nodes { code } } ${'#'.repeat(20_000)}\n}`, '', true, 'URL over the header limit');
    this.add({ category: 'http:get', target: 'malformed percent-encoding in query', method: 'GET', path: '/graphql?query=%E0%A4%A&x=%', headers: { 'apollo-require-preflight': 'true' } });
    this.add({ category: 'http:get', target: 'no query', method: 'GET', path: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
    this.add({ category: 'http:get', target: 'body on GET', method: 'GET', path: '/graphql', headers: { 'apollo-require-preflight': 'true', 'content-type': 'application/json' }, body: json({ query: q }) });

    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) this.add({ category: 'http:method', target: method, method, body: method === 'OPTIONS' ? undefined : json({ query: q }) });

    // headers: a client's copy of the gateway's signed identity, request ids, forwarded hosts
    const h = (target: string, headers: Record<string, string>, body = json({ query: q })) => this.add({ category: 'http:headers', target, headers: { 'content-type': 'application/json', ...headers }, body });
    h('client-made x-hub-identity', { 'x-hub-identity': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiYWdlbmN5IjoiNDExMjIxLUpDWSIsInJvbGVzIjpbInNlcnZpY2UiXX0.' });
    h('hostile x-request-id', { 'x-request-id': '../../{"$gt":""}' });
    h('long x-request-id', { 'x-request-id': 'r'.repeat(4000) });
    h('x-forwarded-for and host', { 'x-forwarded-for': '10.0.0.1, {"$gt":""}', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'gopher' });
    h('content-length mismatch (transfer-encoding)', { 'transfer-encoding': 'chunked' });
    h('many headers', Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`x-h${i}`, `${i}`])));
    h('accept only xml', { accept: 'application/xml' });
    h('accept multipart', { accept: 'multipart/mixed; deferSpec=20220824' });
    h('apollo operation headers', { 'apollo-require-preflight': '{"$gt":""}', 'x-apollo-operation-name': '\u00ff' });

    // paths beside /graphql
    for (const p of ['/graphql/', '/GRAPHQL', '/graphql/..%2f..%2fpackage.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/graphql%00', '/%E0%A4%A', '/index.html%00.js', '/health?x=%', '/graphql;jsessionid=1', '//graphql', '/graphql?query=%7B__typename%7D#frag']) {
      this.add({ category: 'http:path', target: p, path: p, body: json({ query: q }) });
    }
  }

  /** Documents that are broken, deep, wide or reach for introspection, with assorted callers. */
  private documentCases(): void {
    const docs: [string, string][] = [
      ['unclosed', '{ me { __typename }'],
      ['garbage', ')))(((!!!@@@'],
      ['nul byte', '{ me\u0000 { __typename } }'],
      ['lone surrogate escape', '{ personByIdNumber(idNumber: "\\uD800") { id } }'],
      ['invalid escape', '{ personByIdNumber(idNumber: "\\x41") { id } }'],
      ['block string', '{ personByIdNumber(idNumber: """\n\'; db.dropDatabase()\n$where\n""") { id } }'],
      ['huge int literal', '{ agencies(first: 99999999999999999999) { totalCount } }'],
      ['float for int', '{ agencies(first: 1e400) { totalCount } }'],
      ['negative first', '{ agencies(first: -1) { totalCount } }'],
      ['unknown enum literal', '{ agencies(type: NOT_A_TYPE) { totalCount } }'],
      ['enum as string', '{ agencies(type: "ENFORCEMENT") { totalCount } }'],
      ['unknown field', '{ me { __typename passwordHash } }'],
      ['unknown root', '{ users { password } }'],
      ['deep selection', `{ me ${'{ __typename '.repeat(2000)}${'}'.repeat(2000)} }`],
      ['nesting over the depth limit', `{ agencies(first: 1) { nodes { ${'parent { '.repeat(11)}code${' }'.repeat(11)} } } }`],
      ['many aliases', `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: me { __typename }`).join(' ')} }`],
      ['alias fan-out of a list', `{ ${Array.from({ length: 14 }, (_, i) => `a${i}: enforcementCases(first: 100) { nodes { id } }`).join(' ')} }`],
      ['many directives', `{ me ${'@include(if: true) '.repeat(300)}{ __typename } }`],
      ['unknown directive', '{ me @export(as: "x") { __typename } }'],
      ['fragment cycle', 'query { me { ...A } } fragment A on Me { ...B } fragment B on Me { ...A }'],
      ['fragment bomb', `query { me { ...F0 } } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Me { __typename ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`],
      ['introspection', '{ __schema { types { name fields { name } } } }'],
      ['deep introspection', `{ __schema { types { ${'fields { type { ofType { ofType { ofType { '.repeat(1)}name${' } } } }'.repeat(1)} } } } }`],
      ['type probe', '{ __type(name: "Mutation") { fields { name args { name } } } }'],
      ['introspection through fragment', 'query { ...S } fragment S on Query { __schema { queryType { name } } }'],
      ['_service sdl', '{ _service { sdl } }'],
      ['_entities', '{ _entities(representations: [{__typename: "Person", id: {_: 1}}]) { __typename } }'],
      ['variables in wrong places', 'query($t: String) { me @skip(if: $t) { __typename } }'],
      ['duplicate variable', 'query($a: ID, $a: ID) { person(id: $a) { id } }'],
      ['operation with 2000 tokens', `{ me { ${'__typename '.repeat(2000)}} }`],
      ['comment-only padding', `${'# pad\n'.repeat(20_000)}{ me { __typename } }`],
      ['unicode names', '{ 渑 { __typename } }'],
      ['BOM in document', '\uFEFF{ me { __typename } }'],
      ['only whitespace', ' \n\t '],
    ];
    for (const [name, query] of docs) this.add({ category: 'document', target: name, body: JSON.stringify({ query }) });
  }

  // ── the run ──

  /** All cases, in a reproducible order; at least `min` of them (rounds of the per-field cases repeat with new draws). */
  generate(min = 1000): HostileCase[] {
    const query = this.schema.getQueryType()!;
    const mutation = this.schema.getMutationType();
    const queryFields = Object.values(query.getFields()).filter((f) => !f.name.startsWith('_'));
    const mutationFields = mutation ? Object.values(mutation.getFields()) : [];
    this.httpCases();
    this.documentCases();
    const round = () => {
      for (const f of mutationFields) {
        this.wrongTypes('mutation', f);
        this.typedHostileCase('mutation', f);
        if (!this.staleVersionCase(f)) this.typedHostileCase('mutation', f);
        this.literalCase('mutation', f);
        this.missingOrNull('mutation', f);
        if (this.rng.chance(0.5)) this.deepCase('mutation', f);
        else this.typedHostileCase('mutation', f, true);
      }
      for (const f of queryFields) {
        this.wrongTypes('query', f);
        this.typedHostileCase('query', f);
        this.literalCase('query', f);
        this.missingOrNull('query', f);
        this.cursorCases(f);
        if (this.rng.chance(0.5)) this.deepCase('query', f);
        else this.typedHostileCase('query', f, true);
      }
    };
    round();
    while (this.cases.length < min) round();
    return this.cases;
  }
}

// ─── helpers without state ─────────────────────────────────────────────────────────────────────────

/**
 * A value nested `depth` levels deep: `{ key: { key: … 1 } }`, or `[[…[]…]]` when `key` is null. Kept as a
 * description and written out by `toJson`/`literal`, because JSON.stringify recurses once per level and
 * overflows the stack near 5,000 levels, where JSON.parse (iterative) does not.
 */
export class Deep {
  constructor(
    readonly depth: number,
    readonly key: string | null = 'a',
  ) {}

  json(): string {
    return this.key === null ? `${'['.repeat(this.depth)}${']'.repeat(this.depth)}` : `${`{${JSON.stringify(this.key)}:`.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }

  literal(): string {
    const key = this.key !== null && /^[_A-Za-z][_0-9A-Za-z]*$/.test(this.key) ? this.key : 'a';
    return this.key === null ? `${'['.repeat(this.depth)}${']'.repeat(this.depth)}` : `${`{${key}: `.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
}

export const deepObject = (depth: number, key = 'a') => new Deep(depth, key);
export const deepArray = (depth: number) => new Deep(depth, null);

/** JSON.stringify that writes `Deep` values out as text (the rest of a case is shallow). */
export function toJson(value: unknown): string {
  if (value instanceof Deep) return value.json();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A variable type that differs from the argument's: nullable for non-null, scalar for list, String for the rest. */
function swapType(type: GraphQLInputType): string {
  if (isNonNullType(type)) return String(type.ofType) === 'String' ? 'ID!' : 'String';
  if (isListType(type)) return getNamedType(type).name;
  return getNamedType(type).name === 'String' ? 'Int' : 'String';
}

/**
 * True when the mutation's values cannot be accepted whatever the resolver does: its record `id` is one of
 * the generator's garbage ids, which name no record (the callers make sure of that).
 */
function mutationPoisoned(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): boolean {
  return field.args.some((a) => a.name === 'id') && typeof values.id === 'string';
}

/**
 * For a mutation that takes only an input (a create): every ID of the input, nested ones included, is set to
 * garbage, so it refers to nothing, is no agency code and no Person id. Inputs with no ID field at all get an
 * impossible DateTime in every date field as well.
 */
function poisonInput(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>, garbage: () => string): void {
  const visit = (type: GraphQLInputType, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (isNonNullType(type)) return visit(type.ofType, value);
    if (isListType(type)) return Array.isArray(value) ? (value.length ? value.map((v) => visit(type.ofType, v)) : [visit(type.ofType, garbage())]) : value;
    if (isInputObjectType(type) && typeof value === 'object') {
      const fields = type.getFields();
      return Object.fromEntries(Object.values(fields).map((f) => [f.name, visit(f.type, (value as Record<string, unknown>)[f.name] ?? (getNamedType(f.type).name === 'ID' ? garbage() : (value as Record<string, unknown>)[f.name]))]));
    }
    if (isScalarType(type) && type.name === 'ID') return garbage();
    if (isScalarType(type) && type.name === 'DateTime') return '+275760-09-13T00:00:00.000Z';
    return value;
  };
  for (const a of field.args) values[a.name] = visit(a.type, values[a.name]);
}

/** A value as a GraphQL literal of `type` (enum names bare, strings JSON-escaped, objects by field). */
export function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (value instanceof Deep) return value.literal();
  if (Array.isArray(value)) {
    const inner = isListType(getNullableType(type)) ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType : type;
    return `[${value.map((v) => literal(v, inner)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : `_${Buffer.from(k).toString('hex')}`}: ${literal(v, fields[k]?.type ?? named as GraphQLInputType)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e400';
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

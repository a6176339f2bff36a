import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { labelOf } from '../../lib/labels';
import type { Ledger, PartyColumns, Reference } from './ledgers';

/** One column of a ledger: a field of the row input type, or a party's name or 身份证号. */
export interface Column {
  header: string;
  /** Other headers accepted for it: the field's name, and the other words of a label written 甲/乙. */
  aliases: string[];
  field: string;
  type: GraphQLInputType;
  required: boolean;
  description: string;
  party?: { spec: PartyColumns; part: 'name' | 'idNumber' };
  reference?: Reference;
}

let schema: GraphQLSchema | undefined;

/** The hub's public schema as committed (schema/supergraph.graphql): the CLI needs no introspection rights. */
export function hubSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
  return schema;
}

const partyColumn = (spec: PartyColumns, part: 'name' | 'idNumber', list: boolean, type: GraphQLInputType): Column => ({
  header: spec[part],
  aliases: [],
  field: spec.into,
  type,
  required: false,
  description: part === 'name' ? `姓名或名称${list ? '（多人以、分隔）' : ''}` : `身份证号${list ? '（与姓名一一对应，以、分隔）' : ''}：登记当事人后填入 ${spec.into}`,
  party: { spec, part },
});

/** The ledger's columns in template order: the row type's fields, each party's two columns where its id field is. */
export function columnsOf(ledger: Ledger): Column[] {
  const rowType = hubSchema().getType(ledger.row);
  if (!isInputObjectType(rowType)) throw new Error(`the hub's schema has no input type ${ledger.row}; run npm run compose`);
  return Object.values(rowType.getFields()).flatMap((f): Column[] => {
    const party = ledger.parties.find((p) => p.into === f.name);
    if (party) {
      const list = isListType(isNonNullType(f.type) ? f.type.ofType : f.type);
      return [partyColumn(party, 'name', list, f.type), partyColumn(party, 'idNumber', list, f.type)];
    }
    const reference = ledger.references?.find((r) => r.into === f.name);
    if (reference) {
      return [{ header: reference.column, aliases: [], field: f.name, type: f.type, required: false, description: `${reference.column}：系统中已有记录的编号，导入时查到其ID填入 ${f.name}`, reference }];
    }
    const label = labelOf(f.description);
    const [header, ...more] = (label ?? f.name).split('/');
    return [{ header, aliases: [...more, f.name], field: f.name, type: f.type, required: isNonNullType(f.type), description: f.description ?? '' }];
  });
}

/** Agency code fields (agencyCode, policeAgencyCode, dispatchedToCode …; not a credit code): they also take the agency's name. */
export const isAgencyField = (field: string) => /Code$/.test(field) && !/^creditCode/.test(field);

/** What a clerk types in a column, for the template's notes. */
export function formatOf(c: Column): string {
  const named = getNamedType(c.type);
  const list = isListType(isNonNullType(c.type) ? c.type.ofType : c.type) ? '（可填多个，以、分隔）' : '';
  if (c.party) return c.party.part === 'name' ? `文本${list}` : `18位身份证号${list}`;
  if (c.reference) return '编号（案号），须为系统中你可查看的记录';
  if (isAgencyField(c.field)) return '单位代码（如 411221-SCJ）或单位名称';
  if ('getValues' in named) return `${named.getValues().map((v) => labelOf(v.description) ?? v.name).join(' / ')}${list}`;
  switch (named.name) {
    case 'DateTime': return '日期：2025-03-05、2025/3/5 或 2025年3月5日，可带时间 09:30';
    case 'Int': return `整数${list}`;
    case 'Float': return '数字';
    case 'Boolean': return '是 / 否';
    default: return `文本${list}`;
  }
}

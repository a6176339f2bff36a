import { buildSchema, parse } from 'graphql';
import { flatten } from '../../gateway/export/flatten';
import { labelOf } from '../../lib/labels';
import { pagedConnection, pageState, appendPage, shiftedError } from '../../gateway/export/paging';
import { operationOf } from '../../gateway/export/selections';
import type { Sheet } from '../../lib/sheets';

// gateway/export/flatten.ts on a small schema: which lists become sheets, what the columns are called, what the cells hold.
const schema = buildSchema(`
  scalar DateTime
  """行政执法案件 An enforcement case."""
  type Case {
    id: ID!
    "案号 case number"
    caseNumber: String!
    status: Status!
    "当事人(自然人) party"
    person: Person
    "标签 tags"
    tags: [Status!]!
    "办理经过 history"
    history: [Step!]!
    "立案日期 filed"
    filedAt: DateTime
    "逾期 overdue"
    overdue: Boolean
    "罚没金额(元) amount"
    amount: Float
    "涉嫌犯罪移送 transfers"
    transfers(first: Int): TransferConnection!
    plain: String
  }
  """案件状态 Status of a case."""
  enum Status {
    "已立案 filed"
    FILED
    "已移送涉嫌犯罪 transferred as a suspected crime"
    TRANSFERRED
    CLOSED
  }
  """自然人 A person."""
  type Person { "姓名 name" name: String! "身份证号(明文) raw" idNumber: String "住址 address" address: Address }
  type Address { "乡镇 town" town: String }
  type Step { status: Status! at: DateTime! note: String }
  type CaseEdge { node: Case! cursor: String! }
  type CaseConnection { edges: [CaseEdge!]! nodes: [Case!]! pageInfo: PageInfo! totalCount: Int! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Transfer { "罪名 charge" charge: String }
  type TransferConnection { nodes: [Transfer!]! totalCount: Int! }
  """单位 An agency."""
  type Agency { code: ID! "简称 short name" shortName: String }
  type Work { agency: ID! "事项 items" items: [Item!] others: [Item!] }
  type Item { "事项 label" label: String! dueAt: DateTime }
  type Query {
    "行政执法案件 cases, newest first"
    cases(first: Int, after: String): CaseConnection!
    "自然人 one person"
    person(id: ID!): Person
    agencies: [Agency!]!
    "待办 my work"
    myWork: Work!
    version: String
  }
`);

const run = (query: string, data: Record<string, unknown> | null) => flatten(schema, parse(query), data);
const sheet = (name: string, header: string[], rows: Sheet['rows']): Sheet => ({ name, header, rows });

const CASE = {
  id: 'c1', caseNumber: '渑市监罚〔2025〕12号', status: 'TRANSFERRED', person: { name: '李四', idNumber: null, address: { town: '城关镇' } },
  tags: ['FILED', 'CLOSED'], history: [{ status: 'FILED', at: '2025-03-04T16:00:00.000Z', note: null }, { status: 'TRANSFERRED', at: '2025-03-10T02:30:00.000Z', note: '移送' }],
  filedAt: '2025-03-04T16:00:00.000Z', overdue: false, amount: 1200.5, transfers: { nodes: [{ charge: '非法经营罪' }, { charge: '生产销售伪劣产品罪' }] }, plain: 'x',
};

describe('flatten: an answer as sheets', () => {
  const cases: [string, string, Record<string, unknown> | null, Sheet[]][] = [
    [
      'a connection is a sheet named by its label, columns by their labels (the type’s when the field has none, else the name)',
      '{ cases(first: 10) { totalCount pageInfo { hasNextPage } nodes { id caseNumber status plain } } }',
      { cases: { totalCount: 1, pageInfo: { hasNextPage: false }, nodes: [CASE] } },
      [sheet('行政执法案件', ['id', '案号', '案件状态', 'plain'], [['c1', '渑市监罚〔2025〕12号', '已移送涉嫌犯罪', 'x']])],
    ],
    [
      'nested objects as 对象·字段 columns; null objects give empty cells',
      '{ cases { nodes { person { name address { town } } } } }',
      { cases: { nodes: [CASE, { ...CASE, person: null }] } },
      [sheet('行政执法案件', ['当事人(自然人)·姓名', '当事人(自然人)·住址·乡镇'], [['李四', '城关镇'], [null, null]])],
    ],
    [
      'enum labels (the value when it has none), lists of scalars joined with 、, dates as Date, booleans as 是/否, numbers as numbers',
      '{ cases { nodes { tags filedAt overdue amount } } }',
      { cases: { nodes: [CASE] } },
      [sheet('行政执法案件', ['标签', '立案日期', '逾期', '罚没金额(元)'], [['已立案、CLOSED', new Date('2025-03-04T16:00:00.000Z'), '否', 1200.5]])],
    ],
    [
      'lists of objects and connections inside a record as compact text (dates in China time)',
      '{ cases { nodes { history { status at note } transfers { totalCount nodes { charge } } } } }',
      { cases: { nodes: [CASE] } },
      [sheet('行政执法案件', ['办理经过', '涉嫌犯罪移送'], [['已立案 2025-03-05; 已移送涉嫌犯罪 2025-03-10 10:30 移送', '非法经营罪; 生产销售伪劣产品罪']])],
    ],
    [
      'edges { node } as well as nodes; cursor left out',
      '{ cases { edges { cursor node { caseNumber } } } }',
      { cases: { edges: [{ cursor: 'a', node: { caseNumber: 'n1' } }, { cursor: 'b', node: { caseNumber: 'n2' } }] } },
      [sheet('行政执法案件', ['案号'], [['n1'], ['n2']])],
    ],
    [
      'fragments (named and inline) expanded in selection order; aliases read the right keys; the same label twice told apart',
      'query Q { list: cases { nodes { ...F ... on Case { a: caseNumber } b: caseNumber } } } fragment F on Case { status }',
      { list: { nodes: [{ status: 'FILED', a: 'A', b: 'B' }] } },
      [sheet('行政执法案件', ['案件状态', '案号(a)', '案号(b)'], [['已立案', 'A', 'B']])],
    ],
    [
      'two connections: two sheets, names unique; a root list of objects and a single object are sheets too (a label, else the name)',
      '{ cases { nodes { id } } older: cases { nodes { id } } agencies { code shortName } person(id: "p") { name } }',
      { cases: { nodes: [{ id: '1' }] }, older: { nodes: [{ id: '2' }] }, agencies: [{ code: 'SCJ', shortName: '县市场监管局' }], person: { name: '李四' } },
      [
        sheet('行政执法案件', ['id'], [['1']]),
        sheet('行政执法案件(2)', ['id'], [['2']]),
        sheet('单位', ['code', '简称'], [['SCJ', '县市场监管局']]),
        sheet('自然人', ['姓名'], [['李四']]),
      ],
    ],
    [
      'a single object on the way to lists: each list a sheet (named after the object when it has no label), the object’s other fields a one-row sheet',
      '{ myWork { agency items { label dueAt } others { label } } }',
      { myWork: { agency: 'SCJ', items: [{ label: '回复检察建议', dueAt: null }], others: [] } },
      [sheet('事项', ['事项', 'dueAt'], [['回复检察建议', null]]), sheet('待办·others', ['事项'], []), sheet('待办', ['agency'], [['SCJ']])],
    ],
    [
      'no data (a refused query, or the shape asked before running): the same sheets without rows',
      '{ cases { nodes { caseNumber } } person(id: "p") { name } }',
      null,
      [sheet('行政执法案件', ['案号'], []), sheet('自然人', ['姓名'], [])],
    ],
    [
      'scalars at the root: one sheet; a connection selecting only totalCount: none; __typename left out',
      '{ __typename version cases { totalCount } }',
      { __typename: 'Query', version: '1', cases: { totalCount: 3 } },
      [sheet('查询结果', ['version'], [['1']])],
    ],
    ['a mutation makes no sheets', 'mutation { x }', { x: 1 }, []],
  ];

  it.each(cases)('%s', (_, query, data, expected) => {
    expect(run(query, data)).toEqual(expected);
  });

  it.each([
    ['案号 case number, e.g. 渑市监罚〔2025〕12号', '案号'],
    ['  已移送涉嫌犯罪 transferred as a suspected crime', '已移送涉嫌犯罪'],
    ['食品药品', '食品药品'],
    ['case number 案号', undefined],
    [null, undefined],
  ])('labelOf(%j) = %j', (description, label) => expect(labelOf(description)).toBe(label));
});

describe('paging: which connection an export follows', () => {
  const paged = (query: string) => pagedConnection(operationOf(schema, parse(query))!);

  it.each([
    ['declares $after, passes it, selects hasNextPage and endCursor', 'query($after: String) { cases(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }', true],
    ['with aliases', 'query($after: String) { c: cases(after: $after) { p: pageInfo { h: hasNextPage e: endCursor } n: nodes { id } } }', true],
    ['no $after', '{ cases { pageInfo { hasNextPage endCursor } nodes { id } } }', false],
    ['$after not passed to the connection', 'query($after: String) { cases { pageInfo { hasNextPage endCursor } nodes { id } } }', false],
    ['no endCursor', 'query($after: String) { cases(after: $after) { pageInfo { hasNextPage } nodes { id } } }', false],
  ])('%s', (_, query, expected) => expect(!!paged(query)).toBe(expected));

  it('appends later pages and points their errors into the merged list', () => {
    const c = paged('query($after: String) { c: cases(after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }')!;
    const data = { c: { pageInfo: { hasNextPage: true, endCursor: 'x' }, nodes: [{ id: '1' }, { id: '2' }] } };
    expect(pageState(data, c)).toEqual({ rows: 2, next: 'x' });
    expect(appendPage(data, { c: { pageInfo: { hasNextPage: false, endCursor: 'y' }, nodes: [{ id: '3' }] } }, c)).toBe(true);
    expect(pageState(data, c)).toEqual({ rows: 3, next: null });
    expect(appendPage(data, null, c)).toBe(false);
    expect(shiftedError({ message: 'm', path: ['c', 'nodes', 0, 'person'] }, c, 2).path).toEqual(['c', 'nodes', 2, 'person']);
    expect(shiftedError({ message: 'm', path: ['other', 0] }, c, 2).path).toEqual(['other', 0]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ApolloGateway } from '@apollo/gateway';
import { Kind, Lexer, Source, TokenKind, parse, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { estimateCost } from '../gateway/limits';
import { EXAMPLES } from '../web/src/explorer/examples';

/** What the limits measure of one query (docs/gateway.md gives the numbers of REFERENCE_QUERIES). */
export interface Measures {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
  tokens: number;
}

/** Lexical tokens as graphql-js counts them for `parseOptions.maxTokens` (comments not counted). */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** The measures of the largest operation of `source`, counted exactly as the gateway's rules count them. */
export function measure(schema: GraphQLSchema, source: string): Measures {
  const doc = parse(source);
  const seen = { depth: 0, aliases: 0, directives: 0 };
  const keep = (k: keyof typeof seen) => [(_: unknown, d: { n: number }) => { seen[k] = Math.max(seen[k], d.n); }];
  const opts = { n: Number.MAX_SAFE_INTEGER, propagateOnRejection: false };
  const rules = [
    maxDepthRule({ ...opts, flattenFragments: true, ignoreIntrospection: true, onAccept: keep('depth') }),
    maxAliasesRule({ ...opts, onAccept: keep('aliases') }),
    maxDirectivesRule({ ...opts, onAccept: keep('directives') }),
  ] as ValidationRule[];
  const errors = validate(schema, doc, rules);
  if (errors.length) throw new Error(`not a valid query: ${errors.map((e) => e.message).join('; ')}`);
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  let cost = 0;
  for (const d of doc.definitions) if (d.kind === Kind.OPERATION_DEFINITION) cost = Math.max(cost, estimateCost(schema, d, (n) => fragments.get(n)));
  return { ...seen, cost, tokens: countTokens(source) };
}

/** The explorer's example operations (one tab each, web/src/explorer/examples.ts), so a change there is measured. */
export function explorerExamples(): Record<string, string> {
  return Object.fromEntries(EXAMPLES.map((e) => [`explorer example ${/query (\w+)/.exec(e.query)?.[1] ?? ''}`.trim(), e.query]));
}

/**
 * Realistic queries the limits must let through: the dashboard with every statistic of its five
 * parts, the nested queries of tests/e2e/graph.test.ts, and (added at run time) the explorer's.
 */
export const REFERENCE_QUERIES: Record<string, string> = {
  'dashboard, all five parts, every field': `query Dashboard($period: String!) { dashboard(period: $period) { period from to
    procuratorate { casesAccepted casesByType { status count } suggestionsIssued suggestionsReplied suggestionsOverdue reverseReferrals resultsReported pendingTooLong }
    enforcement { casesFiled casesByField { status count } transfersSent transfersFiled }
    petitions { received acceptedInTime answeredInTime repeatPetitions hearings byChannel { status count } hotlineTicketsByStatus { status count } hotlineOnTime }
    assistance { applications approved personsAssisted amountDisbursed byGroup { status count } referralsByKind { status count } referralsCompleted }
    liaison { dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts } } }`,
  'graph.test: case → transfer → procuratorate case (first: 100)': `{ enforcementCases(first: 100, filter: { status: TRANSFERRED }) {
      nodes { id caseNumber agency { name } transfer { id status procuratorateCase { caseNumber sourceTransfer { id } } } } } }`,
  'graph.test: Person across four subgraphs': `{ rescueApplications(first: 5) { nodes { applicant { id name idNumberMasked
        procuratorateCases { totalCount nodes { id } } enforcementCases { totalCount } petitions { totalCount } rescueApplications { totalCount } }
      procuratorateCase { id victims { id } } } } }`,
  'graph.test: suggestions, petitions, reverse referrals': `{
      suggestions(first: 5) { nodes { number targetAgency { code name } procuratorateCase { caseNumber } } }
      petitions(first: 100) { nodes { relatedCases { __typename ... on ProcuratorateCase { caseNumber } ... on EnforcementCase { caseNumber } } } }
      reverseReferrals(first: 20) { nodes { status competentAgency { name } procuratorateCase { decision } enforcementCase { caseNumber } } } }`,
  'graph.test: paging with a variable cursor': `query($after: String) { enforcementCases(first: 7, after: $after, filter: { field: MARKET }) { totalCount pageInfo { hasNextPage endCursor } nodes { id filedAt } } }`,
  'graph.test: batching, first: $n (counted as 100)': `query($n: Int) { enforcementCases(first: $n, filter: { status: TRANSFERRED }) { nodes { caseNumber
      person { name } enterprise { name } agency { name } transfer { status procuratorateCase { caseNumber } } } } }`,
  'graph.test: person with cases': `query($id: ID!) { person(id: $id) { name enforcementCases { nodes { caseNumber agency { code } } } } }`,
  'deepest cross-subgraph path: application → applicant → procuratorate cases → source transfer → enforcement case → agency':
    `{ rescueApplications(first: 5) { nodes { applicant { procuratorateCases { nodes { sourceTransfer { enforcementCase { agency { name } } } } } } } } }`,
  'twelve months side by side (aliases, one fragment of every dashboard field)': `query Months { ${Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    return `m${m}: dashboard(period: "2025-${m}") { ...Everything }`;
  }).join(' ')} }
  fragment Everything on Dashboard { period from to
    procuratorate { casesAccepted casesByType { status count } suggestionsIssued suggestionsReplied suggestionsOverdue reverseReferrals resultsReported pendingTooLong }
    enforcement { casesFiled casesByField { status count } transfersSent transfersFiled }
    petitions { received acceptedInTime answeredInTime repeatPetitions hearings byChannel { status count } hotlineTicketsByStatus { status count } hotlineOnTime }
    assistance { applications approved personsAssisted amountDisbursed byGroup { status count } referralsByKind { status count } referralsCompleted }
    liaison { dataRequestsByStatus { status count } workTasksDone workTasksOverdue openAlerts } }`,
};

/** Builds the API schema of the committed supergraph, as the gateway serves it. */
export async function apiSchema(): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(path.resolve(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8') });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

// `npx tsx scripts/measure-limits.ts` prints the table of docs/gateway.md.
if (require.main === module) {
  void (async () => {
    const schema = await apiSchema();
    const all = { ...explorerExamples(), ...REFERENCE_QUERIES };
    console.log('| query | depth | cost | aliases | directives | tokens |\n|---|---|---|---|---|---|');
    for (const [name, q] of Object.entries(all)) {
      const m = measure(schema, q);
      console.log(`| ${name} | ${m.depth} | ${m.cost} | ${m.aliases} | ${m.directives} | ${m.tokens} |`);
    }
  })();
}

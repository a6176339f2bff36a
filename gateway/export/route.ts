// POST /export: a query run through the gateway for the caller, answered as an .xlsx or .csv file (flatten.ts).
// The same checks as /graphql: the caller's token and rate limit, then Apollo's own pipeline (parse, validation, the
// limits of gateway/limits.ts, the plugins) through executeOperation. The identity carries channel EXPORT, which the
// datasource signs into every subgraph call, so each subgraph audits every record it hands out as an EXPORT event
// with its grant (lib/access/records.ts): masking and access are the API's own, nothing is decided here.
import type { ServerResponse } from 'node:http';
import type { ApolloServer, HeaderMap } from '@apollo/server';
import { getOperationAST, GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { chinaDate } from '../../lib/calendar';
import type { RouteHandler } from '../../lib/http';
import { verifyUserToken } from '../../lib/identity';
import { requestLogger } from '../../lib/logger';
import { csvBuffer, workbookBuffer, type Sheet } from '../../lib/sheets';
import type { GatewayContext } from '../context';
import type { RateLimit } from '../rate-limit';
import { flatten } from './flatten';
import { appendPage, pagedConnection, pageState, shiftedError } from './paging';
import { operationOf } from './selections';

/** Most records one export follows pages for; the file then says it stopped there (说明). */
export const MAX_EXPORT_ROWS = 10_000;

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
type Format = keyof typeof CONTENT_TYPES;

export interface ExportOptions {
  server: ApolloServer<GatewayContext>;
  limiter: RateLimit;
  /** The gateway's API schema (its descriptions give the headers); undefined until the gateway has loaded it. */
  apiSchema: () => GraphQLSchema | undefined;
  maxTokens: number;
}

interface ExportRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  format: Format;
  filename?: string;
}

/** A refusal: an HTTP status and a JSON body of GraphQL-shaped errors (their codes kept), as /graphql answers. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLFormattedError[],
    readonly headers?: HeaderMap,
    /** what the refusal is about when `errors` are the query's own (422: the answer had errors) */
    readonly summary?: string,
  ) {
    super(summary ?? errors[0]?.message);
  }
}

const badRequest = (message: string) => new Refusal(400, [{ message, extensions: { code: 'BAD_REQUEST' } }]);

/** A GraphQLError thrown before the operation runs (token, rate limit): its status, headers and code as Apollo answers them. */
function refusalOf(e: unknown): Refusal {
  if (!(e instanceof GraphQLError)) throw e;
  const { http, ...extensions } = e.extensions as { http?: { status?: number; headers?: HeaderMap } };
  return new Refusal(http?.status ?? 400, [{ message: e.message, extensions }], http?.headers);
}

function exportRequest(body: unknown): ExportRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('send JSON (content-type: application/json): { "query": "…", "variables": {…}, "format": "xlsx" | "csv" }');
  const b = body as Record<string, unknown>;
  if (typeof b.query !== 'string' || !b.query.trim()) throw badRequest('query: a GraphQL query is required');
  if (b.variables != null && (typeof b.variables !== 'object' || Array.isArray(b.variables))) throw badRequest('variables: must be an object');
  if (b.operationName != null && typeof b.operationName !== 'string') throw badRequest('operationName: must be a string');
  if (b.format != null && b.format !== 'xlsx' && b.format !== 'csv') throw badRequest('format: xlsx or csv');
  if (b.filename != null && typeof b.filename !== 'string') throw badRequest('filename: must be a string');
  return {
    query: b.query,
    variables: (b.variables ?? {}) as Record<string, unknown>,
    operationName: (b.operationName as string | null) ?? undefined,
    format: (b.format as Format | null) ?? 'xlsx',
    filename: (b.filename as string | null) ?? undefined,
  };
}

/** The file's name: the caller's (no folders, no characters file systems refuse) or the first sheet's, with today's date. */
function fileName(request: ExportRequest, sheets: Sheet[]): string {
  const given = request.filename?.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f"*:<>?|]/g, '_').replace(/\.(xlsx|csv)$/i, '').trim().slice(0, 100);
  const today = chinaDate(new Date()).replace(/-/g, '');
  return `${given || `${sheets[0]?.name ?? '导出'}-${today}`}.${request.format}`;
}

/** `attachment` with an ASCII fallback and the real (Chinese) name as RFC 5987 `filename*`. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The 说明 sheet of an .xlsx: why rows may be missing (the query's errors, a stop at MAX_EXPORT_ROWS). */
function notesSheet(notes: string[], errors: GraphQLFormattedError[]): Sheet {
  return {
    name: '说明',
    header: ['类别', '位置', '说明', '代码'],
    rows: [
      ...notes.map((n) => ['提示', null, n, null]),
      ...errors.map((e) => ['错误', e.path?.join('.') ?? null, e.message, typeof e.extensions?.code === 'string' ? e.extensions.code : null]),
    ],
  };
}

function sendJson(res: ServerResponse, r: Refusal): void {
  if (r.headers) for (const [k, v] of r.headers) res.setHeader(k, v);
  res.writeHead(r.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...(r.summary ? { message: r.summary } : {}), errors: r.errors }));
}

/** The handler of POST /export (lib/http.ts `routes`). */
export function exportRoute(options: ExportOptions): RouteHandler {
  return async ({ req, res, body, requestId }) => {
    try {
      await answer(options, req.headers.authorization, body, requestId, res);
    } catch (e) {
      sendJson(res, e instanceof Refusal ? e : refusalOf(e));
    }
  };
}

async function answer(o: ExportOptions, authorization: string | undefined, body: unknown, requestId: string, res: ServerResponse): Promise<void> {
  const identity = await verifyUserToken(authorization, requestId);
  await o.limiter.take(identity);
  const request = exportRequest(body);
  // A query that does not parse is left to executeOperation, which answers it as /graphql would (limits hidden in production).
  let document: DocumentNode | undefined;
  try {
    document = parse(request.query, { maxTokens: o.maxTokens });
  } catch {
    document = undefined;
  }
  const kind = document && getOperationAST(document, request.operationName)?.operation;
  if (kind && kind !== 'query') throw badRequest(`an export runs a query only, not a ${kind}: send the ${kind} to /graphql`);
  const schema = o.apiSchema();
  if (!schema) throw new Refusal(503, [{ message: 'the gateway is still loading its schema; try again in a moment', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  // The shape of the file depends on the query alone: refuse before anything is read (and audited). An invalid query
  // is left to executeOperation, which answers its errors as /graphql would.
  const op = document && validate(schema, document).length === 0 ? operationOf(schema, document, request.operationName) : undefined;
  const shape = op && document ? flatten(schema, document, null, request.operationName) : [];
  if (op && shape.length === 0) throw badRequest('the query selects no list or object to export: select a connection’s nodes, e.g. { enforcementCases { nodes { caseNumber } } }');
  if (request.format === 'csv' && shape.length > 1) {
    throw badRequest(`the query makes ${shape.length} sheets (${shape.map((s) => s.name).join('、')}), and a CSV holds one: export as xlsx, or select one list`);
  }

  const log = requestLogger(requestId, { user: identity.userId, agency: identity.agency });
  const contextValue: GatewayContext = { identity: { ...identity, channel: 'EXPORT' }, log };
  const run = async (variables: Record<string, unknown>) => {
    const response = await o.server.executeOperation({ query: request.query, variables, operationName: request.operationName }, { contextValue });
    if (response.body.kind !== 'single') throw badRequest('incremental delivery (@defer, @stream) cannot be exported');
    const { data, errors = [] } = response.body.singleResult;
    return { status: response.http.status, data: data as Record<string, unknown> | null | undefined, errors: [...errors] };
  };

  const first = await run(request.variables);
  if (!first.data) throw new Refusal(first.status && first.status >= 400 ? first.status : 400, first.errors);
  const { data, errors } = first;
  const notes: string[] = [];
  const paged = op && pagedConnection(op);
  while (paged) {
    const { rows, next } = pageState(data, paged);
    if (!next) break;
    if (rows >= MAX_EXPORT_ROWS) {
      notes.push(`记录超过单次导出上限 ${MAX_EXPORT_ROWS} 条，只导出了前 ${rows} 条：请缩小查询条件后分批导出`);
      break;
    }
    await o.limiter.take(identity); // each page is a query on the hub
    const page = await run({ ...request.variables, after: next });
    errors.push(...page.errors.map((e) => shiftedError(e, paged, rows)));
    if (!appendPage(data, page.data, paged)) {
      notes.push(`读取第 ${rows + 1} 条之后的记录失败，只导出了前 ${rows} 条（原因见错误）`);
      break;
    }
  }

  const sheets = document ? flatten(schema, document, data, request.operationName) : [];
  if (sheets.length === 0) throw badRequest('the query selects no list or object to export');
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (notes.length || errors.length) {
    if (request.format === 'csv') {
      const summary = `the answer is incomplete${notes.length ? ` (${notes.join('; ')})` : ''}; a CSV would hide that: export as xlsx, whose 说明 sheet lists what is missing`;
      throw new Refusal(422, errors.length ? errors : [{ message: notes.join('; '), extensions: { code: 'BAD_REQUEST' } }], undefined, summary);
    }
    sheets.push(notesSheet(notes, errors));
  }
  const file = request.format === 'xlsx' ? await workbookBuffer(sheets) : csvBuffer(sheets[0]);
  log.info({ format: request.format, sheets: sheets.length, rows, errors: errors.length, stopped: notes.length > 0 }, 'export');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[request.format],
    'content-disposition': contentDisposition(fileName(request, sheets)),
    'content-length': file.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-export-rows': String(rows),
  });
  res.end(file);
}

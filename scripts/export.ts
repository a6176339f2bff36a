// `npm run export -- --query cases.graphql [--variables '{"first":100}' | --variables vars.json] --out 案件.xlsx
//   [--operation-name Cases] [--token <jwt>] [--url http://127.0.0.1:4000]`
// Runs a query through the gateway's POST /export with the caller's token (default: env HUB_TOKEN) and writes the
// spreadsheet it answers: .xlsx or .csv by the extension of --out. Access, masking, paging and the EXPORT audit events are
// the gateway's (gateway/export); this only sends and saves. Exits 1 with the gateway's message when it refuses.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Workbook } from 'exceljs';
import { gatewayBase } from './hub-client';

const USAGE = 'usage: npm run export -- --query <file.graphql> --out <file.xlsx|file.csv> [--variables <json|file.json>] [--operation-name <name>] [--token <jwt>] [--url <gateway>]';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function readVariables(value: string | undefined): Record<string, unknown> {
  if (!value) return {};
  const text = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return fail(`--variables: not JSON (${(e as Error).message})`);
  }
}

/** What the gateway said when it refused: its summary and each error with its code and path. */
function refusal(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
    const lines = (body.errors ?? []).map((e) => `  ${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}${e.path ? ` at ${e.path.join('.')}` : ''}`);
    return [`export refused (HTTP ${status})${body.message ? `: ${body.message}` : ''}`, ...lines].join('\n');
  } catch {
    return `export refused (HTTP ${status}): ${text.slice(0, 500)}`;
  }
}

/** Each sheet of the file written and its number of records. */
async function sheetsOf(file: Buffer, format: 'xlsx' | 'csv', rows: string | null): Promise<string[]> {
  if (format === 'csv') return [`${rows ?? '?'} rows`];
  const book = new Workbook();
  await book.xlsx.load(file as never);
  return book.worksheets.map((w) => `${w.name}: ${Math.max(0, w.rowCount - 1)} rows`);
}

void (async () => {
  const { values } = parseArgs({
    options: {
      query: { type: 'string' },
      variables: { type: 'string' },
      'operation-name': { type: 'string' },
      out: { type: 'string' },
      token: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (!values.query || !values.out) fail(USAGE, 2);
  const ext = path.extname(values.out).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') fail(`--out: name an .xlsx or .csv file\n${USAGE}`, 2);
  const format = ext === '.xlsx' ? 'xlsx' : 'csv';
  const token = values.token ?? process.env.HUB_TOKEN;
  if (!token) fail('no token: pass --token <jwt> or set HUB_TOKEN (npm start prints demo tokens)', 2);
  const body = {
    query: readFileSync(values.query, 'utf8'),
    variables: readVariables(values.variables),
    operationName: values['operation-name'],
    format,
    filename: path.basename(values.out),
  };
  const res = await fetch(`${gatewayBase(values.url)}/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const file = Buffer.from(await res.arrayBuffer());
  if (!res.ok) fail(refusal(res.status, file.toString('utf8')));
  writeFileSync(values.out, file);
  const rows = res.headers.get('x-export-rows');
  console.log(`wrote ${values.out}: ${rows ?? '?'} records`);
  for (const line of await sheetsOf(file, format, rows)) console.log(`  ${line}`);
})().catch((e: Error) => fail(e.message, 2));

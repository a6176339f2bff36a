// GraphiQL for the hub: bundled from npm with Monaco and its workers (workers.ts), so the editor, the docs
// pane and autocompletion work with no internet. A token field above it fills the Authorization header of the
// headers editor (still editable there), and example operations open as one tab per subgraph.
import './workers';
import 'graphiql/style.css';
import './style.css';
import { useGraphiQL } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { cleanToken, GRAPHQL_PATH, readClaims, storedToken, storeToken, tokenExpired } from '../shared/session';
import { EXAMPLES } from './examples';

/** The headers editor's JSON with Authorization set to the token (removed when there is none). */
export function headersWith(current: string, token: string): string {
  let headers: Record<string, unknown> = {};
  if (current.trim()) {
    try {
      headers = JSON.parse(current) as Record<string, unknown>;
    } catch {
      return current; // the user is editing it: leave it alone
    }
  }
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
  const next = token ? { Authorization: `Bearer ${token}`, ...headers } : headers;
  return Object.keys(next).length ? JSON.stringify(next, null, 2) : '';
}

type Params = { query: string; operationName?: string | null; variables?: unknown };

/**
 * POST /graphql on this origin with the headers editor's headers; the token field's Authorization when the editor
 * has none (GraphiQL's introspection for the docs pane and autocompletion, before the editor exists).
 */
function makeFetcher(token: string) {
  return async (params: Params, opts?: { headers?: Record<string, unknown> }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const [k, v] of Object.entries(opts?.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
    // Without a token the hub answers 401 to everything, introspection included: say so without asking it.
    if (!headers.authorization) return { errors: [{ message: '请先在上方“令牌”处填写令牌（npm start 打印的演示令牌），或在 Headers 中设置 Authorization', extensions: { code: 'UNAUTHENTICATED' } }] };
    const res = await fetch(GRAPHQL_PATH, { method: 'POST', headers, body: JSON.stringify(params) });
    return res.json();
  };
}

/** Keeps the active tab's headers editor in step with the token field. */
function TokenSync({ token }: { token: string }) {
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const activeTab = useGraphiQL((s) => s.activeTabIndex);
  useEffect(() => {
    if (!headerEditor) return;
    const current = headerEditor.getValue();
    const next = headersWith(current, token);
    if (next !== current) headerEditor.setValue(next);
  }, [headerEditor, activeTab, token]);
  return null;
}

function TokenBar({ token, onChange }: { token: string; onChange: (t: string) => void }) {
  const claims = token ? readClaims(token) : null;
  const who = claims ? `${claims.agency ?? '?'} · ${(claims.roles ?? []).join('、')}${tokenExpired(token) ? '（已过期）' : ''}` : token ? '不是有效的令牌' : '未填写令牌：只能查看本页，查询需要登录';
  return (
    <header className="hub-bar">
      <h1>
        <span className="brand">府检联动</span> GraphQL 浏览器
      </h1>
      <label htmlFor="token">令牌</label>
      <input
        id="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="粘贴 npm start 打印的演示令牌"
        value={token}
        onChange={(e) => onChange(cleanToken(e.target.value))}
      />
      <span className="who" data-testid="token-owner">
        {who}
      </span>
      <a href="/dashboard/">联合看板</a>
    </header>
  );
}

function Explorer() {
  const [token, setToken] = useState(storedToken);
  const fetcher = useMemo(() => makeFetcher(token), [token]);
  const initial = useMemo(() => storedToken(), []);
  const defaultHeaders = headersWith('', initial);
  const tabs = useMemo(
    () => EXAMPLES.map((e) => ({ query: e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined, headers: defaultHeaders })),
    [defaultHeaders],
  );
  const change = (t: string) => {
    setToken(t);
    storeToken(t);
  };
  return (
    <div className="hub-explorer">
      <TokenBar token={token} onChange={change} />
      <div className="hub-graphiql">
        <GraphiQL fetcher={fetcher} defaultTabs={tabs} defaultHeaders={defaultHeaders} defaultEditorToolsVisibility="headers" shouldPersistHeaders={false}>
          <TokenSync token={token} />
        </GraphiQL>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);

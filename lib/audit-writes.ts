import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditRecorder } from './audit';

interface Audited {
  audit: AuditRecorder;
}

function idsIn(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 3 || !value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if ((k === 'id' || k.endsWith('Id')) && typeof v === 'string') out.add(v);
    else if (typeof v === 'object') idsIn(v, out, depth + 1);
  }
  return out;
}

/**
 * Every mutation is audited twice, in one place for all subgraphs: its intent before it runs (if
 * that cannot be recorded the mutation does not run — fail closed), and its outcome afterwards.
 */
export const auditWritesPlugin: ApolloServerPlugin<Audited> = {
  async requestDidStart() {
    let fields: string[] = [];
    return {
      async didResolveOperation({ operation, request, contextValue }) {
        if (operation?.operation !== 'mutation') return;
        fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
        if (fields.every((f) => f === 'appendAuditEvents')) return void (fields = []); // the audit log's own input
        const ids = [...idsIn(request.variables ?? {}, new Set())];
        await contextValue.audit.record({ action: 'WRITE', resourceType: fields.join(','), resourceIds: ids, outcome: 'ALLOWED', purpose: 'attempt' });
      },
      async willSendResponse({ response, contextValue, errors }) {
        if (!fields.length || response.body.kind !== 'single') return;
        const ids = [...idsIn(response.body.singleResult.data ?? {}, new Set())];
        await contextValue.audit
          .record({ action: 'WRITE', resourceType: fields.join(','), resourceIds: ids, outcome: errors?.length ? 'DENIED' : 'ALLOWED', purpose: 'result' })
          .catch(() => undefined); // the intent is on record; the result is best effort
      },
    };
  },
};

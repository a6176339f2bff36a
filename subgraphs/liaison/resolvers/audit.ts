import type { AuditAction, AuditOutcome } from '../../../lib/audit';
import { requireRole } from '../../../lib/access';
import { badInput } from '../../../lib/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { appendToChain } from '../audit/chain';

const ACTIONS: readonly AuditAction[] = ['READ', 'UNMASK', 'DISCOVER', 'EXPORT', 'DELIVER', 'WRITE', 'GRANT', 'REVOKE'];
const OUTCOMES: readonly AuditOutcome[] = ['ALLOWED', 'DENIED'];
const isAction = (a: string): a is AuditAction => (ACTIONS as readonly string[]).includes(a);
const isOutcome = (o: string): o is AuditOutcome => (OUTCOMES as readonly string[]).includes(o);

/** The joint office's end of the audit chain: other subgraphs hand it their events. */
export const auditMutations: Pick<MutationResolvers, 'appendAuditEvents'> = {
  appendAuditEvents: async (_, { events }, { identity }) => {
    requireRole(identity, 'service');
    const stored = await appendToChain(
      events.map(({ action, outcome, ...e }) => {
        if (!isAction(action)) throw badInput('events.action', `must be one of ${ACTIONS.join(', ')}`);
        if (!isOutcome(outcome)) throw badInput('events.outcome', `must be one of ${OUTCOMES.join(', ')}`);
        return { ...e, action, outcome, grantId: e.grantId ?? null, purpose: e.purpose ?? null, at: e.at as Date };
      }),
    );
    return stored.length;
  },
};

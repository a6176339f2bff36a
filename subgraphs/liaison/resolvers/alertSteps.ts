import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { alertRule, readOne } from '../policies';
import { alerts } from '../workflow';

type AlertSteps = Pick<MutationResolvers, 'acknowledgeAlert' | 'resolveAlert'>;

/**
 * The alert is read first under its read rule (its agency, the joint office's liaison_admin): FORBIDDEN, audited,
 * for anyone else, before its status is looked at. The workflow then checks the step (workflow.ts ALERT_MACHINE).
 */
async function readable(ctx: Context, id: string): Promise<void> {
  await readOne(ctx, alertRule, id, await ctx.loaders.alert.load(id));
}

/** The steps of an alert (workflow.ts), by its agency or the joint office; each takes effect now. */
export const alertSteps: AlertSteps = {
  acknowledgeAlert: async (_, { id, version, note }, ctx) => {
    await readable(ctx, id);
    return alerts.move(ctx, 'ACKNOWLEDGED', { id, version, note: noteOf(note), set: () => ({ acknowledgedAt: new Date() }) });
  },

  resolveAlert: async (_, { id, version, reason }, ctx) => {
    await readable(ctx, id);
    return alerts.move(ctx, 'RESOLVED', {
      id, version, note: historyNote(reason),
      set: () => ({ resolvedAt: new Date(), autoResolved: false, resolutionNote: required('reason', reason) }),
    });
  },
};

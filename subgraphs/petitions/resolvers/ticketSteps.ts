import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { check } from '../../../lib/validate';
import { nextSteps, transition } from '../../../lib/workflow';
import type { HotlineTicketStatus, MutationResolvers } from '../__generated__/resolvers-types';
import { MAX_EXTENSION_DAYS, ticketClocks, ticketDerived } from '../deadlines';
import { HotlineTicketModel, type HotlineTicketDoc } from '../models';
import { act, TICKET_ACTS, TICKET_MACHINE } from '../workflow';

const LABEL = 'hotline ticket';

/** The date of a step (now when not given): not in the future, not before the ticket's latest step. */
function stepDate(field: string, value: Date | null | undefined, t: HotlineTicketDoc): Date {
  const at = check.notFuture(field, value ?? new Date());
  const steps: [Date | null | undefined, string][] = [
    [t.dispatchedAt, 'dispatchedAt'], ...t.returns.map((r): [Date, string] => [r.returnedAt, 'returnedAt']), [t.acceptedAt, 'acceptedAt'],
    [t.extendedAt, 'the extension'], [t.feedbackAt, 'feedbackAt'], [t.revisitedAt, 'revisitedAt'], [t.ratedAt, 'ratedAt'],
  ];
  for (const [last, name] of steps) if (last && at < last) throw badInput(field, `must not be before ${name} (${chinaDate(last)})`);
  return at;
}

function withDerived(t: HotlineTicketDoc, set: Record<string, unknown>, status: HotlineTicketStatus = t.status): Record<string, unknown> {
  return { ...set, ...ticketDerived({ ...t, ...set, status } as HotlineTicketDoc) };
}

function move(identity: Identity, id: string, version: number, to: HotlineTicketStatus, note: string | null | undefined,
  set: (t: HotlineTicketDoc) => Record<string, unknown>) {
  return transition<HotlineTicketStatus, HotlineTicketDoc>({
    model: HotlineTicketModel, machine: TICKET_MACHINE, label: LABEL, id, version, to, identity, note,
    set: (t) => withDerived(t, set(t), to),
  });
}

const noteOf = (note: string | null | undefined) => (note == null || !note.trim() ? null : check.nonEmpty('note', note, 2000));

export const ticketSteps: MutationResolvers = {
  returnHotlineTicket: (_, { id, version, reason, returnedAt }, { identity }) => {
    const why = check.nonEmpty('reason', reason, 2000);
    return move(identity, id, version, 'RETURNED', why, (t) => {
      const at = stepDate('returnedAt', returnedAt, t);
      const due = ticketClocks(t, at).return.dueAt;
      if (at > due) throw badInput('returnedAt', `a misrouted ticket must be returned within 2 working days of dispatch (by ${chinaDate(due)}); handle it now`);
      return { returns: [...t.returns, { agencyCode: t.dispatchedToCode, dispatchedAt: t.dispatchedAt, returnedAt: at, reason: why }] };
    });
  },

  redispatchHotlineTicket: (_, { id, version, dispatchedToCode, dispatchedAt, note }, { identity }) => {
    const code = check.agencyCode('dispatchedToCode', dispatchedToCode);
    return move(identity, id, version, 'DISPATCHED', noteOf(note) ?? `改派 ${code}`, (t) => {
      if (t.returns.some((r) => r.agencyCode === code)) throw badInput('dispatchedToCode', `${code} returned this ticket as misrouted: dispatch it to another agency`);
      return { dispatchedToCode: code, dispatchedAt: stepDate('dispatchedAt', dispatchedAt, t), acceptedAt: null };
    });
  },

  acceptHotlineTicket: (_, { id, version, acceptedAt, note }, { identity }) =>
    move(identity, id, version, 'HANDLING', noteOf(note), (t) => ({ acceptedAt: stepDate('acceptedAt', acceptedAt, t) })),

  extendHotlineTicket: (_, { id, version, workingDays, reason, extendedAt }, { identity }) => {
    const max = MAX_EXTENSION_DAYS.hotlineHandling;
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > max) throw badInput('workingDays', `must be 1 to ${max} working days`);
    const why = check.nonEmpty('reason', reason, 500);
    return act<HotlineTicketStatus, HotlineTicketDoc>({
      model: HotlineTicketModel, machine: TICKET_MACHINE, act: TICKET_ACTS.extend, name: 'extended', label: LABEL, id, version, identity,
      note: `延期 ${workingDays} 个工作日：${why}`,
      set: (t) => {
        if (t.extensionDays) throw conflict('the handling period can be extended only once', { currentStatus: t.status, allowed: nextSteps(TICKET_MACHINE, t.status) });
        const at = stepDate('extendedAt', extendedAt, t);
        const due = ticketClocks(t, at).handling.dueAt;
        if (at > due) throw badInput('extendedAt', `the handling period ended on ${chinaDate(due)}: extend it before it ends`);
        return withDerived(t, { extensionDays: workingDays, extensionReason: why, extendedAt: at });
      },
    });
  },

  giveHotlineFeedback: (_, { id, version, feedback, feedbackAt }, { identity }) => {
    const text = check.nonEmpty('feedback', feedback);
    return move(identity, id, version, 'FEEDBACK', null, (t) => ({ feedbackAt: stepDate('feedbackAt', feedbackAt, t), feedback: text }));
  },

  revisitHotlineTicket: (_, { id, version, revisitedAt, note }, { identity }) => {
    const text = noteOf(note);
    return move(identity, id, version, 'REVISIT', text, (t) => ({ revisitedAt: stepDate('revisitedAt', revisitedAt, t), revisitNote: text }));
  },

  rateHotlineTicket: (_, { id, version, rating, ratedAt, note }, { identity }) => {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('rating', 'must be 1 to 5');
    return move(identity, id, version, 'RATED', noteOf(note) ?? `满意度 ${rating}`, (t) => ({ rating, ratedAt: stepDate('ratedAt', ratedAt, t) }));
  },
};

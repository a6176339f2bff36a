import type { Model } from 'mongoose';
import { PROCURATORATE_CODE } from '../../lib/agencies';
import { WRITER_ROLES } from '../../lib/authz';
import { withVersionClaim } from '../../lib/claims';
import { conflict, forbidden, translateWriteError } from '../../lib/errors';
import type { Identity, Role } from '../../lib/identity';
import { nextSteps, participants, type Machine, type StatusChange, type Step } from '../../lib/workflow';
import type { TransferStatus } from './__generated__/resolvers-types';
import type { CriminalTransferDoc } from './models';

const agency = (t: CriminalTransferDoc) => t.agencyCode;
const police = (t: CriminalTransferDoc) => t.policeAgencyCode;
/** The procuratorate copied on sending (立案监督); the county procuratorate before the transfer is sent. */
const procuratorate = (t: CriminalTransferDoc) => t.procuratorateCopyCode ?? PROCURATORATE_CODE;

/**
 * 行刑衔接 (国务院令第310号): the agency head approves or refuses the report within 3 days and an approved
 * transfer is sent within 24 h (第五条), to the police with a copy to the procuratorate; the police receipt it
 * and decide within 3 days (第八条); the agency may ask the police to reconsider once (第九条); the procuratorate
 * supervises the non-filing (立案监督).
 */
export const TRANSFER_MACHINE: Machine<TransferStatus, CriminalTransferDoc> = {
  REPORTED: { APPROVED: { by: agency, roles: ['supervisor'] }, REFUSED: { by: agency, roles: ['supervisor'] } },
  APPROVED: { SENT: { by: agency } },
  REFUSED: {},
  SENT: { RECEIPTED: { by: police } },
  RECEIPTED: { POLICE_REVIEW: { by: police } },
  POLICE_REVIEW: { FILED: { by: police }, NOT_FILED: { by: police } },
  NOT_FILED: { RECONSIDERATION: { by: agency }, PROCURATORATE_SUPERVISION: { by: procuratorate } },
  RECONSIDERATION: { FILED: { by: police }, NOT_FILED: { by: police }, PROCURATORATE_SUPERVISION: { by: procuratorate } },
  PROCURATORATE_SUPERVISION: { FILED: { by: police } },
  FILED: {},
};

/** The next steps of a transfer: reconsideration is asked for once only. */
export function transferNextSteps(t: Pick<CriminalTransferDoc, 'status' | 'reconsiderationRequestedAt'>): TransferStatus[] {
  return nextSteps(TRANSFER_MACHINE, t.status).filter((s) => !(s === 'RECONSIDERATION' && t.reconsiderationRequestedAt));
}

/** A step that keeps the status: who takes it, in which statuses. */
export interface Act<S extends string, D> {
  in: readonly S[];
  by: Step<D>['by'];
  roles?: readonly Role[];
}

/** Steps of a transfer that do not change its status. */
export const TRANSFER_ACTS = {
  /** 说明不立案理由: the police answer the procuratorate (刑事诉讼法 第一百一十三条). */
  explain: { in: ['PROCURATORATE_SUPERVISION'], by: police },
  /** 通知立案: the procuratorate orders the police to file. */
  order: { in: ['PROCURATORATE_SUPERVISION'], by: procuratorate },
  /** 移交涉案物品: the agency hands exhibits and materials over within 3 days of the filing notice. */
  handOver: { in: ['FILED'], by: agency },
} satisfies Record<string, Act<TransferStatus, CriminalTransferDoc>>;

export interface ActArgs<S extends string, D> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow model
  model: Model<any>;
  machine: Machine<S, D>;
  act: Act<S, D>;
  /** What the act is called in messages, e.g. "ordered to file". */
  name: string;
  label: string;
  id: string;
  version: number;
  identity: Identity;
  note?: string | null;
  set: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The next steps named when the act is refused (default: the machine's). */
  allowed?: (current: D) => S[];
}

type Versioned<S> = { _id: string; version: number; status: S };

/**
 * Takes a step that keeps the status, with the refusals and the atomic, versioned write of lib/workflow
 * `transition`: FORBIDDEN for a caller outside the workflow or of the wrong agency/role; CONFLICT when the
 * status does not allow the act or the version is stale. The history entry has from = to = the status.
 */
export async function act<S extends string, D extends Versioned<S>>(args: ActArgs<S, D>): Promise<D> {
  const { model, machine, act: step, name, label, id, version, identity } = args;
  const current = (await model.findById(id).lean()) as D | null;
  if (!current || !participants(machine, current).has(identity.agency)) throw forbidden();
  if (!step.in.includes(current.status)) {
    throw conflict(`this ${label} is ${current.status}: it can be ${name} only when ${step.in.join(' or ')}`, {
      currentStatus: current.status,
      allowed: args.allowed?.(current) ?? nextSteps(machine, current.status),
    });
  }
  const agencies = [step.by(current)].flat().filter((a): a is string => typeof a === 'string');
  if (!agencies.includes(identity.agency)) throw forbidden(`only ${agencies.join(' or ')} may do this for this ${label}`);
  const roles = step.roles ?? WRITER_ROLES;
  if (!identity.roles.some((r) => roles.includes(r))) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
  if (current.version !== version) throw stale(label, current);
  const extra = await args.set(current);
  const entry: StatusChange = { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to: current.status, note: args.note ?? null };
  let updated: D | null = null;
  await withVersionClaim(model, id, version, label, async () => {
    try {
      updated = (await model
        .findOneAndUpdate(
          { _id: id, version, status: current.status },
          { $set: extra, $inc: { version: 1 }, $push: { history: entry } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean()) as D | null;
    } catch (e) {
      translateWriteError(e);
    }
  });
  if (!updated) throw stale(label, (await model.findById(id, { version: 1, status: 1 }).lean()) as D);
  return updated;
}

function stale<S extends string>(label: string, current: Versioned<S>) {
  return conflict(`this ${label} was changed by someone else (now ${current.status}, version ${current.version}); reload and try again`, {
    currentStatus: current.status,
    currentVersion: current.version,
  });
}

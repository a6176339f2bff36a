import { PROCURATORATE_CODE } from '../../lib/agencies';
import { act, nextSteps, type Act, type ActArgs, type Machine } from '../../lib/workflow';
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

/** Steps of a transfer that do not change its status. */
export const TRANSFER_ACTS = {
  /** 说明不立案理由: the police answer the procuratorate (刑事诉讼法 第一百一十三条). */
  explain: { in: ['PROCURATORATE_SUPERVISION'], by: police },
  /** 通知立案: the procuratorate orders the police to file. */
  order: { in: ['PROCURATORATE_SUPERVISION'], by: procuratorate },
  /** 移交涉案物品: the agency hands exhibits and materials over within 3 days of the filing notice. */
  handOver: { in: ['FILED'], by: agency },
} satisfies Record<string, Act<TransferStatus, CriminalTransferDoc>>;


export { act, type Act, type ActArgs };

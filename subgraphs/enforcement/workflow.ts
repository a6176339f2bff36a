import { PROCURATORATE_CODE } from '../../lib/agencies';
import { defineWorkflow, type Act, type Machine } from '../../lib/workflow';
import type { TransferStatus } from './__generated__/resolvers-types';
import { nextDueAt } from './deadlines';
import { CriminalTransferModel, TRANSFER_DATES, type CriminalTransferDoc } from './models';
import { sentCounterparts, transferPolicy } from './policies';


const agency = (t: CriminalTransferDoc) => t.agencyCode;
const police = (t: CriminalTransferDoc) => t.policeAgencyCode;
/** The procuratorate copied on sending (立案监督); the county procuratorate before the transfer is sent. */
const procuratorate = (t: CriminalTransferDoc) => t.procuratorateCopyCode ?? PROCURATORATE_CODE;
/**
 * 行刑衔接 (国务院令第310号): the agency head approves or refuses the report within 3 days and an approved
 * transfer is sent within 24 h (第五条), to the police with a copy to the procuratorate; the police receipt it
 * and decide within 3 days (第八条); the agency may ask the police to reconsider once (第九条); the procuratorate
 * supervises the non-filing (立案监督): it orders the police to file, or, once the police have explained and their
 * reason holds (不立案理由成立, 刑事诉讼法 第一百一十三条), closes the supervision without a filing.
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
  PROCURATORATE_SUPERVISION: { FILED: { by: police }, SUPERVISION_CLOSED: { by: procuratorate } },
  SUPERVISION_CLOSED: {},
  FILED: {},
};

/** Steps of a transfer that do not change its status. */
export const TRANSFER_ACTS = {
  /** 说明不立案理由: the police answer the procuratorate (刑事诉讼法 第一百一十三条). */
  explain: { in: ['PROCURATORATE_SUPERVISION'], by: police, name: 'explained' },
  /** 通知立案: the procuratorate orders the police to file. */
  order: { in: ['PROCURATORATE_SUPERVISION'], by: procuratorate, name: 'ordered to file' },
  /** 移交涉案物品: the agency hands exhibits and materials over within 3 days of the filing notice. */
  handOver: { in: ['FILED'], by: agency, name: 'handed over' },
} satisfies Record<string, Act<TransferStatus, CriminalTransferDoc>>;

export const transfers = defineWorkflow<TransferStatus, CriminalTransferDoc, keyof typeof TRANSFER_ACTS>({
  resourceType: 'CRIMINAL_TRANSFER',
  label: 'transfer',
  model: CriminalTransferModel,
  policy: transferPolicy,
  machine: TRANSFER_MACHINE,
  acts: TRANSFER_ACTS,
  // The agency may ask for reconsideration once only (第九条); after that the procuratorate may supervise.
  // The supervision closes without a filing only on the police's explained reason, and never after an order to file.
  unless: {
    RECONSIDERATION: (t) => (t.reconsiderationRequestedAt ? 'this transfer has been reconsidered once already; the procuratorate may supervise it' : null),
    SUPERVISION_CLOSED: (t) =>
      t.orderedAt ? 'the procuratorate has ordered this transfer filed; the police must file it'
        : !t.explainedAt ? 'the police have not yet explained the non-filing; the supervision closes only on their reason' : null,
  },
  dates: TRANSFER_DATES,
  // The police and the procuratorate copied see a sent transfer (policies.ts); `nextDueAt` indexes `overdue`.
  derive: (t) => ({ nextDueAt: nextDueAt(t), counterpartCodes: t.sentAt ? sentCounterparts(t) : [] }),
});

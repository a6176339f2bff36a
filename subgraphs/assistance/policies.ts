import type { Policy } from '../../lib/access';
import type { RescueApplicationDoc, SupportReferralDoc } from './models';

/**
 * 司法救助申请: owned by the handling procuratorate; the receiving agencies of its support referrals
 * (stored as `counterpartCodes` when a referral is created) see it as workflow counterparts. Not sealed.
 */
export const rescueApplicationPolicy: Policy<RescueApplicationDoc> = {
  resourceType: 'RESCUE_APPLICATION',
  owner: (a) => a.agencyCode,
  counterparts: (a) => a.counterpartCodes ?? [],
  sealed: undefined,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'] },
};

/**
 * 多元化救助转介: owned by the application's handling agency (stored on the referral as `agencyCode`);
 * the receiving agency is its workflow counterpart. Not sealed.
 */
export const supportReferralPolicy: Policy<SupportReferralDoc> = {
  resourceType: 'SUPPORT_REFERRAL',
  owner: (r) => r.agencyCode ?? r.referringAgencyCode,
  counterparts: (r) => [r.receivingAgencyCode],
  sealed: undefined,
  fields: { owner: 'agencyCode', counterparts: ['receivingAgencyCode'] },
};


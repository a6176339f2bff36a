import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { SuggestionKind, SuggestionStatus } from '../__generated__/resolvers-types';

/** The dated steps of a suggestion, in the order the procedure takes them (a new step is not before the latest). */
export const SUGGESTION_DATES = [
  'issuedAt', 'discardedAt', 'approvedAt', 'servedAt', 'objectedAt', 'objectionDecidedAt', 'withdrawnAt', 'escalatedAt', 'repliedAt',
  'rectificationStartedAt', 'rectificationReportedAt', 'verifiedAt', 'closedAt',
] as const;
export type SuggestionDateField = (typeof SUGGESTION_DATES)[number];

export interface SuggestionDoc extends Partial<Record<Exclude<SuggestionDateField, 'issuedAt'>, Date | null>> {
  _id: string;
  number: string;
  kind: SuggestionKind;
  procuratorateCaseId: string;
  /** Owner: the agency of the case. */
  agencyCode: string;
  targetAgencyCode: string;
  /** Its case is a sealed juvenile record: the owner's only (copied from the case at creation, kept in step with it). */
  sealed?: boolean;
  /** Workflow counterparts who see it (policies.ts): the target agency once it is served; derived by workflow.ts. */
  counterpartCodes?: string[];
  content: string;
  status: SuggestionStatus;
  issuedAt: Date;
  /** Stored for the dashboard; recomputed from servedAt on every write. */
  replyDueAt?: Date | null;
  harmSpreading: boolean;
  reply?: string | null;
  objectionReason?: string | null;
  objectionAnswer?: string | null;
  originalContent?: string | null;
  withdrawalReason?: string | null;
  rectificationPlan?: string | null;
  rectificationProgress?: string | null;
  verificationNote?: string | null;
  escalatedTo?: string | null;
  escalationReason?: string | null;
  /** Why the draft was discarded (DISCARDED). */
  discardReason?: string | null;
  history: StatusChange[];
  /** When the reply owed now is due (null: none owed): lets `overdue` filter with an index. */
  nextDueAt?: Date | null;
  version: number;
}

export const SUGGESTION_KINDS: SuggestionKind[] = ['CORRECT_VIOLATION', 'SOCIAL_GOVERNANCE', 'PUBLIC_INTEREST_PRE_SUIT', 'RETRIAL', 'OTHER'];
export const SUGGESTION_STATUSES: SuggestionStatus[] = [
  'DRAFT', 'APPROVED', 'SERVED', 'OBJECTED', 'UPHELD', 'AMENDED', 'WITHDRAWN', 'REPLIED', 'RECTIFYING', 'VERIFIED', 'CLOSED', 'ESCALATED', 'DISCARDED',
];

const dates = Object.fromEntries(SUGGESTION_DATES.filter((f) => f !== 'issuedAt').map((f) => [f, { type: Date, default: null }]));
const text = (max = 2000) => ({ type: String, default: null, maxlength: max });

const schema = new Schema<SuggestionDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true, trim: true, maxlength: 100 },
    kind: { type: String, required: true, enum: SUGGESTION_KINDS },
    procuratorateCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    targetAgencyCode: { type: String, required: true },
    sealed: { type: Boolean, default: false },
    counterpartCodes: { type: [String], default: [] },
    content: { type: String, required: true, maxlength: 5000 },
    status: { type: String, required: true, enum: SUGGESTION_STATUSES, default: 'DRAFT' },
    issuedAt: { type: Date, required: true },
    ...dates,
    replyDueAt: { type: Date, default: null },
    harmSpreading: { type: Boolean, default: false },
    reply: text(5000),
    objectionReason: text(),
    objectionAnswer: text(),
    originalContent: text(5000),
    withdrawalReason: text(),
    rectificationPlan: text(5000),
    rectificationProgress: text(5000),
    verificationNote: text(),
    escalatedTo: text(200),
    escalationReason: text(),
    discardReason: text(),
    history: { type: [statusChangeSchema], default: [] },
    nextDueAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ number: 1 }, { unique: true });
schema.index({ issuedAt: -1, _id: -1 });
schema.index({ status: 1, issuedAt: -1, _id: -1 });
schema.index({ kind: 1, issuedAt: -1, _id: -1 });
schema.index({ targetAgencyCode: 1, issuedAt: -1, _id: -1 });
schema.index({ counterpartCodes: 1, issuedAt: -1, _id: -1 }); // counterparts' lists
schema.index({ nextDueAt: 1, issuedAt: -1, _id: -1 }); // overdue
schema.index({ repliedAt: 1, replyDueAt: 1 }); // dashboard: overdue in a period
schema.index({ procuratorateCaseId: 1 });

export const SuggestionModel = subgraphDatabase('procuratorate').model<SuggestionDoc>('Suggestion', schema);

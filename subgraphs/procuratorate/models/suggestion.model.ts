import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { SuggestionKind, SuggestionStatus } from '../__generated__/resolvers-types';
import { replyDueAt } from '../deadlines';

export interface SuggestionDoc {
  _id: string;
  number: string;
  kind: SuggestionKind;
  procuratorateCaseId: string;
  /** Owner: the agency of the case. */
  agencyCode: string;
  targetAgencyCode: string;
  content: string;
  status: SuggestionStatus;
  issuedAt: Date;
  servedAt?: Date | null;
  /** Stored for the overdue filter; recomputed from servedAt on every save. */
  replyDueAt?: Date | null;
  repliedAt?: Date | null;
  harmSpreading: boolean;
  version: number;
}

const KINDS: SuggestionKind[] = ['CORRECT_VIOLATION', 'SOCIAL_GOVERNANCE', 'PUBLIC_INTEREST_PRE_SUIT', 'RETRIAL', 'OTHER'];
const STATUSES: SuggestionStatus[] = ['DRAFT', 'APPROVED', 'SERVED', 'OBJECTED', 'UPHELD', 'AMENDED', 'WITHDRAWN', 'REPLIED', 'RECTIFYING', 'VERIFIED', 'CLOSED', 'OVERDUE', 'ESCALATED'];

const schema = new Schema<SuggestionDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true, trim: true, maxlength: 100 },
    kind: { type: String, required: true, enum: KINDS },
    procuratorateCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    targetAgencyCode: { type: String, required: true },
    content: { type: String, required: true, maxlength: 5000 },
    status: { type: String, required: true, enum: STATUSES, default: 'DRAFT' },
    issuedAt: { type: Date, required: true },
    servedAt: { type: Date, default: null },
    replyDueAt: { type: Date, default: null },
    repliedAt: { type: Date, default: null },
    harmSpreading: { type: Boolean, default: false },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// Writers that skip document validation (findOneAndUpdate, updateVersioned) must set replyDueAt themselves.
schema.pre('validate', function () {
  this.replyDueAt = replyDueAt(this);
});

schema.index({ number: 1 }, { unique: true });
schema.index({ issuedAt: -1, _id: -1 });
schema.index({ status: 1, issuedAt: -1, _id: -1 });
schema.index({ kind: 1, issuedAt: -1, _id: -1 });
schema.index({ targetAgencyCode: 1, issuedAt: -1, _id: -1 });
schema.index({ repliedAt: 1, replyDueAt: 1, issuedAt: -1, _id: -1 }); // overdue
schema.index({ procuratorateCaseId: 1 });

export const SuggestionModel = subgraphDatabase('procuratorate').model<SuggestionDoc>('Suggestion', schema);

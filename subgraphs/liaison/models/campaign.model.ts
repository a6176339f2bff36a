import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { ResourceType } from '../__generated__/resolvers-types';
import { RESOURCE_TYPES } from './dataRequest.model';

/** A case of another subgraph that a campaign handled, by kind and id. */
export interface CaseLinkDoc {
  kind: ResourceType;
  id: string;
}

/** 专项行动 A special campaign of member agencies over a period, with the cases it produced. */
export interface CampaignDoc {
  _id: string;
  name: string;
  agencyCodes: string[];
  from: Date;
  to: Date;
  cases: CaseLinkDoc[];
}

const caseLink = new Schema<CaseLinkDoc>(
  { kind: { type: String, required: true, enum: RESOURCE_TYPES }, id: { type: String, required: true, maxlength: 200 } },
  { _id: false },
);

const schema = new Schema<CampaignDoc>(
  {
    _id: { type: String, default: newId },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    agencyCodes: { type: [String], default: [] },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    cases: { type: [caseLink], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ from: -1, _id: -1 });
schema.index({ agencyCodes: 1, from: -1, _id: -1 });

export const CampaignModel = subgraphDatabase('liaison').model<CampaignDoc>('Campaign', schema);

import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../../lib/mongo';
import type { Gender } from '../__generated__/resolvers-types';

/** A person party. Raw 身份证号, phone and address are stored only encrypted (lib/pii-crypto). */
export interface PersonDoc {
  _id: string; // personPseudonym(idNumber)
  name: string;
  idNumberEnc: string;
  idNumberMasked: string;
  phoneEnc?: string | null;
  phoneMasked?: string | null;
  addressEnc?: string | null;
  addressMasked?: string | null;
  gender: Gender;
  birthDate: Date;
  sealed: boolean;
}

const schema = new Schema<PersonDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    idNumberEnc: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    phoneEnc: { type: String, default: null },
    phoneMasked: { type: String, default: null },
    addressEnc: { type: String, default: null },
    addressMasked: { type: String, default: null },
    gender: { type: String, required: true, enum: ['M', 'F'] },
    birthDate: { type: Date, required: true },
    sealed: { type: Boolean, default: false },
  },
  { versionKey: false, timestamps: true },
);

export const PersonModel = subgraphDatabase('liaison').model<PersonDoc>('Person', schema);

import { AGENCIES } from '../../lib/agencies';
import { AgencyModel } from './models';

/**
 * Mirrors the code table of lib/agencies.ts into the Agency collection (one idempotent bulk upsert).
 * Agencies dropped from the table are kept: other subgraphs' records may still name them.
 */
export async function syncAgencies(): Promise<void> {
  await AgencyModel.bulkWrite(
    AGENCIES.map((a) => ({
      updateOne: {
        filter: { _id: a.code },
        update: {
          $set: {
            name: a.name,
            shortName: a.shortName,
            type: a.type,
            parentCode: a.parentCode ?? null,
            isJointOffice: a.isJointOffice ?? false,
            abbreviation: a.abbreviation,
          },
        },
        upsert: true,
      },
    })),
  );
}

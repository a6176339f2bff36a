import { manyBy, oneBy } from '../../lib/loaders';
import {
  AgencyModel, AlertModel, DataRequestModel, EnterpriseModel, JointMeetingModel, PersonModel, SharingGrantModel, WorkTaskModel,
  type AgencyDoc, type AlertDoc, type DataRequestDoc, type EnterpriseDoc, type JointMeetingDoc, type PersonDoc, type SharingGrantDoc,
  type WorkTaskDoc,
} from './models';

/** This subgraph's per-request loaders (lib/subgraph.ts makes a fresh set for every request). */
export function createLoaders() {
  return {
    agency: oneBy<AgencyDoc>(AgencyModel),
    person: oneBy<PersonDoc>(PersonModel),
    enterprise: oneBy<EnterpriseDoc>(EnterpriseModel),
    dataRequest: oneBy<DataRequestDoc>(DataRequestModel),
    grant: oneBy<SharingGrantDoc>(SharingGrantModel),
    grantByRequest: oneBy<SharingGrantDoc>(SharingGrantModel, 'requestId'),
    workTask: oneBy<WorkTaskDoc>(WorkTaskModel),
    tasksByMeeting: manyBy<WorkTaskDoc>(WorkTaskModel, 'meetingId'),
    jointMeeting: oneBy<JointMeetingDoc>(JointMeetingModel),
    alert: oneBy<AlertDoc>(AlertModel),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

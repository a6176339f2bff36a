import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Agency } from './Agency';
import { Alert } from './Alert';
import { Campaign, campaignMutations, campaignQuery } from './Campaign';
import { Consultation, consultationMutations, consultationQuery } from './Consultation';
import { Dashboard, LiaisonStats } from './Dashboard';
import { DataRequest, dataRequestMutations, dataRequestQuery } from './DataRequest';
import { JointMeeting, jointMeetingMutations, jointMeetingQuery } from './JointMeeting';
import { AuditEvent, Me } from './Me';
import { Mutation } from './Mutation';
import { Enterprise, Person } from './parties';
import { PublishedCase, publishedCaseMutations, publishedCaseQuery } from './PublishedCase';
import { Query } from './Query';
import { Report, reportMutations, reportQuery } from './Report';
import { SharingGrant, sharingGrantMutations, sharingGrantQuery } from './SharingGrant';
import { SpecialAssistant, specialAssistantMutations, specialAssistantQuery } from './SpecialAssistant';
import { Volunteer, volunteerMutations, volunteerQuery } from './Volunteer';
import { TaskProgress, WorkTask, workTaskMutations, workTaskQuery } from './WorkTask';

// Root fields live beside the type they serve (one file per entity); this map gathers them.
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    ...Query,
    ...dataRequestQuery,
    ...sharingGrantQuery,
    ...workTaskQuery,
    ...jointMeetingQuery,
    ...reportQuery,
    ...consultationQuery,
    ...publishedCaseQuery,
    ...campaignQuery,
    ...specialAssistantQuery,
    ...volunteerQuery,
  },
  Mutation: {
    ...Mutation,
    ...dataRequestMutations,
    ...sharingGrantMutations,
    ...workTaskMutations,
    ...jointMeetingMutations,
    ...reportMutations,
    ...consultationMutations,
    ...publishedCaseMutations,
    ...campaignMutations,
    ...specialAssistantMutations,
    ...volunteerMutations,
  },
  Agency,
  Person,
  Enterprise,
  DataRequest,
  SharingGrant,
  WorkTask,
  TaskProgress,
  JointMeeting,
  Report,
  Consultation,
  PublishedCase,
  Campaign,
  SpecialAssistant,
  Volunteer,
  Alert,
  AuditEvent,
  Dashboard,
  LiaisonStats,
  Me,
};

import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Agency } from './Agency';
import { Alert, AlertRecord, alertMutations, alertQuery, AlertSubject } from './Alert';
import { alertSteps } from './alertSteps';
import { auditMutations } from './audit';
import { Campaign, campaignMutations, campaignQuery } from './Campaign';
import { Consultation, consultationMutations, consultationQuery } from './Consultation';
import { Dashboard, dashboardQuery, LiaisonStats } from './Dashboard';
import { DataRequest, dataRequestQuery } from './DataRequest';
import { Delivery } from './deliveries';
import { dataRequestSteps } from './dataRequestSteps';
import { discoveryQuery, personPiiResolvers } from './discovery';
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
import { TrainingParticipants, TrainingSession, trainingSessionMutations, trainingSessionQuery } from './TrainingSession';
import { TaskProgress, WorkTask, workTaskQuery } from './WorkTask';
import { workTaskSteps } from './workTaskSteps';
import { myWork, myWorkQuery } from './myWork';

// The whole resolver map of the subgraph. Root fields of the joint office's own records live beside their type
// (one file per entity); workflow steps in <record>Steps.ts; discovery and the audit chain's entry in their files.
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    ...Query,
    ...dashboardQuery,
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
    ...trainingSessionQuery,
    ...discoveryQuery,
    ...alertQuery,
    ...myWorkQuery,
  },
  Mutation: {
    ...Mutation,
    ...dataRequestSteps,
    ...workTaskSteps,
    ...sharingGrantMutations,
    ...jointMeetingMutations,
    ...reportMutations,
    ...consultationMutations,
    ...publishedCaseMutations,
    ...campaignMutations,
    ...specialAssistantMutations,
    ...volunteerMutations,
    ...trainingSessionMutations,
    ...auditMutations,
    ...alertMutations,
    ...alertSteps,
  },
  Agency,
  Person: { ...Person, ...personPiiResolvers },
  Enterprise,
  DataRequest,
  SharingGrant,
  Delivery,
  WorkTask,
  TaskProgress,
  JointMeeting,
  Report,
  Consultation,
  PublishedCase,
  Campaign,
  SpecialAssistant,
  Volunteer,
  TrainingSession,
  TrainingParticipants,
  Alert,
  AlertRecord,
  AlertSubject,
  AuditEvent,
  Dashboard,
  LiaisonStats,
  Me,
  ...myWork,
};

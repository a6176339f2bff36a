import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { AssistanceStats, Dashboard } from './Dashboard';
import { applicationSteps } from './applicationSteps';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';
import { SharingGrant } from './SharingGrant';
import { referralSteps } from './referralSteps';
import { RescueApplication } from './RescueApplication';
import { SupportReferral } from './SupportReferral';
import { myWork } from './myWork';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation: { ...Mutation, ...applicationSteps, ...referralSteps },
  RescueApplication,
  SupportReferral,
  Person,
  Dashboard,
  AssistanceStats,
  SharingGrant,
  ...myWork,
};

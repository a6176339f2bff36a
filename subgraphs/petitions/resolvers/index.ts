import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Dashboard, PetitionStats } from './Dashboard';
import { HotlineReturn, HotlineTicket } from './HotlineTicket';
import { Mutation } from './Mutation';
import { petitionSteps } from './petitionSteps';
import { ticketSteps } from './ticketSteps';
import { Person } from './parties';
import { Petition, RelatedCase } from './Petition';
import { Query } from './Query';
import { SharingGrant } from './SharingGrant';
import { myWork } from './myWork';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation: { ...Mutation, ...petitionSteps, ...ticketSteps },
  Petition,
  RelatedCase,
  HotlineTicket,
  HotlineReturn,
  Person,
  Dashboard,
  PetitionStats,
  SharingGrant,
  ...myWork,
};

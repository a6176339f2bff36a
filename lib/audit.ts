import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import { unavailable } from './errors';
import type { Identity } from './identity';
import { callSubgraph } from './internal-client';

/** What is audited (docs/domain.md#audit). */
/** DELIVER: records handed to a grantee through its grant (SharingGrant's data fields); EXPORT: records put in a spreadsheet. */
export type AuditAction = 'READ' | 'UNMASK' | 'DISCOVER' | 'EXPORT' | 'DELIVER' | 'WRITE' | 'GRANT' | 'REVOKE';
export type AuditOutcome = 'ALLOWED' | 'DENIED';

/** One access as a resolver reports it; the recorder adds who, when and the request id. */
export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceIds: string[];
  outcome: AuditOutcome;
  fieldsUnmasked?: string[];
  grantId?: string | null;
  purpose?: string | null;
}

/** An event as it enters the chain. */
export interface AuditEventInput extends Required<Omit<AuditEntry, 'grantId' | 'purpose'>> {
  at: Date;
  actor: string;
  actorAgency: string;
  requestId: string;
  grantId: string | null;
  purpose: string | null;
}

/** Where events go: the joint office's chain (over HTTP from other subgraphs, directly inside liaison). */
export type AuditSink = (events: AuditEventInput[]) => Promise<void>;

/** The fields of a stored event that its hash covers. */
export interface ChainedEvent {
  seq: number;
  at: Date;
  actor: string;
  actorAgency: string;
  action: string;
  resourceType: string;
  resourceIds: string[];
  fieldsUnmasked: string[];
  grantId?: string | null;
  purpose?: string | null;
  requestId: string;
  outcome: string;
}

/** Hash of the first event's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** SM3 over the canonical event (without its own hash) and the previous hash. */
export function chainHash(event: ChainedEvent, prevHash: string): string {
  const { seq, at, actor, actorAgency, action, resourceType, resourceIds, fieldsUnmasked, requestId, outcome } = event;
  const body = canonicalJson({
    seq, at, actor, actorAgency, action, resourceType, resourceIds, fieldsUnmasked,
    grantId: event.grantId ?? null, purpose: event.purpose ?? null, requestId, outcome,
  });
  return createHash('sm3').update(prevHash).update('\n').update(body).digest('hex');
}

const APPEND = `mutation($events: [AuditEventInput!]!) { appendAuditEvents(events: $events) }`;

/** The sink of every subgraph but liaison: the liaison subgraph's `appendAuditEvents`. */
export function httpAuditSink(caller: string): AuditSink {
  return async (events) => {
    await callSubgraph<{ appendAuditEvents: number }>('liaison', caller, APPEND, {
      events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    }, events[0]?.requestId);
  };
}

/** Per-request recorder: events of one request go to the sink in one batch. */
export interface AuditRecorder {
  /** Resolves once the event is stored; rejects (and the access must be refused) if it cannot be. */
  record(entry: AuditEntry): Promise<void>;
}

/**
 * Builds the recorder of one request. Fail closed: a resolver awaits `record` before it returns data,
 * so if the audit store is down the access it should have recorded is refused.
 */
export function auditRecorder(identity: Identity, sink: AuditSink): AuditRecorder {
  const batch = new DataLoader<AuditEventInput, true>(
    async (events) => {
      await sink([...events]);
      return events.map(() => true as const);
    },
    { cache: false },
  );
  return {
    async record(entry) {
      try {
        await batch.load({
          at: new Date(),
          actor: identity.userId,
          actorAgency: identity.agency,
          requestId: identity.requestId,
          fieldsUnmasked: [],
          grantId: null,
          purpose: null,
          ...entry,
        });
      } catch {
        throw unavailable('AUDIT_UNAVAILABLE', 'the audit log cannot be written now, so this access is refused; try again later');
      }
    },
  };
}

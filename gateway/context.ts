import type { BaseContext } from '@apollo/server';
import type { Identity } from '../lib/identity';
import type { Logger } from '../lib/logger';

/** What the gateway knows of a request: the verified caller and a logger carrying the request id. */
export interface GatewayContext extends BaseContext {
  identity: Identity;
  log: Logger;
}

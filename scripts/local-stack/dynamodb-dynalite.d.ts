/** Types for the parts of `dynalite` (which ships none) that the local stack uses. */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    /** LevelDB directory for persistence; in memory when absent. */
    path?: string;
    /** How long tables stay CREATING / DELETING / UPDATING (dynalite default: 500 ms). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  /** Creates (but does not start) an HTTP server speaking the DynamoDB JSON protocol. */
  export default function dynalite(options?: DynaliteOptions): Server;
}

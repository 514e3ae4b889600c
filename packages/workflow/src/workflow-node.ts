import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** The part of an open node the workflow needs (an `@oise/node` Node fits). */
export interface WorkflowNode {
  db: Kysely<Database>;
  identity: { code: string; level: 'cercle' | 'region' | 'national'; parentCode: string | null };
}

/** Options of every workflow action: the time comes in, never read from the clock. */
export interface ActionOptions {
  now: string;
  author?: string;
}

/** Everything one `pnpm bench` run measured: the input of the report and the chart. */
import type { AuthorizerResults } from './authorizer-bench';
import type { ColdStartSection } from './cold-start-bench';
import type { InfraResults } from './infra-bench';
import type { LookupResults } from './lookups-bench';
import type { Machine } from './machine';
import type { PreTokenGenResults } from './pre-token-gen-bench';

export interface BenchResults {
  readonly mode: 'quick' | 'full';
  readonly machine: Machine;
  /** ISO date and time the run started. */
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly authorizer: AuthorizerResults;
  readonly coldStart: ColdStartSection;
  readonly lookups: readonly LookupResults[];
  readonly preTokenGen: PreTokenGenResults;
  readonly infra: InfraResults;
}

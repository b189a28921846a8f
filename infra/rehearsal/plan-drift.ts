/**
 * The second plan's check: which planned changes are not explained by a documented emulator
 * gap (gaps.ts PLAN_DRIFT). Pure, so tests/unit/plan-drift.test.ts shows what it reports.
 */
import { PLAN_DRIFT, type PlanGap } from './gaps';

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** Top-level attributes whose planned value differs from the state. */
  readonly changed: readonly string[];
}

export type Resources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** The synthesized configuration (`cdk.tf.json` `resource`) of a planned resource, by its address. */
export function configOf(
  resources: Resources,
  address: string,
): Readonly<Record<string, unknown>> | undefined {
  const [type, name] = address.replace(/\[[^\]]*\]$/, '').split('.');
  return type === undefined || name === undefined ? undefined : resources[type]?.[name];
}

/** Changes the gaps do not explain (empty = a clean second plan). */
export function unexpectedDrift(
  changes: readonly PlannedChange[],
  resources: Resources,
  gaps: readonly PlanGap[] = PLAN_DRIFT,
): PlannedChange[] {
  return changes.filter((change) => {
    const gap = gaps.find((g) => g.type === change.type);
    if (gap === undefined) return true;
    const replacing = change.actions.includes('create') && change.actions.includes('delete');
    if (replacing) {
      const config = configOf(resources, change.address);
      return !(gap.replaced && config !== undefined && gap.replaced(config));
    }
    return !(
      change.actions.join() === 'update' &&
      change.changed.length > 0 &&
      change.changed.every((key) => gap.attributes.includes(key))
    );
  });
}

/**
 * The migration's updates beyond tags (migrate's `updated beyond tags:` line) that neither the
 * gaps nor the migration explain. After the sharedTenantClients release the only ones expected
 * are each shard's issuer record in the platform, which stops listing the common client, and
 * with hosting the tenant stacks' imported alias records gaining `allow_overwrite`.
 */
export function unexpectedMigrationUpdates(
  line: string,
  platform: string,
  gaps: readonly PlanGap[] = PLAN_DRIFT,
): string[] {
  const list = line.replace(/^.*updated beyond tags: /, '').trim();
  if (list === 'none') return [];
  return list.split('; ').filter((entry) => {
    const match = /^(\S+) (([^.\s]+)\.\S+) \(([^)]*)\)$/.exec(entry);
    if (match === null) return true;
    const [, stack, address, type, attributes] = match as unknown as [string, string, string, string, string];
    const changed = attributes.split(', ');
    const gap = gaps.find((g) => g.type === type);
    if (gap !== undefined && changed.every((key) => gap.attributes.includes(key))) return false;
    const issuerRecord =
      stack === platform &&
      /^aws_ssm_parameter\.registry_param-issuer-shared(-\d+)?_[0-9A-F]+$/.test(address) &&
      changed.every((key) => ['insecure_value', 'value', 'version'].includes(key));
    // An imported record: `allow_overwrite` is the provider's own argument, which no import reads.
    const importedRecord =
      stack !== platform && type === 'aws_route53_record' && attributes === 'allow_overwrite';
    return !issuerRecord && !importedRecord;
  });
}

import { describe, expect, it } from '@jest/globals';
import { type PlannedChange, unexpectedDrift, unexpectedMigrationUpdates } from '../../rehearsal/plan-drift';
import { resources, stack } from '../support/synthesized';

// prod has hosting with a DNS-validated certificate: validation records and alias records.
const prod = stack('prod');
const records = resources(prod, 'aws_route53_record');
// A validation record's name is read from the certificate's domain_validation_options.
const validation = records.filter(([, body]) => String(body.name).includes('domain_validation_options'));
const aliases = records.filter(([, body]) => body.alias !== undefined);

function replace(type: string, name: string): PlannedChange {
  return { address: `${type}.${name}`, type, actions: ['create', 'delete'], changed: ['id'] };
}

describe('unexpectedDrift (the second plan of the deploy rehearsal)', () => {
  it('finds both kinds of Route 53 record in prod, so the cases below test something', () => {
    expect(validation.length).toBeGreaterThan(0);
    expect(aliases.length).toBeGreaterThan(0);
  });

  it('reports a replaced certificate, its validation and its validation records (moto now issues the requested key)', () => {
    const changes = [
      ...resources(prod, 'aws_acm_certificate').map(([name]) => replace('aws_acm_certificate', name)),
      ...resources(prod, 'aws_acm_certificate_validation').map(([name]) =>
        replace('aws_acm_certificate_validation', name),
      ),
      ...validation.map(([name]) => replace('aws_route53_record', name)),
    ];
    expect(changes.length).toBeGreaterThan(2);
    expect(unexpectedDrift(changes, prod.resource)).toEqual(changes);
  });

  it('accepts a replacement only where a gap says so, for the configurations it names', () => {
    const gap = {
      type: 'aws_route53_record',
      attributes: [],
      reason: 'test',
      replaced: (config: Readonly<Record<string, unknown>>) =>
        String(config.name).includes('domain_validation_options'),
    };
    const [validationName] = validation[0] as [string, unknown];
    const [aliasName] = aliases[0] as [string, unknown];
    const alias = replace('aws_route53_record', aliasName);
    expect(
      unexpectedDrift([replace('aws_route53_record', validationName), alias], prod.resource, [gap]),
    ).toEqual([alias]);
  });

  it('reports a replaced alias record', () => {
    const [name] = aliases[0] as [string, unknown];
    const change = replace('aws_route53_record', name);
    expect(unexpectedDrift([change], prod.resource)).toEqual([change]);
  });

  it('reports a replaced record that is not in the synthesized stack', () => {
    const change = replace('aws_route53_record', 'unknown_record');
    expect(unexpectedDrift([change], prod.resource)).toEqual([change]);
  });

  it('accepts a Lambda update of logging_config only, and reports one that also changes the environment', () => {
    const [name] = resources(prod, 'aws_lambda_function')[0] as [string, unknown];
    const logging: PlannedChange = {
      address: `aws_lambda_function.${name}`,
      type: 'aws_lambda_function',
      actions: ['update'],
      changed: ['logging_config'],
    };
    const environment = { ...logging, changed: ['logging_config', 'environment'] };
    expect(unexpectedDrift([logging], prod.resource)).toEqual([]);
    expect(unexpectedDrift([environment], prod.resource)).toEqual([environment]);
  });

  it('reports a replaced Lambda function: an update gap never covers a replacement', () => {
    const [name] = resources(prod, 'aws_lambda_function')[0] as [string, unknown];
    const change = replace('aws_lambda_function', name);
    expect(unexpectedDrift([change], prod.resource)).toEqual([change]);
  });

  it('reports any change of a type without a gap', () => {
    const change: PlannedChange = {
      address: 'aws_ssm_parameter.x',
      type: 'aws_ssm_parameter',
      actions: ['update'],
      changed: ['value'],
    };
    expect(unexpectedDrift([change], prod.resource)).toEqual([change]);
  });
});

describe('unexpectedMigrationUpdates (the migration plan after the sharedTenantClients release)', () => {
  const line = (entries: string) => `   updated beyond tags: ${entries}`;

  it("accepts the shards' issuer records in the platform and the emulator's Lambda logging gap", () => {
    expect(unexpectedMigrationUpdates(line('none'), 'dev')).toEqual([]);
    expect(
      unexpectedMigrationUpdates(
        line(
          'dev aws_ssm_parameter.registry_param-issuer-shared_50E15B04 (insecure_value, value, version); dev aws_ssm_parameter.registry_param-issuer-shared-01_0A1B2C3D (value, version); dev aws_lambda_function.fn_authorizer_1 (logging_config)',
        ),
        'dev',
      ),
    ).toEqual([]);
  });

  it("accepts a tenant stack's imported alias record gaining allow_overwrite, nothing more", () => {
    const imported = 'dev--acme aws_route53_record.hosting_alias-A-acme_dev_example_com_65DAAAE6';
    expect(unexpectedMigrationUpdates(line(`${imported} (allow_overwrite)`), 'dev')).toEqual([]);
    const others = [
      `${imported} (alias, allow_overwrite)`,
      'dev aws_route53_record.spa_alias-A-app_dev_example_com_1 (allow_overwrite)',
    ];
    expect(unexpectedMigrationUpdates(line(others.join('; ')), 'dev')).toEqual(others);
  });

  it('reports any other update: a tenant record value, an issuer record in a tenant stack, an unparsable entry', () => {
    const entries = [
      'dev--acme aws_ssm_parameter.registry_param-host-acme_047C8033 (value, version)',
      'dev--acme aws_ssm_parameter.registry_param-issuer-shared_50E15B04 (value)',
      'dev aws_ssm_parameter.registry_param-issuer-shared_50E15B04 (type, value)',
      'dev aws_lambda_function.fn_authorizer_1 (environment, logging_config)',
      'garbage',
    ];
    expect(unexpectedMigrationUpdates(line(entries.join('; ')), 'dev')).toEqual(entries);
  });
});

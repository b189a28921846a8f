import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentFileError, parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import {
  ENVIRONMENTS_DIR,
  environmentFile,
  environmentNames,
  loadEnvironments,
} from '../../src/environments';

const dev = JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, 'dev.json'), 'utf8'));

function problems(raw: unknown): readonly string[] {
  try {
    parseEnvironment(raw, 'x.json');
  } catch (error) {
    if (error instanceof EnvironmentFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('environment files', () => {
  it('ships dev and prod examples holding both tenancy patterns', () => {
    expect(environmentNames()).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const { environment } of loadEnvironments(['dev', 'prod'])) {
      const patterns = new Set(environment.tenants.map((t) => t.pattern));
      expect([...patterns].sort()).toEqual(['dedicated', 'shared']);
      expect(environment.tenants.some((t) => t.idp.metadataFile !== undefined)).toBe(true);
    }
  });

  it('finds a file by name or path and names the known ones when it cannot', () => {
    expect(environmentFile('dev')).toBe(join(ENVIRONMENTS_DIR, 'dev.json'));
    expect(() => environmentFile('staging')).toThrow(/no environment 'staging' \(known: .*dev.*prod/);
  });

  it('refuses two files for one environment name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-envs-'));
    copyFileSync(join(ENVIRONMENTS_DIR, 'dev.json'), join(dir, 'dev.json'));
    writeFileSync(join(dir, 'copy.json'), JSON.stringify({ ...dev, tenants: [] }));
    expect(() => loadEnvironments(['dev', 'copy'], dir)).toThrow(EnvironmentFileError);
  });

  it('validates the infra options added to the schema', () => {
    expect(problems({ ...dev, accountId: '1234' })).toEqual(['accountId: a 12-digit AWS account id']);
    expect(problems({ ...dev, logRetentionDays: 31 })[0]).toMatch(/^logRetentionDays: one of 1, 3, 5/);
    expect(
      problems({ ...dev, api: { ...dev.api, customDomains: { certificateArn: 'arn:aws:iam::1:role/x' } } }),
    ).toEqual(['api.customDomains.certificateArn: an ACM certificate ARN in the same region']);
    const parsed = parseEnvironment(
      { ...dev, logRetentionDays: undefined, deletionProtection: undefined },
      'x',
    );
    expect(parsed).toMatchObject({ logRetentionDays: 30, deletionProtection: true });
    // The account-wide CloudWatch role is opt-in: one environment per account and region owns it.
    expect(parsed.api?.manageAccountLoggingRole).toBe(dev.api?.manageAccountLoggingRole ?? false);
    const withoutOptIn = parseEnvironment(
      { ...dev, api: { ...dev.api, manageAccountLoggingRole: undefined } },
      'x',
    );
    expect(withoutOptIn.api?.manageAccountLoggingRole).toBe(false);
  });
});

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import {
  readEnvironmentText,
  resolveEnvironmentPath,
  writeFileAtomic,
} from '@cognito-tenancy/tenant-tool/environment-file';
import { CommandError, UsageError } from '@cognito-tenancy/tenant-tool/errors';
import { describe, expect, it } from '@jest/globals';

describe('resolveEnvironmentPath', () => {
  it('maps a name to infra/environments/<name>.json under the repository root', () => {
    expect(resolveEnvironmentPath('dev', '/repo', '/elsewhere')).toBe('/repo/infra/environments/dev.json');
  });

  it('takes anything with a slash or .json as a path from the working directory', () => {
    expect(resolveEnvironmentPath('./envs/x.json', '/repo', '/home/me')).toBe('/home/me/envs/x.json');
    expect(resolveEnvironmentPath('staging.json', '/repo', '/home/me')).toBe('/home/me/staging.json');
    expect(resolveEnvironmentPath('/abs/prod.json', '/repo', '/home/me')).toBe('/abs/prod.json');
  });

  it('refuses a name that could walk out of infra/environments', () => {
    expect(() => resolveEnvironmentPath('..', '/repo', '/x')).toThrow(UsageError);
    expect(() => resolveEnvironmentPath('Dev', '/repo', '/x')).toThrow(/neither an environment name/);
  });
});

describe('readEnvironmentText', () => {
  it('explains a missing file and bad JSON with the registry error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    expect(() => readEnvironmentText(join(dir, 'nope.json'))).toThrow(/ENOENT.*check the environment name/);
    writeFileSync(join(dir, 'bad.json'), '{"tenants": [}');
    expect(() => readEnvironmentText(join(dir, 'bad.json'))).toThrow(EnvironmentFileError);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its mode and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, 'dev.json');
    writeFileSync(file, 'old', { mode: 0o640 });
    writeFileAtomic(file, 'new', 'old');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['dev.json']);
  });

  it('refuses to overwrite a file that changed since it was read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, 'dev.json');
    writeFileSync(file, 'edited by someone else');
    expect(() => writeFileAtomic(file, 'mine', 'what I read')).toThrow(CommandError);
    expect(readFileSync(file, 'utf8')).toBe('edited by someone else');
    expect(readdirSync(dir)).toEqual(['dev.json']);
  });
});

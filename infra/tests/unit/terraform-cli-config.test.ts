import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  cdktfEnvironment,
  chooseCliConfig,
  cliConfigText,
  DEFAULT_PROVIDER_MIRROR,
  findProviderMirror,
  PROVIDER_MIRROR_VARIABLE,
  writeCliConfig,
} from '../../src/terraform-cli-config';

describe('Terraform CLI configuration', () => {
  it('uses a mirror only when it holds the provider', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-mirror-'));
    expect(findProviderMirror({ [PROVIDER_MIRROR_VARIABLE]: dir })).toBeUndefined();
    mkdirSync(join(dir, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
    expect(findProviderMirror({ [PROVIDER_MIRROR_VARIABLE]: dir })).toBe(dir);
  });

  it('falls back to the default mirror location when the variable is unset or empty', () => {
    const expected = findProviderMirror({ [PROVIDER_MIRROR_VARIABLE]: DEFAULT_PROVIDER_MIRROR });
    expect(findProviderMirror({})).toBe(expected);
    expect(findProviderMirror({ [PROVIDER_MIRROR_VARIABLE]: '' })).toBe(expected);
  });

  it('installs mirrored providers from the mirror and never from the network', () => {
    const text = cliConfigText('/opt/tf-plugins');
    expect(text).toContain('filesystem_mirror {\n    path    = "/opt/tf-plugins"');
    expect(text).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
    expect(cliConfigText(undefined)).not.toContain('provider_installation');
  });

  it('writes the file Terraform is pointed at', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ct-cfg-')), 'nested');
    const file = writeCliConfig(dir, '/m');
    expect(readFileSync(file, 'utf8')).toBe(cliConfigText('/m'));
  });

  it("keeps the user's configuration file when it exists, and writes ours when it does not", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-own-'));
    const own = join(dir, 'own.rc');
    writeFileSync(own, '# mine\n');
    expect(chooseCliConfig({ TF_CLI_CONFIG_FILE: own, [PROVIDER_MIRROR_VARIABLE]: dir })).toEqual({
      file: own,
      mirror: undefined,
    });
    mkdirSync(join(dir, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
    const missing = chooseCliConfig({
      TF_CLI_CONFIG_FILE: join(dir, 'absent.rc'),
      [PROVIDER_MIRROR_VARIABLE]: dir,
    });
    expect(missing.mirror).toBe(dir);
    expect(missing.file).not.toBe(join(dir, 'absent.rc'));
    expect(readFileSync(missing.file, 'utf8')).toBe(cliConfigText(dir));
  });
});

describe('cdktfEnvironment', () => {
  it('turns cdktf’s shared plugin cache off with our mirror (concurrent inits race on it)', () => {
    const env = cdktfEnvironment(
      { HOME: '/root' },
      { file: '/tmp/t/terraform.rc', mirror: '/opt/tf-plugins' },
    );
    expect(env).toEqual({
      HOME: '/root',
      TF_CLI_CONFIG_FILE: '/tmp/t/terraform.rc',
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
    });
  });

  it('leaves the cache to the user without our mirror (providers downloaded)', () => {
    const env = cdktfEnvironment(
      { TF_PLUGIN_CACHE_DIR: '/cache' },
      { file: '/home/u/.terraformrc', mirror: undefined },
    );
    expect(env.CDKTF_DISABLE_PLUGIN_CACHE_ENV).toBeUndefined();
    expect(env.TF_PLUGIN_CACHE_DIR).toBe('/cache');
    expect(env.TF_CLI_CONFIG_FILE).toBe('/home/u/.terraformrc');
  });
});

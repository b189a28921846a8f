import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
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
});

import { describe, expect, it } from '@jest/globals';
import { OutputCleaner, stripAnsi } from '../../src/terraform-output';

const ESC = '\x1b';
// What `cdktf diff dev` wrote without credentials, captured from a pipe (shortened).
const CAPTURED = [
  `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G`,
  '⠋  Synthesizing',
  `${ESC}[91m[2026-12-04T19:07:11.554] [ERROR] default - ${ESC}[39msynthesized dev: 136 resources -> cdktf.out/stacks/dev`,
  '⠙  Processing',
  `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[Gdev  ${ESC}[0m${ESC}[1mInitializing the backend...${ESC}[0m`,
  `dev  ${ESC}[31m╷${ESC}[0m${ESC}[0m`,
  `     ${ESC}[31m│${ESC}[0m ${ESC}[0m${ESC}[1m${ESC}[31mError: ${ESC}[0m${ESC}[0m${ESC}[1mNo valid credential sources found${ESC}[0m`,
  `     ${ESC}[31m│${ESC}[0m ${ESC}[0m`,
  `     ${ESC}[31m│${ESC}[0m ${ESC}[0mPlease see https://developer.hashicorp.com/terraform/language/backend/s3`,
  `     ${ESC}[31m╵${ESC}[0m${ESC}[0m`,
  '',
].join('\n');

describe('cdktf output for a pipe', () => {
  it('removes escape codes and carriage returns', () => {
    expect(stripAnsi(`${ESC}[1m${ESC}[31mError: ${ESC}[0mx\r`)).toBe('Error: x');
  });

  it('drops spinner frames and the [ERROR] label on synth progress, keeps the diagnostic', () => {
    const out = new OutputCleaner().push(CAPTURED);
    expect(out).not.toContain(ESC);
    expect(out).not.toMatch(/Synthesizing|Processing|\[ERROR\]/);
    expect(out).toContain('synthesized dev: 136 resources');
    expect(out).toContain('Error: No valid credential sources found');
    expect(out).toContain('Please see https://developer.hashicorp.com/terraform/language/backend/s3');
  });

  it('prints a Terraform error once when it comes again, on either stream', () => {
    const cleaner = new OutputCleaner();
    const first = cleaner.push(CAPTURED);
    const again = cleaner.push(CAPTURED.replace(/^.*synthesized.*$/m, ''));
    const text = first + again;
    expect(text.match(/No valid credential sources found/g)).toHaveLength(1);
    expect(text.match(/Please see/g)).toHaveLength(1);
  });

  it('keeps a line split across chunks whole', () => {
    const cleaner = new OutputCleaner();
    expect(cleaner.push('Error: part')).toBe('');
    expect(cleaner.push(' two\nnext')).toBe('Error: part two\n');
    expect(cleaner.flush()).toBe('next\n');
  });

  it('collapses blank lines left by spinner frames, across chunks', () => {
    const cleaner = new OutputCleaner();
    const text = cleaner.push('a\n\n') + cleaner.push('\u280b  Processing\n\n') + cleaner.push('\nb\n');
    expect(text).toBe('a\n\nb\n');
  });
});

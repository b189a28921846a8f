/**
 * `deploy|diff --skip-synth` reads the stacks of an earlier synth from `<out>/manifest.json`.
 * After `synth <env> --tenant <id>` that manifest lists the platform and that tenant only, and
 * the stack folders of an older whole synth may still sit beside them: a fleet deploy would then
 * fail inside cdktf, or a tenant missing from the manifest would be looked for in vain. Refused
 * first, naming the stacks and the synth to run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stacks `<out>/manifest.json` lists, or undefined when there is none that parses. */
export function manifestStacks(out: string): string[] | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks?: unknown };
    const stacks = manifest.stacks;
    return typeof stacks === 'object' && stacks !== null ? Object.keys(stacks) : undefined;
  } catch {
    return undefined;
  }
}

/** Why `--skip-synth` cannot run `stacks` from `out` (`source`: the environment file), or undefined when its synth has them all. */
export function skipSynthRefusal(out: string, stacks: readonly string[], source: string): string | undefined {
  const listed = manifestStacks(out);
  const synth = `pnpm synth ${source} --out ${out}`;
  if (listed === undefined)
    return `--skip-synth: ${out} holds no synthesized stacks (no manifest.json); run ${synth} first, or drop --skip-synth`;
  const missing = stacks.filter((stack) => !listed.includes(stack));
  if (missing.length === 0) return undefined;
  const shown =
    missing.length > 5
      ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`
      : missing.join(', ');
  return `--skip-synth: the last synth into ${out} did not build ${shown} (it built ${listed.length} stacks, as synth --tenant does); run ${synth} (with --tenant <id> for those tenants only), or drop --skip-synth`;
}

/**
 * `pnpm copy-out <lambda> <dir>`: writes one Lambda as a standalone package a team can
 * install, test, build and deploy from its own repository (see copy-out.ts).
 */
import { join, relative } from 'node:path';
import { copyOut, lambdaPackages } from './copy-out';
import { CopyOutRefusal, resolveTarget } from './target-dir';

const root = join(import.meta.dirname, '..', '..');

async function main(args: string[]): Promise<number> {
  const names = lambdaPackages(root).map((p) => p.name);
  if (args.length !== 2 || args[0] === undefined || args[1] === undefined) {
    console.error(
      `usage: pnpm copy-out <lambda> <dir>\n  <lambda>: one of ${names.join(', ')}\n  <dir>: a new or empty folder outside this workspace`,
    );
    return 2;
  }
  const [name, dir] = args;
  if (!names.includes(name))
    throw new CopyOutRefusal(`no Lambda named '${name}'. Choose one of: ${names.join(', ')}.`);
  const target = resolveTarget(root, dir, process.env);
  const result = await copyOut(root, name, target);
  console.log(`copy-out: wrote ${result.written.length} files to ${target}`);
  for (const file of result.written) console.log(`  ${file}`);
  if (result.leftOut.length > 0) {
    console.log(`copy-out: left out (need the local stack's emulators): ${result.leftOut.join(', ')}`);
  }
  const shown = relative(process.env.PNPMW_CWD || process.env.INIT_CWD || process.cwd(), target) || '.';
  console.log(`next: cd ${shown} && pnpm install && pnpm typecheck && pnpm test && pnpm build`);
  return 0;
}

main(process.argv.slice(2).filter((a) => a !== '--')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`copy-out: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.COPY_OUT_DEBUG) console.error(error);
    process.exit(error instanceof CopyOutRefusal ? 2 : 1);
  },
);

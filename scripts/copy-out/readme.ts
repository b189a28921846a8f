/** The README of a copy: the package's own, with its workspace-only copy notes replaced by what the copy holds. */
import { camel, pascal } from './render-construct';
import type { WiringModel } from './wiring-model';

export interface CopiedReadmeInputs {
  readonly name: string;
  readonly commit: string;
  readonly ownReadme: string;
  readonly leftOut: readonly string[];
  readonly vendored: readonly string[];
  readonly model?: WiringModel;
}

/** Drops the `## Copying ...` section (it tells a workspace reader how to copy; this is the copy). */
export function withoutCopySection(readme: string): string {
  return readme.replace(/^## Copying[^\n]*\n[\s\S]*?(?=^## |(?![\s\S]))/m, '');
}

function wiringSection(model: WiringModel, name: string): string[] {
  const rows = model.variables.map(
    (v) =>
      `| \`${v.name}\` | \`${camel(v.name)}\` | ${v.type} | ${v.default === undefined ? 'required' : `\`${JSON.stringify(v.default)}\``} | ${v.description} |`,
  );
  return [
    '### Wiring',
    '',
    `The function, its role (exactly the statements infra gives it), its log group, its environment and`,
    `who may invoke it, in two forms generated from the same code infra deploys with:`,
    '',
    `- \`wiring/${name}-wiring.ts\`: a CDKTF construct, \`new ${pascal(name)}Wiring(stack, '${name}', { ... })\`.`,
    `- \`terraform/${name}.tf.json\`: plain Terraform JSON to drop into a module of your own`,
    '  (`terraform init && terraform validate` pass on it as written).',
    '',
    '| Terraform variable | construct prop | type | default | what |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Optional settings from the environment table above go in `extra_environment` / `extraEnvironment`.',
    `Build the zip first (\`pnpm build\`) and pass \`dist/${name}.zip\` as \`zip_file\`.`,
    '',
  ];
}

/** The copy's README.md. */
export function copiedReadme(inputs: CopiedReadmeInputs): string {
  const { name } = inputs;
  const vendored = inputs.vendored.map((dir) => `\`vendor/${dir}\``).join(', ');
  const lines = [
    '## This copy',
    '',
    `Written by \`pnpm copy-out ${name} <dir>\` from cognito-tenancy ${inputs.commit}. It stands alone: no`,
    'workspace, every version pinned, imports unchanged.',
    '',
    '- `src/` and the tests that need no emulator (unit, security, fuzz), as in the workspace.',
    ...(vendored === ''
      ? []
      : [
          `- ${vendored}: only the files of those workspace packages this code imports, linked by`,
          '  name (`link:vendor/<package>` in package.json), so imports read as in the workspace.',
        ]),
    ...(inputs.leftOut.length === 0
      ? []
      : [
          `- Left out: ${inputs.leftOut.map((f) => `\`${f}\``).join(', ')}. They start the workspace's`,
          '  local stack emulators (DynamoDB, Cognito, the SSM stand-in), which are not copied.',
        ]),
    '- `build.mjs`: the workspace build (esbuild, deterministic zip, size budget from package.json).',
    '',
    '```sh',
    'pnpm install',
    'pnpm typecheck',
    'pnpm test',
    `pnpm build   # dist/index.mjs and dist/${name}.zip`,
    '```',
    '',
    ...(inputs.model === undefined ? [] : wiringSection(inputs.model, name)),
  ];
  return `${withoutCopySection(inputs.ownReadme).trimEnd()}\n\n${lines.join('\n')}`;
}

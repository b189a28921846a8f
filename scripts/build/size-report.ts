/** The size table printed by `pnpm build`, and the budget check. */
import type { BundleResult } from './bundle';
import type { LambdaPackage } from './lambda-packages';

export interface Built {
  readonly pkg: LambdaPackage;
  readonly result: BundleResult;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A markdown table: bundle, AWS SDK share, own code, zip, budgets and zip hash prefix. */
export function sizeTable(built: readonly Built[]): string {
  const rows = built.map(({ pkg, result }) => {
    const share = result.bundleBytes === 0 ? 0 : (100 * result.sdkBytes) / result.bundleBytes;
    const ok = result.bundleBytes <= pkg.budget.bundleBytes && result.zipBytes <= pkg.budget.zipBytes;
    return [
      pkg.name,
      kb(result.bundleBytes),
      `${kb(result.sdkBytes)} (${share.toFixed(0)}%)`,
      kb(result.bundleBytes - result.sdkBytes),
      kb(result.zipBytes),
      `${kb(pkg.budget.bundleBytes)} / ${kb(pkg.budget.zipBytes)}`,
      ok ? 'ok' : 'OVER',
      result.zipSha256.slice(0, 12),
    ];
  });
  const header = [
    'function',
    'bundle',
    'AWS SDK share',
    'own + other deps',
    'zip',
    'budget (bundle / zip)',
    'within budget',
    'zip sha256',
  ];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

/** One message per function over its budget. */
export function overBudget(built: readonly Built[]): string[] {
  const messages: string[] = [];
  for (const { pkg, result } of built) {
    if (result.bundleBytes > pkg.budget.bundleBytes) {
      messages.push(
        `${pkg.name}: bundle ${result.bundleBytes} B is over its budget of ${pkg.budget.bundleBytes} B (packages/${pkg.name}/package.json cognitoTenancy.lambda.budget)`,
      );
    }
    if (result.zipBytes > pkg.budget.zipBytes) {
      messages.push(`${pkg.name}: zip ${result.zipBytes} B is over its budget of ${pkg.budget.zipBytes} B`);
    }
  }
  return messages;
}

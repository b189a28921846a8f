/**
 * How a newcomer runs the tools: `pnpm` is not on their PATH, the wrapper is. Hints print
 * commands they can paste at the repository root.
 */
export const RUN_COMMAND = './scripts/pnpmw';
export const TENANT_COMMAND = `${RUN_COMMAND} tenant`;

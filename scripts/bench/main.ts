/**
 * `pnpm bench [--quick]`: measures every part in one run on this machine and writes
 * BENCHMARKS.md and scripts/bench/scaling.svg (plus the raw results in .bench/results.json).
 * Separate from `pnpm test`: nothing here asserts a speed, it reports one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAuthorizer } from './authorizer-bench';
import { benchColdStart } from './cold-start-bench';
import { benchConfigResolver } from './config-resolver-bench';
import { benchInfra } from './infra-bench';
import { describeMachine } from './machine';
import { FULL, QUICK } from './measure';
import { benchPreTokenGen } from './pre-token-gen-bench';
import { renderReport } from './report';
import type { BenchResults } from './results';
import { renderScalingChart } from './scaling-chart';
import { evaluateTargets } from './targets';
import { benchTenantMatch } from './tenant-match-bench';

const root = join(import.meta.dirname, '..', '..');
const USAGE =
  'usage: pnpm bench [--quick]\n  --quick  short rounds, 1,000-tenant infra left out (under a minute)\n';

async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const quick = args.includes('--quick');
  const options = quick ? QUICK : FULL;
  const machine = describeMachine();
  const started = performance.now();
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const progress = (line: string) => {
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  };
  progress(
    `${quick ? 'quick' : 'full'} run on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage}`,
  );

  const authorizer = await benchAuthorizer(root, options, progress);
  const coldStart = await benchColdStart(root, quick ? 3 : 21, progress);
  progress('config-resolver: warm latency and bursts');
  const resolver = await benchConfigResolver(options);
  progress('tenant-match: warm latency and bursts');
  const match = await benchTenantMatch(options);
  progress('pre-token-gen: 0, 50 and 500 groups');
  const preTokenGen = await benchPreTokenGen(options);
  const infra = await benchInfra(
    root,
    quick ? [10, 100] : [10, 100, 1000],
    (n) => (quick || n >= 1000 ? 1 : 3),
    progress,
  );

  const results: BenchResults = {
    mode: quick ? 'quick' : 'full',
    machine,
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    authorizer,
    coldStart,
    lookups: [resolver, match],
    preTokenGen,
    infra,
  };
  writeFileSync(join(root, 'BENCHMARKS.md'), renderReport(results));
  writeFileSync(join(root, 'scripts', 'bench', 'scaling.svg'), renderScalingChart(results));
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  progress('wrote BENCHMARKS.md, scripts/bench/scaling.svg and .bench/results.json');
  for (const t of evaluateTargets(results)) {
    const mark = t.met === undefined ? 'n/a ' : t.met ? 'met ' : 'MISS';
    process.stdout.write(`${mark}  ${t.area}: ${t.target} -> ${t.measured}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

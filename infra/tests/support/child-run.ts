/** Runs a child process to its end and keeps what it wrote, for the tests that run CLIs. */
import { type SpawnOptions, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface ChildRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Spawns `command args` with no stdin and resolves once it exits; rejects only if it cannot start. */
export function runChild(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'stdio'>,
): Promise<ChildRun> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (status) =>
      done({ status, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

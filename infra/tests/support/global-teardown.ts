/** Removes the shared synth directory. */
import { rmSync } from 'node:fs';
import { SYNTH_DIR_VARIABLE } from './synthesized';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env[SYNTH_DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

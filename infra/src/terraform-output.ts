/**
 * cdktf-cli draws for a terminal: colours, a spinner redrawn with cursor moves, and the
 * app's stderr relabelled `[ERROR] default -`. Captured (CI logs, a pipe, `| less`) that is
 * raw escape codes, hundreds of spinner frames and, when Terraform fails, the same error more
 * than once. When the output is not a terminal, {@link OutputCleaner} turns it into plain
 * lines: no escape codes, no spinner frames, each Terraform error block printed once.
 */
import { spawn } from 'node:child_process';

// CSI (colours, cursor moves, erase) and OSC sequences, then carriage returns.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape codes is the point
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The text without terminal escape sequences and carriage returns. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r/g, '');
}

// A braille spinner frame followed by a status word: `⠋  Synthesizing`.
const SPINNER = /^\s*[\u2800-\u28ff]\s+\S.*$/;
// cdktf's log prefix for what the app writes to stderr (not errors: synth's progress).
const LOG_PREFIX = /^\[\d{4}-\d\d-\d\dT[\d:.]+\] \[(?:ERROR|WARN|INFO|DEBUG)\] default - /;
// Terraform's boxed diagnostics: `│ Error: ...` inside `╷ ... ╵`, after an optional stack name.
const DIAGNOSTIC = /^\s*(?:[a-z0-9-]+\s+)?[│╷╵]?\s*(Error|Warning): (.+)$/;
const BOX_LINE = /^\s*(?:[a-z0-9-]+\s+)?[│╵]/;

/** Line-by-line cleaner; keeps state so a diagnostic seen once is not printed again. */
export class OutputCleaner {
  private readonly seen = new Set<string>();
  private skipping = false;
  private partial = '';
  /** Blank lines are collapsed across chunks (spinner frames leave runs of them). */
  private lastBlank = true;

  /** Cleans a chunk; returns the complete lines to print (a partial last line waits). */
  push(chunk: string): string {
    const text = this.partial + chunk;
    const end = text.lastIndexOf('\n');
    this.partial = end < 0 ? text : text.slice(end + 1);
    return end < 0 ? '' : this.lines(text.slice(0, end + 1));
  }

  /** What is left at the end of the stream. */
  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? '' : this.lines(`${rest}\n`);
  }

  private lines(text: string): string {
    const out: string[] = [];
    for (const raw of stripAnsi(text).split('\n').slice(0, -1)) {
      const line = raw.replace(LOG_PREFIX, '').trimEnd();
      if (SPINNER.test(line)) continue;
      const diagnostic = DIAGNOSTIC.exec(line);
      if (diagnostic) {
        const key = `${diagnostic[1]}: ${diagnostic[2]}`;
        this.skipping = this.seen.has(key);
        this.seen.add(key);
      } else if (this.skipping && !BOX_LINE.test(line)) {
        this.skipping = false;
      }
      if (this.skipping) continue;
      if (line === '' && this.lastBlank) continue;
      this.lastBlank = line === '';
      out.push(line);
    }
    return out.map((l) => `${l}\n`).join('');
  }
}

/**
 * Runs a command with its output cleaned when `clean` (stdout not a terminal), passed through
 * untouched otherwise (cdktf's prompts need the terminal). Resolves with the exit status.
 */
export function runCleaned(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; clean: boolean },
): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.clean ? { ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' } : options.env,
      stdio: options.clean ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    });
    if (options.clean) {
      // One cleaner for both streams: an error shown on stdout is not repeated on stderr.
      const cleaner = new OutputCleaner();
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(cleaner.push(chunk.toString())));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(cleaner.push(chunk.toString())));
    }
    child.on('error', () => done(1));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

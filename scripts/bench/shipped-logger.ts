/**
 * The Powertools Logger exactly as the authorizer ships it (its own dependency, resolved
 * from packages/authorizer), writing its JSON lines to a stream that drops them: the
 * cost of formatting and writing one line per decision, without filling the terminal.
 */
import { Console } from 'node:console';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { AuthorizerLogger } from '../../packages/authorizer/src/logger';

interface LoggerModule {
  Logger: new (options: { serviceName: string }) => AuthorizerLogger;
}

/** A Powertools Logger from the authorizer's dependencies, its output discarded. */
export async function shippedLogger(root: string): Promise<AuthorizerLogger> {
  const require = createRequire(join(root, 'packages', 'authorizer', 'package.json'));
  const path = require.resolve('@aws-lambda-powertools/logger');
  const { Logger } = (await import(pathToFileURL(path).href)) as LoggerModule;
  const logger = new Logger({ serviceName: 'authorizer' });
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  // Powertools writes through its own `console` property (a node:console Console on stdout).
  (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  return logger;
}

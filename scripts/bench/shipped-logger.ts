/**
 * The logger exactly as the authorizer ships it (`createJsonLineLogger` at INFO), writing
 * its JSON lines to a stream that drops them: the cost of formatting and writing one line
 * per decision, without filling the terminal.
 */
import { Writable } from 'node:stream';
import { createJsonLineLogger } from '../../packages/authorizer/src/json-line-logger';
import type { AuthorizerLogger } from '../../packages/authorizer/src/logger';

/** The authorizer's shipped logger at INFO, its output discarded through a stream. */
export async function shippedLogger(_root: string): Promise<AuthorizerLogger> {
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return createJsonLineLogger({ service: 'authorizer', level: 'INFO', write: (line) => sink.write(line) });
}

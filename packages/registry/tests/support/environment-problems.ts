/** What `parseEnvironment` says about a raw environment file, for the schema tests. */
import { EnvironmentFileError, parseEnvironment } from '../../src/environment';

/** The problems reported for `raw` (read as `dev.json`); none when the file is accepted. */
export function environmentProblems(raw: unknown): readonly string[] {
  try {
    parseEnvironment(raw, 'dev.json');
  } catch (error) {
    if (error instanceof EnvironmentFileError) return error.problems;
    throw error;
  }
  return [];
}

/**
 * Prints one closing line that CI and humans can read at a glance:
 * `jest: 123 passed, 0 failed, 2 skipped`.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } =
      results;
    const broken =
      numRuntimeErrorTestSuites > 0 ? ` (${numRuntimeErrorTestSuites} suite(s) failed to run)` : '';
    process.stdout.write(
      `\njest: ${numPassedTests} passed, ${numFailedTests + numRuntimeErrorTestSuites} failed, ${numPendingTests + numTodoTests} skipped${broken}\n`,
    );
  }
}

/** The environment of a Lambda is unusable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /**
   * @param service the Lambda, first word of the message
   * @param problems one entry per variable at fault: its name, what is wrong and the fix
   */
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service} configuration: ${problems.join('; ')}`);
  }
}

/** A failure the command line reports in one line, with its exit status: 1 failed, 2 misused. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(`${message}\nRun "npx bendi help" for usage.`, 2);

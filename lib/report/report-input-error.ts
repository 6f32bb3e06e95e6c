/**
 * The cloud assembly cannot be reported on: a missing or empty directory, a directory that is
 * not a cloud assembly, or a corrupt template, manifest or validation report. The message is one
 * line that names the file and what to do.
 */
export class ReportInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

// Errors the ETL reports to the person running it: a stable code and a message saying what to do.
export class EtlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EtlError';
  }
}

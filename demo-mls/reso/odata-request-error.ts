// An OData request the Demo MLS refuses: the HTTP status and the `error` body of OData JSON Format §21.1.
export class ODataRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string
  ) {
    super(message)
  }
}

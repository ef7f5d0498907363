/** One problem with one field of a request; `field` is a dotted path such as `location.lat`. */
export interface ErrorDetail {
  field: string;
  problem: string;
}

/** The single shape of every 4xx/5xx body of every GT-Vision API. */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

/**
 * The 200 body. Responses and CORS come from the kit (`respond`, `corsHeaders`); the route
 * is a POST with an `Authorization` header, so browsers preflight it and API Gateway answers
 * the preflight.
 */
export type { ProxyResponse } from '@cognito-tenancy/kit/http-response';

/** The 200 body. */
export interface SignedOutBody {
  readonly sub: string;
  /** Epoch seconds: this user's tokens issued before it are refused. */
  readonly revokedBefore: number;
}

/**
 * The two HTTP calls of a client-secret rotation: a Login with Amazon (LWA) access token for the
 * grantless rotation scope, and the Application Management API's `rotateApplicationClientSecret`.
 */

/** The LWA token endpoint. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** The grantless scope `rotateApplicationClientSecret` requires. */
export const ROTATION_SCOPE = 'sellingpartnerapi::client_credential:rotation';

/** The path of `rotateApplicationClientSecret` (Application Management API v2023-11-30). */
export const ROTATE_CLIENT_SECRET_PATH = '/applications/2023-11-30/clientSecret';

/** The LWA client credentials of the SP-API application, as the secret holds them. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The `fetch` the calls go through (the global one; a stub in tests). */
export type Fetch = typeof fetch;

/** The HTTP status and LWA error code of a failed call, never the body's secrets. */
async function failure(what: string, response: Response): Promise<Error> {
  let code = '';
  try {
    const body = (await response.json()) as { error?: unknown; errors?: { code?: unknown }[] };
    code = String(body.error ?? body.errors?.[0]?.code ?? '');
  } catch {
    // A body that is not JSON adds nothing to the status.
  }
  return new Error(`${what} failed: HTTP ${response.status}${code ? ` (${code})` : ''}`);
}

/**
 * An LWA access token for `scope` with the client credentials grant: a token call with these
 * credentials succeeds only while the client secret is valid.
 */
export async function grantlessAccessToken(
  credentials: ClientCredentials,
  scope: string,
  fetchFn: Fetch,
): Promise<string> {
  const response = await fetchFn(LWA_TOKEN_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope,
    }).toString(),
  });
  if (!response.ok) throw await failure('The LWA token request', response);
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new Error('The LWA token response holds no access_token');
  }
  return body.access_token;
}

/**
 * Asks the Application Management API for a new client secret. The call answers 204 with no
 * body: Amazon sends the new secret to the SQS queue registered for the
 * APPLICATION_OAUTH_CLIENT_NEW_SECRET notification, and the old secret stays valid for 7 days.
 */
export async function requestNewClientSecret(
  endpoint: string,
  accessToken: string,
  fetchFn: Fetch,
): Promise<void> {
  const response = await fetchFn(`${endpoint}${ROTATE_CLIENT_SECRET_PATH}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': accessToken, accept: 'application/json' },
  });
  if (response.status !== 204 && !response.ok) {
    throw await failure('rotateApplicationClientSecret', response);
  }
}

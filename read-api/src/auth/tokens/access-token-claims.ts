import * as v from 'valibot';

export const ACCESS_TOKEN_ROLES = ['owner', 'admin', 'auditor'] as const;
export type AccessTokenRole = (typeof ACCESS_TOKEN_ROLES)[number];

/** The JOSE `typ` of our access tokens (RFC 9068), so no other JWT we sign passes for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

const NumericDate = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Text = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** The claims of a verified access token, checked after the signature and the registered claims. */
export const AccessTokenClaimsSchema = v.object({
  iss: Text,
  aud: v.union([Text, v.array(Text)]),
  sub: Text,
  jti: v.pipe(v.string(), v.uuid()),
  iat: NumericDate,
  nbf: NumericDate,
  exp: NumericDate,
  role: v.picklist(ACCESS_TOKEN_ROLES),
  sid: Text,
});

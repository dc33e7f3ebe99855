import { LOCAL_JWT_SECRET } from "@wsis/gateway/auth/jwt-config";
import { SignJWT } from "jose";

/** A bearer token as the local issuer makes it (HS256, issuer wsis-hub-local, audience wsis-hub, 10 minutes). */
export function localToken(
  agency: string,
  scopes: string[],
  subject = `${agency.toLowerCase()}-editor`,
  secret = LOCAL_JWT_SECRET,
): Promise<string> {
  return new SignJWT({ agency, scope: scopes.join(" ") })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(subject)
    .setIssuer("wsis-hub-local")
    .setAudience("wsis-hub")
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(secret));
}

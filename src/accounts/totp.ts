import { Secret, TOTP } from 'otpauth';

/** RFC 6238 codes as authenticator apps (微信 mini programs, Google Authenticator, 1Password) make them. */
function totpFor(secret: string, username: string, issuer: string): TOTP {
  return new TOTP({ issuer, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans as a QR code. */
export function totpUri(secret: string, username: string, issuer: string): string {
  return totpFor(secret, username, issuer).toString();
}

/**
 * The time step (30-second period) of a valid code: the current one or the
 * ones either side, for phones whose clocks drift; undefined for a wrong code.
 * A code is worth one use: see useTotpCode.
 */
export function totpStep(secret: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpFor(secret, 'x', 'bendi');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now.getTime() }) + delta;
}

export function currentTotp(secret: string, now: Date): string {
  return totpFor(secret, 'x', 'bendi').generate({ timestamp: now.getTime() });
}

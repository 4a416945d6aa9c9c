import { createHash, randomBytes } from 'node:crypto';

// One-time survey tokens (docs/surveys.md, "Invitations"): 24 random bytes, base64url; only the
// SHA-256 is stored, so a database dump cannot answer for anyone.

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The instant a campaign's last day ends in Asia/Ho_Chi_Minh (UTC+7): tokens expire then. */
export function endOfDayInstant(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000+07:00`) + 86_400_000).toISOString();
}

/** The instant a day starts in Asia/Ho_Chi_Minh. */
export function startOfDayInstant(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000+07:00`)).toISOString();
}

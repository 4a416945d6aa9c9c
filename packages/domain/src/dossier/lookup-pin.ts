import { DomainInputError } from '../values';

/** Number of random bytes the server must supply per PIN. */
export const PIN_BYTES = 4;
const PIN_SPACE = 1_000_000;

/**
 * Formats a PIN number as six digits.
 * @example formatPin(42) // '000042'
 * @throws DomainInputError('pin.invalid') outside 0–999999
 */
export function formatPin(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= PIN_SPACE) throw new DomainInputError('pin.invalid', { value: n });
  return String(n).padStart(6, '0');
}

/**
 * The 6-digit lookup PIN printed on the receipt slip (docs/domain/dossiers.md#return-lookup-and-rating), from random bytes the server
 * draws from a cryptographic source (the domain has no randomness). The first four bytes are read as
 * an unsigned big-endian 32-bit number and reduced modulo 10^6 without rejection: the bias is at most
 * one extra hit in 4294 per value (2^32 mod 10^6 = 967296 values get 4295 preimages instead of 4294).
 * @example pinFromBytes(new Uint8Array([0, 0, 0, 42])) // '000042'
 * @example pinFromBytes(new Uint8Array([255, 255, 255, 255])) // '967295'
 * @throws DomainInputError('pin.bytes_too_short') with fewer than 4 bytes
 */
export function pinFromBytes(bytes: Uint8Array): string {
  if (bytes.length < PIN_BYTES) throw new DomainInputError('pin.bytes_too_short', { length: bytes.length });
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  return formatPin(n % PIN_SPACE);
}

/**
 * True for a 6-digit PIN string.
 * @example isPin('004217') // true
 */
export function isPin(s: string): boolean {
  return /^\d{6}$/.test(s);
}

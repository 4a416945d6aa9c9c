import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPin, isPin, pinFromBytes } from './lookup-pin';
import { DomainInputError } from '../values';

describe('lookup PIN', () => {
  it.each([
    [0, '000000'],
    [42, '000042'],
    [999_999, '999999'],
  ])('formats %i as %s', (n, pin) => expect(formatPin(n)).toBe(pin));

  it.each([-1, 1_000_000, 1.5])('rejects %s', (n) => expect(() => formatPin(n)).toThrow(DomainInputError));

  it.each([
    [[0, 0, 0, 42], '000042'],
    [[255, 255, 255, 255], '967295'],
    [[0, 15, 66, 64], '000000'], // 1 000 000
    [[0, 0, 0, 1, 99, 99], '000001'], // extra bytes are ignored
  ])('reads %j big-endian modulo 10^6 as %s', (bytes, pin) => expect(pinFromBytes(new Uint8Array(bytes))).toBe(pin));

  it('needs four bytes', () => expect(() => pinFromBytes(new Uint8Array([1, 2, 3]))).toThrow(DomainInputError));

  it('always yields six digits and is deterministic', () =>
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 8 }), (bytes) => {
        const pin = pinFromBytes(bytes);
        expect(isPin(pin)).toBe(true);
        expect(pinFromBytes(bytes)).toBe(pin);
      }),
    ));
});

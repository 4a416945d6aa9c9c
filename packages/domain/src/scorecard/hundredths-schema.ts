import { z } from 'zod';
import type { Hundredths } from '../values';

/**
 * An integer count of hundredths, typed as the `Hundredths` brand. A cast rather than a `.transform`: a transform
 * cannot be written as JSON Schema, so the API description (and the web client generated from it) would say
 * "unknown" where it means an integer.
 */
export function hundredthsSchema(min?: number): z.ZodType<Hundredths, number> {
  const integer = z.number().int();
  return (min === undefined ? integer : integer.min(min)) as unknown as z.ZodType<Hundredths, number>;
}

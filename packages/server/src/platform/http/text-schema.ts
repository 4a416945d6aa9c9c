import { z } from 'zod';

/**
 * Optional free text of a request body (a note, a comment, a phone number): trimmed, at most `max` characters,
 * and '' or a missing value read as null. One definition for every module's schemas.
 */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

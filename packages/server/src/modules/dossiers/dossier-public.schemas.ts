import { DOSSIER_STATUSES, RESULT_KINDS } from '@cchc/domain';
import { z } from 'zod';
import { ApplicantFields, organisationRule } from './dossier.schemas';
import { optionalText } from '../../platform/http/text-schema';

// Request and response shapes of the citizen's endpoints (issue #4 "Public lookup and rating"): no
// login, nothing personal in any response.

const Status = z.enum(DOSSIER_STATUSES);

export const PublicCodeParams = z.object({ code: z.string().trim().min(1).max(100) });
/** The PIN printed on the receipt slip. Any malformed value is simply a wrong PIN (same 404). */
export const PinQuery = z.object({ pin: z.string().max(100).default('') });

export const PublicDossierView = z.object({
  code: z.string(),
  status: Status,
  nationalStatusCode: z.number().int(),
  procedureName: z.string(),
  submittedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  dueDate: z.iso.date().nullable(),
  dueAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  /** Components the open supplement request (or request to complete the filing) asks for; [] when none is open. */
  missing: z.array(z.string()),
  /**
   * The desk's request to complete an online filing before receipt, while it waits for the filer: the officer's
   * note and every component to upload again (POST /api/public/dossiers/:code/completion); null otherwise.
   */
  completion: z.object({ requestedAt: z.string(), reason: z.string(), items: z.array(z.string()) }).nullable(),
  /**
   * Status changes and steps, oldest first. `action` is the domain's action code and `status` the
   * status after it (the site translates both); `name` is the procedure step a hand-over completed
   * (published with the procedure); `note` only carries a supplement (or completion) request's reason.
   */
  timeline: z.array(z.object({ at: z.string(), action: z.string(), status: Status, name: z.string().optional(), note: z.string().optional() })),
  canRate: z.boolean(),
  /**
   * The recorded result (issue #13): kind, number and date only. `downloadable` when it is an
   * electronic result of a procedure that issues them: the file is then served to the same code and
   * PIN (GET /api/public/dossiers/:code/result-file), never by a file id.
   */
  result: z.object({ kind: z.enum(RESULT_KINDS), number: z.string(), date: z.iso.date(), electronic: z.boolean(), downloadable: z.boolean() }).nullable(),
});
export type PublicDossierView = z.infer<typeof PublicDossierView>;

/**
 * Applicant of an online filing: name, personal identification number and phone are required; an organisation
 * also gives its tax code and representative (the identification number is then the representative's).
 */
export const PublicApplicantInput = ApplicantFields.extend({
  idNumber: z
    .string()
    .trim()
    .refine((v) => /^\d{12}$/.test(v), { message: 'dossier.id_number_invalid' }),
  phone: z
    .string()
    .trim()
    .refine((v) => /^[0-9+()\s.-]{6,30}$/.test(v), { message: 'dossier.phone_invalid' }),
}).superRefine(organisationRule);

/** An uploaded file's reference, as returned by POST /api/public/uploads. */
const FileId = z.string().min(1).max(1000);

export const PublicSubmitBody = z.object({
  procedureId: z.string().min(1).max(100),
  applicant: PublicApplicantInput,
  note: optionalText(2000),
  components: z
    .array(z.object({ name: z.string().trim().min(1).max(1000), fileId: FileId.nullish() }))
    .max(30)
    .default([]),
});
export type PublicSubmitInput = z.output<typeof PublicSubmitBody>;

/** The filer's completion of a filing sent back before receipt: one uploaded file per requested component. */
export const PublicCompletionBody = z.object({
  components: z
    .array(z.object({ name: z.string().trim().min(1).max(1000), fileId: FileId }))
    .min(1)
    .max(50),
  note: optionalText(2000),
});
export type PublicCompletionInput = z.output<typeof PublicCompletionBody>;

export const PublicCompleted = z.object({ code: z.string(), status: Status });

export const PublicSubmitted = z.object({ code: z.string(), lookupPin: z.string(), status: Status });

export const PublicUploaded = z.object({ fileId: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() });

export const RATING_CRITERIA = ['overall', 'ease', 'timeliness', 'attitude', 'contacts', 'publicity'] as const;
const Score = z.number().int().min(1).max(5);

/**
 * Satisfaction on the five-level scale (docs/domain/surveys.md#per-dossier-rating-and-option-weights): 5 very satisfied … 1 very unsatisfied.
 * `contacts` is a count, not a satisfaction: the number of contacts needed, 5 meaning five or more (docs/surveys.md).
 * `overall` is required; the site asks every criterion, a kiosk may ask fewer.
 */
export const RatingBody = z.object({
  answers: z.strictObject({
    overall: Score,
    ease: Score.optional(),
    timeliness: Score.optional(),
    attitude: Score.optional(),
    contacts: Score.optional(),
    publicity: Score.optional(),
  }),
  comment: optionalText(2000),
});
export type RatingInput = z.output<typeof RatingBody>;

export const RatingCreated = z.object({ code: z.string(), overall: z.number().int(), createdAt: z.string() });

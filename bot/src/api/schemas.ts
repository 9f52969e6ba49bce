// Request schemas shared by the routes; limits come from the domain.
import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import {
  COMMITMENT_STATUSES,
  GOAL_STATUSES,
  NOTE_VISIBILITIES,
  PAIR_ROLES,
  TAKEAWAY_VISIBILITIES,
} from '../domain/model';

// Cosmos DB ids may not contain / \ ? #; ours are narrower still.
export const id = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const isoDate = z.iso.date();
// Bounded so that every stored time is a valid RFC 3339 UTC time that sorts as a string.
export const isoDateTimeWithOffset = z.iso.datetime({ offset: true, local: false }).refine((v) => {
  const t = Date.parse(v);
  return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(9999, 0, 1);
}, 'must be between the years 2000 and 9998');
export const list = z.array(text(LIMITS.listItemLength)).max(LIMITS.listItems);
export const pairRole = z.enum(PAIR_ROLES);
export const noteVisibility = z.enum(NOTE_VISIBILITIES);
export const takeawayVisibility = z.enum(TAKEAWAY_VISIBILITIES);
export const goalStatus = z.enum(GOAL_STATUSES);
export const commitmentStatus = z.enum(COMMITMENT_STATUSES);
export const progress = z.number().int().min(0).max(100);
/** Teams meeting ids are opaque base64-like strings. */
export const meetingId = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9+/=_:.@-]+$/, 'not a Teams meeting id');

/** A comma-separated list of ids in a query string (at most 200). */
export const idList = z
  .string()
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(z.array(id).min(1).max(200))
  .describe('User ids, comma-separated (at most 200)');

export const pairParams = z.object({ pairId: id });
export const programParams = z.object({ programId: id });
export const sessionParams = z.object({ pairId: id, sessionId: id });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

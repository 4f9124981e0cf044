import { z } from 'zod'

/**
 * The text a review prepared (R7.7), stored encrypted until "Senden". Its own module so that readers of the stored
 * payload (the data export, R10.1) need not load the pipeline, which brings the AI SDKs and the pseudonymiser.
 */
export const reviewPayloadSchema = z.object({
  text: z.string(),
  placeholders: z.number().int().nonnegative(),
  suspects: z.array(
    z.object({
      value: z.string(),
      start: z.number(),
      end: z.number(),
      score: z.number(),
      reason: z.string(),
    }),
  ),
})
export type ReviewPayload = z.infer<typeof reviewPayloadSchema>

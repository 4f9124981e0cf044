import { z } from 'zod'

/**
 * Money in Swiss francs, shared by bookings and payments: amounts are whole Rappen (the smallest unit) in code and
 * in the database; forms show and take francs.
 */

/** A price as typed ("150", "150.50", "150,5") → Rappen; the messages are error codes (bookings.*). */
export const chfSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}([.,]\d{1,2})?$/, { error: 'bookings.priceFormat' })
  .transform((v) => Math.round(Number(v.replace(',', '.')) * 100))
  .refine((rappen) => rappen > 0, { error: 'bookings.pricePositive' })

/** Rappen → "CHF 150.00" (Swiss format). */
export function formatChf(rappen: number): string {
  return new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'CHF' }).format(rappen / 100)
}

/** Rappen → the plain amount a form field shows ("150.00"). */
export function rappenToInput(rappen: number): string {
  return (rappen / 100).toFixed(2)
}

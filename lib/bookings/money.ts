/** Rappen → "CHF 150.00" (Swiss format). */
export function formatChf(rappen: number): string {
  return new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'CHF' }).format(rappen / 100)
}

/** Rappen → the plain amount a form field shows ("150.00"). */
export function rappenToInput(rappen: number): string {
  return (rappen / 100).toFixed(2)
}

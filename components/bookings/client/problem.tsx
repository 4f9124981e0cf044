import Link from 'next/link'
import { Alert } from '@/components/ui/alert'

/** A request that cannot be shown as asked (a forged or outdated link): say why, and where to go on. */
export function Problem({
  message,
  backHref,
  backLabel,
}: {
  message: string
  backHref: string
  backLabel: string
}) {
  return (
    <div className="space-y-4">
      <Alert tone="error">{message}</Alert>
      <Link href={backHref} className="inline-block text-brand-700 underline">
        {backLabel}
      </Link>
    </div>
  )
}

import { Alert } from '@/components/ui/alert'
import { BackLink } from '@/components/ui/back-link'

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
      <BackLink href={backHref}>{backLabel}</BackLink>
    </div>
  )
}

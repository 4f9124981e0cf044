import Link from 'next/link'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/**
 * "Zurück zu …": a block-level link (an inline link ignores the margin its container's space-y gives it, and
 * touched the box below), as tall as a touch target.
 */
export function BackLink({ className, ...props }: ComponentProps<typeof Link>) {
  return (
    <Link
      className={cn('flex min-h-10 w-fit items-center text-brand-700 underline', className)}
      data-testid="back-link"
      {...props}
    />
  )
}

'use client'

import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'

import type { FormState } from '@/lib/bookings/offering-actions'

const idle: FormState = { status: 'idle' }

/**
 * Pause or activate something in a list (an offer, a plan): one button whose accessible name says which row,
 * posting `id` and the new `active` ('1' or '0') to `action`; an error shows under it.
 */
export function ActiveToggle({
  id,
  active,
  name,
  action,
  labels,
}: {
  id: string
  active: boolean
  name: string
  action: (prev: FormState, form: FormData) => Promise<FormState>
  labels: { activate: string; deactivate: string }
}) {
  const [state, formAction, pending] = useActionState(action, idle)
  const label = active ? labels.deactivate : labels.activate
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? '0' : '1'} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`${name}: ${label}`}>
        {label}
      </Button>
      {state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}

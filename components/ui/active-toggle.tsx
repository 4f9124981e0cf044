'use client'

import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle, type ServerAction } from '@/lib/http/action-state'

/**
 * Pause or activate something in a list (an offer, a plan): one button whose accessible name says which row,
 * posting `id` and the new `active` ('1' or '0') to `action`; an error shows under it.
 */
export function ActiveToggle<T>({
  id,
  active,
  name,
  action,
  labels,
}: {
  id: string
  active: boolean
  name: string
  action: ServerAction<T>
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
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}

import { NextIntlClientProvider } from 'next-intl'
import { getMessages } from 'next-intl/server'
import type { ReactNode } from 'react'
import { type ClientArea, clientMessages } from '@/lib/i18n/client-messages'

/**
 * Gives the client components below only the messages of their area; the rest of the catalogue (errors, other
 * areas) is never serialised into the page. A nested provider replaces the outer one, so an area lists all it needs.
 */
export async function ClientMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>
  return <NextIntlClientProvider messages={clientMessages(messages, area)}>{children}</NextIntlClientProvider>
}

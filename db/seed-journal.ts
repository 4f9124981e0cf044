import type { Actor } from '@/lib/auth/types'
import { createEntry, createPrompt, setEntrySharing } from '@/lib/journal/service'
import type { Db } from './types'

const seedMeta = { ip: null, userAgent: 'mialma-seed' }

/** A few entries per demo client, written through the service (so they are encrypted like real ones). */
export async function seedDemoJournal(db: Db, client: Actor, coach: Actor): Promise<void> {
  const first = client.email.startsWith('klientin')
  const entries = first
    ? [
        {
          kind: 'journal' as const,
          title: 'Ein ruhiger Sonntag',
          body: 'Heute war ich am See spazieren. Zum ersten Mal seit Wochen hatte ich das Gefühl, durchatmen zu können.',
          mood: 4,
          tags: ['erholung', 'natur'],
          share: true,
        },
        {
          kind: 'note' as const,
          title: 'Fragen für die nächste Sitzung',
          body: 'Wie kann ich im Team klarer sagen, was ich brauche?',
          mood: null,
          tags: ['arbeit'],
          share: false,
        },
        {
          kind: 'reflection' as const,
          title: null,
          body: 'Mir fällt auf, dass ich abends oft grüble. Vielleicht hilft es, den Tag kurz aufzuschreiben.',
          mood: 3,
          tags: ['schlaf'],
          share: false,
        },
      ]
    : [
        {
          kind: 'journal' as const,
          title: 'Neuer Anfang',
          body: 'Erste Woche mit dem neuen Wochenplan. Anstrengend, aber gut.',
          mood: 3,
          tags: ['arbeit'],
          share: false,
        },
      ]
  for (const e of entries) {
    const { id } = await createEntry(db, client, { ...e, promptId: null })
    if (e.share) await setEntrySharing(db, client, id, true, seedMeta)
  }
  await createPrompt(db, coach, {
    clientId: client.userId,
    text: first
      ? 'Was hat dir diese Woche Kraft gegeben?'
      : 'Welche kleine Veränderung möchtest du bis zur nächsten Sitzung ausprobieren?',
  })
}

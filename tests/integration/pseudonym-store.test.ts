import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pseudonymMappings, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { KeyShreddedError, shredUserKey } from '@/lib/crypto'
import { loadMapping, pseudonymizeForClient, reidentifyForClient } from '@/lib/privacy/store'
import { createTestDb } from '../helpers/db'
import { createUser, rejection } from '../helpers/fixtures'

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

async function clientWithCoach() {
  const coach = await createUser(handle.db, { role: 'coach', name: 'Corinne Gerber' })
  const client = await createUser(handle.db, {
    name: 'Martina Zwahlen',
    phone: '+41 79 412 83 56',
    coachId: coach.id,
  })
  return { coach, client }
}

describe('R7.2 the stored pseudonym mapping', () => {
  it('knows the client and coach from the database, and the mapping is stored encrypted with the client key', async () => {
    const { client } = await clientWithCoach()
    const out = await pseudonymizeForClient(
      handle.db,
      client.id,
      'Martina hat mit Frau Gerber über ihre Schwester Drita gesprochen. Ruf 079 412 83 56 an.',
    )
    expect(out.text).not.toMatch(/Martina|Gerber|Drita|412 83 56/)
    expect(out.placeholders).toBeGreaterThanOrEqual(4)

    const [row] = await handle.db
      .select()
      .from(pseudonymMappings)
      .where(eq(pseudonymMappings.clientId, client.id))
    expect(row!.mappingEnc.startsWith('enc1.')).toBe(true)
    for (const original of ['Martina', 'Gerber', 'Drita', '412'])
      expect(row!.mappingEnc).not.toContain(original)
    const mapping = await loadMapping(handle.db, client.id)
    expect(mapping.entries.map((e) => e.value)).toEqual(expect.arrayContaining(['Drita']))
  })

  it('keeps placeholders across texts of one client, and re-identifies for the coach view', async () => {
    const { client } = await clientWithCoach()
    const first = await pseudonymizeForClient(handle.db, client.id, 'Meine Schwester Drita wohnt in Prizren.')
    const second = await pseudonymizeForClient(handle.db, client.id, 'Drita kommt aus Prizren zu Besuch.')
    const token = /\[PERSON_\d+\]/.exec(first.text)![0]
    expect(second.text).toContain(token)
    expect(second.text).toContain(/\[ORT_\d+\]/.exec(first.text)![0])
    const back = await reidentifyForClient(handle.db, client.id, `Zusammenfassung: ${token} besucht [ORT_1].`)
    expect(back).toEqual({ text: 'Zusammenfassung: Drita besucht Prizren.', restored: 2, unknown: 0 })
  })

  it('two clients have separate mappings: one client’s originals never re-identify another’s text', async () => {
    const a = await clientWithCoach()
    const b = await clientWithCoach()
    await pseudonymizeForClient(handle.db, a.client.id, 'Mein Bruder Valon kommt.')
    const back = await reidentifyForClient(handle.db, b.client.id, 'Mein Bruder [PERSON_3] kommt.')
    expect(back.text).not.toContain('Valon')
  })

  it('is unreadable once the client key is shredded, and deleted with the client', async () => {
    const { client } = await clientWithCoach()
    await pseudonymizeForClient(handle.db, client.id, 'Meine Freundin Selina hilft.')
    await shredUserKey(handle.db, client.id)
    expect(await rejection(loadMapping(handle.db, client.id))).toBeInstanceOf(KeyShreddedError)

    await handle.db.delete(users).where(eq(users.id, client.id))
    const rows = await handle.db
      .select()
      .from(pseudonymMappings)
      .where(eq(pseudonymMappings.clientId, client.id))
    expect(rows).toHaveLength(0)
  })
})

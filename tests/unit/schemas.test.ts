import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { profileSchema } from '@/lib/account/schemas'
import { signInSchema } from '@/lib/auth/local-sessions'
import { issueText } from '../helpers/error-text'

function firstMessage(result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) {
  expect(result.success).toBe(false)
  return result.error!.issues[0]!
}

describe('R1.2 R14.1 signInSchema', () => {
  it('R1.2 trims and lower-cases the e-mail address', () => {
    expect(signInSchema.parse({ email: '  Coach@MiAlma.TEST ', password: 'x' })).toEqual({
      email: 'coach@mialma.test',
      password: 'x',
    })
  })

  it.each(['', 'not-an-email', 'lea@', '@mialma.test', 'lea meier@mialma.test'])(
    'R14.1 rejects malformed e-mail %j with a German message',
    (email) => {
      const issue = firstMessage(signInSchema.safeParse({ email, password: 'demo-passwort' }))
      expect(issue.path).toEqual(['email'])
      expect(issueText(issue)).toBe('Bitte eine gültige E-Mail-Adresse eingeben.')
    },
  )

  it('R14.1 rejects an empty password with a German message and an over-long one', () => {
    const issue = firstMessage(signInSchema.safeParse({ email: 'lea@mialma.test', password: '' }))
    expect(issueText(issue)).toBe('Bitte das Passwort eingeben.')
    expect(signInSchema.safeParse({ email: 'lea@mialma.test', password: 'x'.repeat(201) }).success).toBe(
      false,
    )
  })
})

describe('R1.3 R14.1 profileSchema', () => {
  const valid = { name: ' Lea Meier ', phone: '+41 79 123 45 67', locale: 'de', timeZone: 'Europe/Zurich' }

  it('R1.3 accepts a valid profile, trims the name, empty phone becomes null', () => {
    expect(profileSchema.parse(valid)).toEqual({ ...valid, name: 'Lea Meier' })
    expect(profileSchema.parse({ ...valid, phone: '  ' }).phone).toBeNull()
    expect(profileSchema.parse({ ...valid, timeZone: 'UTC', locale: 'en' })).toMatchObject({
      timeZone: 'UTC',
    })
    expect(profileSchema.parse({ ...valid, timeZone: 'America/New_York' }).timeZone).toBe('America/New_York')
  })

  it.each([
    ['empty name', { name: '   ' }, 'name', 'Bitte gib deinen Namen an.'],
    ['over-long name', { name: 'x'.repeat(121) }, 'name', 'Der Name ist zu lang (höchstens 120 Zeichen).'],
    [
      'letters as phone',
      { phone: 'abc' },
      'phone',
      'Bitte eine gültige Telefonnummer angeben, z. B. +41 79 123 45 67.',
    ],
    [
      'too short phone',
      { phone: '+41' },
      'phone',
      'Bitte eine gültige Telefonnummer angeben, z. B. +41 79 123 45 67.',
    ],
    ['over-long phone', { phone: '1'.repeat(41) }, 'phone', 'Die Telefonnummer ist zu lang.'],
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'Unbekannte Zeitzone.'],
    ['unsupported locale', { locale: 'fr' }, 'locale', 'Bitte Deutsch oder Englisch wählen.'],
  ])('R14.1 rejects %s with a German message', (_label, patch, field, message) => {
    const issue = firstMessage(profileSchema.safeParse({ ...valid, ...patch }))
    expect(issue.path).toEqual([field])
    expect(issueText(issue)).toBe(message)
    expect(issueText(issue)).not.toContain('ß')
  })
})

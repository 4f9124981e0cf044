import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { practice } from '@/lib/config/practice'
import { env } from '@/lib/env'

describe('R15.2 the practice shown in the footer and the Impressum comes from configuration', () => {
  it('defaults to the practice named in the privacy policy, the address split into lines', () => {
    expect(practice()).toEqual({
      name: env.PRACTICE_NAME,
      address: env.PRACTICE_ADDRESS.split(',').map((l) => l.trim()),
      email: env.PRACTICE_EMAIL,
      phone: env.PRACTICE_PHONE ?? null,
      uid: env.PRACTICE_UID ?? null,
    })
    expect(env.PRACTICE_EMAIL).toBe('info@mialma.ch')
    expect(practice().address).toEqual(['Gertwies 27', '8500 Frauenfeld', 'Schweiz'])
  })

  it('every PRACTICE_ variable is documented in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8')
    for (const name of Object.keys(env).filter((k) => k.startsWith('PRACTICE_')))
      expect(example, name).toContain(`# ${name}=`)
    // (Object.keys of the validated env lists only variables with a value; name the optional ones too.)
    for (const name of ['PRACTICE_PHONE', 'PRACTICE_UID']) expect(example).toContain(`# ${name}=`)
  })
})

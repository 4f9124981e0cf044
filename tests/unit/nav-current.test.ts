import { describe, expect, it } from 'vitest'
import { isCurrent } from '@/components/shell/nav-current'

const settings = { href: '/settings/profile', label: 'Einstellungen', section: '/settings' }
const journal = { href: '/journal', label: 'Tagebuch' }
const overview = { href: '/coach', label: 'Übersicht' }
const clients = { href: '/coach/clients', label: 'Klientinnen' }

describe('R15.2 the main navigation marks the current section (aria-current)', () => {
  it('"Einstellungen" is current on every settings page, not only on the profile', () => {
    for (const path of ['/settings', '/settings/profile', '/settings/privacy', '/settings/data'])
      expect(isCurrent(settings, path), path).toBe(true)
    expect(isCurrent(settings, '/settingsx')).toBe(false)
    expect(isCurrent(settings, '/journal')).toBe(false)
  })

  it('an item is current on its page and below it', () => {
    expect(isCurrent(journal, '/journal')).toBe(true)
    expect(isCurrent(journal, '/journal/abc/edit')).toBe(true)
    expect(isCurrent(journal, '/journalx')).toBe(false)
    expect(isCurrent(clients, '/coach/clients/abc')).toBe(true)
  })

  it("the coach's overview is current on /coach only, not on every coach page", () => {
    expect(isCurrent(overview, '/coach')).toBe(true)
    expect(isCurrent(overview, '/coach/clients')).toBe(false)
  })
})

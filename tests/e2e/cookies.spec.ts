import { type BrowserContext, expect, test } from '@playwright/test'
import { expectAccessible, signInThroughForm, signOut } from './helpers'

/** R15.1: the only cookies are the local session (lib/auth/local.ts) and the language (lib/i18n/locale.ts). */
const SESSION = 'mialma_session'
const LANGUAGE = 'NEXT_LOCALE'

test('R15.1 public pages, a client and a coach set only the session and the language cookie, with safe flags', async ({
  context,
  page,
}) => {
  const seen = new Set<string>()
  const record = async (ctx: BrowserContext, where: string) => {
    const names = (await ctx.cookies()).map((c) => c.name)
    for (const name of names) seen.add(name)
    expect(
      names.filter((n) => n !== SESSION && n !== LANGUAGE),
      `cookies after ${where}`,
    ).toEqual([])
  }

  // Public pages: no cookie at all before anyone signs in.
  for (const path of ['/', '/sign-in', '/datenschutz']) {
    await page.goto(path)
    await expectAccessible(page)
  }
  expect(await context.cookies()).toEqual([])

  await signInThroughForm(page, 'klient@mialma.test')
  await record(context, 'the client signed in')
  for (const path of ['/journal', '/bookings', '/settings/privacy']) {
    await page.goto(path)
    await record(context, path)
  }
  await signOut(page)
  await record(context, 'signing out')
  expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION)

  await signInThroughForm(page, 'coach@mialma.test')
  for (const path of ['/coach', '/coach/clients', '/coach/sessions']) {
    await page.goto(path)
    await record(context, path)
  }

  // The exact set, and their flags (Secure is not required on http://127.0.0.1).
  const cookies = await context.cookies()
  expect(cookies.map((c) => c.name).sort()).toEqual([LANGUAGE, SESSION].sort())
  expect([...seen].sort()).toEqual([LANGUAGE, SESSION].sort())
  const session = cookies.find((c) => c.name === SESSION)!
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  // A session cookie with an end: not kept forever.
  expect(session.expires).toBeGreaterThan(Date.now() / 1000)
  const language = cookies.find((c) => c.name === LANGUAGE)!
  expect(language).toMatchObject({ sameSite: 'Lax', path: '/', value: 'de' })
  expect(language.expires).toBeLessThanOrEqual(Date.now() / 1000 + 366 * 86_400)
})

import { expect, test } from '@playwright/test'
import { expectAccessible } from './helpers'

/**
 * The check every journey relies on for R15.2 (tests/e2e/helpers.ts): it still finds a violation on a page without
 * frames (axe run in the page) and on one with a frame (AxeBuilder), and a state it passed once is not a free pass
 * for a different one. No app server needed: the pages are set directly.
 */
const BROKEN =
  '<main><h1>Test</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main>'
const FINE = '<main><h1>Test</h1><p>Alles gut.</p><button>Senden</button></main>'
const page = (body: string) =>
  `<!doctype html><html lang="de"><head><title>Test</title></head><body>${body}</body></html>`

test('R15.2 the accessibility check finds violations with and without frames, and after a passing state', async ({
  page: tab,
}) => {
  await tab.setContent(page(FINE))
  await expectAccessible(tab)
  // The same document, now broken: the passing state above must not hide it.
  await tab.evaluate((html) => (document.body.innerHTML = html), BROKEN)
  await expect(expectAccessible(tab)).rejects.toThrow(/image-alt|button-name/)

  await tab.setContent(page(`${BROKEN}<iframe title="Rahmen" srcdoc="<p>Rahmen</p>"></iframe>`))
  expect(tab.frames().length).toBeGreaterThan(1)
  await expect(expectAccessible(tab)).rejects.toThrow(/image-alt|button-name/)
})

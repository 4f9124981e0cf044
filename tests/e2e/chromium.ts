import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

/**
 * Debian's Chromium for every Playwright config (journeys, providers, dev): Playwright cannot download browsers
 * here, so a missing one is explained instead of failing obscurely. CHROMIUM_PATH moves it.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium fehlt unter ${executablePath}: "apt-get install -y chromium" oder CHROMIUM_PATH setzen.`,
    )
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  }
}

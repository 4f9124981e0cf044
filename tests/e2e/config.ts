import { existsSync } from 'node:fs'
import type { LaunchOptions, PlaywrightTestConfig } from '@playwright/test'

/**
 * What the Playwright configs (journeys, providers, dev) share: the browser and the servers they start.
 *
 * Debian's Chromium for every Playwright config (journeys, providers, dev): Playwright cannot download browsers
 * here, so a missing one is explained instead of failing obscurely. CHROMIUM_PATH moves it.
 *
 * Its headless shell (package chromium-headless-shell) first, as Playwright itself runs headless tests: the full
 * browser behind /usr/bin/chromium (a wrapper adding Debian's flags) burnt ~40 % more CPU for the same journeys, and
 * the browser was ~75 % of the e2e stage's CPU (docs/benchmarks.md, "The e2e stage"). A headed run (`--headed`,
 * `--debug`) needs the full browser: CHROMIUM_PATH=/usr/bin/chromium.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell'
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium')
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium fehlt unter ${executablePath}: "apt-get install -y chromium chromium-headless-shell" oder CHROMIUM_PATH setzen.`,
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

type WebServer = Exclude<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>

/** A fake provider (tests/fakes/<script>) as its own process, ready once `readyPath` answers. */
export function fakeServer(script: string, port: number, env: Record<string, string>): WebServer {
  return {
    command: `node_modules/.bin/tsx tests/fakes/${script}`,
    url: `http://127.0.0.1:${port}/__fake/requests`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env,
  }
}

/** The built app on a throwaway embedded database (`launch.ts start --fresh`), ready once /sign-in answers. */
export function appServer(port: number, env: Record<string, string>): WebServer {
  return {
    command: `node_modules/.bin/tsx --conditions=react-server lib/dev/launch.ts start --fresh --port ${port}`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      APP_URL: `http://127.0.0.1:${port}`,
      MI_ALMA_LOCAL_AUTH: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  }
}

/**
 * Which message namespaces the client components of an area use (`useTranslations(...)` in `'use client'`
 * files). Only these are serialised into the page; everything else stays on the server. A namespace missing here
 * shows as a missing-message key in the browser, and tests/unit/client-messages.test.ts finds it first.
 */
export const clientNamespaces = {
  /** Under every page: the error boundary (app/error.tsx). */
  root: ['error'],
  signIn: ['signIn'],
  journalClient: ['journal'],
  bookingsClient: ['clientBookings', 'payments.current', 'payments.offers', 'payments.portal'],
  questionnairesClient: ['questionnaires.client'],
  coach: [
    'journal.coach',
    'sessions.detail',
    'sessions.upload',
    'sessions.share',
    'sessions.progress',
    'ai',
    'plans',
    'schedule',
    'clientBookings.cancel',
    'questionnaires.coach',
    'questionnaires.kinds',
    'data.coachDeletion',
  ],
  settings: [
    'profile',
    'common.languageDe',
    'common.languageEn',
    'common.saving',
    'common.save',
    'data',
    'privacy',
  ],
  video: ['video.consent', 'video.transcription', 'video.recording', 'video.call'],
  dev: [
    'data.devAccounts',
    'payments.current',
    'payments.offers',
    'payments.portal',
    'clientBookings.testPayment',
  ],
} as const satisfies Record<string, readonly string[]>

export type ClientArea = keyof typeof clientNamespaces

type Messages = Record<string, unknown>

/** The sub-tree of `messages` at each dotted path (e.g. `sessions.detail`), nested as in the catalogue. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {}
  for (const namespace of namespaces) {
    const path = namespace.split('.')
    let source: unknown = messages
    for (const part of path) source = (source as Messages | undefined)?.[part]
    if (source === undefined) continue
    let target = picked
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Messages
    target[path.at(-1)!] = source
  }
  return picked
}

const pickedByCatalogue = new WeakMap<Messages, Map<ClientArea, Messages>>()

/** Picked once per catalogue (the catalogue is built once per language) and area. */
export function clientMessages(messages: Messages, area: ClientArea): Messages {
  let byArea = pickedByCatalogue.get(messages)
  if (!byArea) {
    byArea = new Map()
    pickedByCatalogue.set(messages, byArea)
  }
  let picked = byArea.get(area)
  if (!picked) {
    picked = pickMessages(messages, clientNamespaces[area])
    byArea.set(area, picked)
  }
  return picked
}

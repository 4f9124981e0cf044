/**
 * Who receives the pseudonymised text (R7.2, R9.1): named in the consent text C3 and in every transmission record.
 * Pure data, no SDK: the consent texts and the pages read it too. `lib/integrations/ai/index.ts` derives the
 * configured one from the environment.
 */

/** Countries a practice may name for its AI server: Switzerland and the EU/EEA (adequate data protection). */
export const RECIPIENT_COUNTRIES = {
  CH: { de: 'Schweiz', en: 'Switzerland' },
  LI: { de: 'Liechtenstein, EWR', en: 'Liechtenstein, EEA' },
  IS: { de: 'Island, EWR', en: 'Iceland, EEA' },
  NO: { de: 'Norwegen, EWR', en: 'Norway, EEA' },
  AT: { de: 'Österreich, EU', en: 'Austria, EU' },
  BE: { de: 'Belgien, EU', en: 'Belgium, EU' },
  BG: { de: 'Bulgarien, EU', en: 'Bulgaria, EU' },
  CY: { de: 'Zypern, EU', en: 'Cyprus, EU' },
  CZ: { de: 'Tschechien, EU', en: 'Czechia, EU' },
  DE: { de: 'Deutschland, EU', en: 'Germany, EU' },
  DK: { de: 'Dänemark, EU', en: 'Denmark, EU' },
  EE: { de: 'Estland, EU', en: 'Estonia, EU' },
  ES: { de: 'Spanien, EU', en: 'Spain, EU' },
  FI: { de: 'Finnland, EU', en: 'Finland, EU' },
  FR: { de: 'Frankreich, EU', en: 'France, EU' },
  GR: { de: 'Griechenland, EU', en: 'Greece, EU' },
  HR: { de: 'Kroatien, EU', en: 'Croatia, EU' },
  HU: { de: 'Ungarn, EU', en: 'Hungary, EU' },
  IE: { de: 'Irland, EU', en: 'Ireland, EU' },
  IT: { de: 'Italien, EU', en: 'Italy, EU' },
  LT: { de: 'Litauen, EU', en: 'Lithuania, EU' },
  LU: { de: 'Luxemburg, EU', en: 'Luxembourg, EU' },
  LV: { de: 'Lettland, EU', en: 'Latvia, EU' },
  MT: { de: 'Malta, EU', en: 'Malta, EU' },
  NL: { de: 'Niederlande, EU', en: 'Netherlands, EU' },
  PL: { de: 'Polen, EU', en: 'Poland, EU' },
  PT: { de: 'Portugal, EU', en: 'Portugal, EU' },
  RO: { de: 'Rumänien, EU', en: 'Romania, EU' },
  SE: { de: 'Schweden, EU', en: 'Sweden, EU' },
  SI: { de: 'Slowenien, EU', en: 'Slovenia, EU' },
  SK: { de: 'Slowakei, EU', en: 'Slovakia, EU' },
} as const satisfies Record<string, { de: string; en: string }>

export type RecipientCountry = keyof typeof RECIPIENT_COUNTRIES
export const recipientCountryCodes = Object.keys(RECIPIENT_COUNTRIES) as [
  RecipientCountry,
  ...RecipientCountry[],
]

export type AiRecipient = {
  /** Legal or common name, as the client reads it (e.g. "Mistral AI SAS", "Praxis Muster GmbH"). */
  name: string
  /** Shorter form for titles and labels (e.g. "Mistral AI"); the name when there is none. */
  shortName: string
  country: RecipientCountry
  /** `own`: a server on the practice's own infrastructure; `external`: another company processes the text. */
  hosting: 'own' | 'external'
  /**
   * What the recipient contractually does with the text, when we know it (Mistral's on-demand processing without
   * storage); otherwise the consent text promises nothing about it.
   */
  processing?: { de: string; en: string }
}

/** Mistral's EU API (api.mistral.ai), the default provider. */
export const MISTRAL_EU_RECIPIENT: AiRecipient = {
  name: 'Mistral AI SAS',
  shortName: 'Mistral AI',
  country: 'FR',
  hosting: 'external',
  processing: {
    de: 'Mistral AI verarbeitet ihn auf Anfrage und speichert nichts.',
    en: 'Mistral AI processes it on demand and stores nothing.',
  },
}

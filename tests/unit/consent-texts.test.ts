import { describe, expect, it } from 'vitest'
import {
  consentTexts,
  consentTextsFor,
  consentTextSha256,
  recordingConsentText,
  serialiseConsentText,
  transcriptionConsentText,
} from '@/lib/consent/texts'
import { type AiRecipient, MISTRAL_EU_RECIPIENT } from '@/lib/integrations/ai/recipient'

/**
 * R9.2: the ledger proves which text was shown by version + SHA-256. A text edited without a new version
 * would make old proof point at words nobody saw — so each version's hashes are pinned here. Changing a
 * text: give it a new version and add its hashes below (keep the old ones in git history).
 * The AI texts are rendered for the configured recipient (none in tests: Mistral AI). 2026-12-07 made them
 * recipient-dependent; for Mistral AI its words — and so its hashes — are those of 2026-11-22, on purpose:
 * grants given to Mistral AI stay in force.
 */
const pinned: Record<string, { version: string; de: string; en: string }> = {
  ai_transcripts: {
    version: '2026-12-07',
    de: 'd01182dbd26da5acff43467af1d29ff58fb00de3797c96d732b8cf3d2119fd96',
    en: 'ebb425860e6df112f2fc2ba8b9e18563d341735f7edf87a4728e1b1cc3e36a57',
  },
  ai_questionnaires: {
    version: '2026-12-07',
    de: '8009ba3e15152658fe932b1fd8e326e56dce13d00e66f264c1b3f6cbe13cdb7c',
    en: '0990c470f41465e265f3636f2a6f6a34bb96c307630e2ef144a86730de4ecec1',
  },
  ai_external_provider: {
    version: '2026-12-07',
    de: 'f174b503085032ad35db711fb25a1573bac05dd8a21fbc3a0e746f16cff41353',
    en: '79aaf6c633b0de949401ea695a017e45cffb1bb34e2c1bc3d69b7f19e259d1df',
  },
  // 2026-11-22 (a81cfd0d…, ec87de1b…) promised transcription with the recording; since 2026-12-07 that is asked
  // separately (session_transcription).
  session_recording: {
    version: '2026-12-07',
    de: '594526783be78c381b74edb8ff4d813843ac827dd81ab86b115ec9f358ecc9b7',
    en: 'ffb88961f11257ea3837a888d43e6cdec85f33f57110772d82bb822d26618761',
  },
  session_transcription: {
    version: '2026-12-07',
    de: 'e155efb4cafc1258c113d5ffcfc2eaa8e2bd96046e5f616965d613c04c831274',
    en: '2728e9aaf1f1bc9cd92103ab74e73a5de052ed5aa03b100107f955e122d492dc',
  },
}

const all = {
  ...consentTexts,
  session_recording: recordingConsentText,
  session_transcription: transcriptionConsentText,
}

describe('R9.2 versioned consent texts', () => {
  it.each(Object.entries(all))(
    'R9.2 %s: the text of this version is the one whose hash is pinned',
    (id, text) => {
      expect({
        version: text.version,
        de: consentTextSha256(text.de),
        en: consentTextSha256(text.en),
      }).toEqual(pinned[id])
    },
  )

  it('R9.2 the hash covers title, what it allows and what keeps working, in a stable serialisation', () => {
    const text = { title: 'T', allows: 'A', without: 'W' }
    expect(serialiseConsentText(text)).toBe('["T","A","W"]')
    expect(consentTextSha256(text)).not.toBe(consentTextSha256({ ...text, without: 'W.' }))
    // Moving words between fields changes the hash too.
    expect(consentTextSha256({ title: 'TA', allows: '', without: 'W' })).not.toBe(consentTextSha256(text))
  })

  it.each(Object.entries(all))(
    'R7.6 R9.1 %s says what it allows and what keeps working without it, in both languages',
    (_id, text) => {
      for (const locale of ['de', 'en'] as const) {
        const t = text[locale]
        expect(t.title.length).toBeGreaterThan(5)
        expect(t.allows.length).toBeGreaterThan(60)
        expect(t.without.length).toBeGreaterThan(30)
      }
      expect(text.de.without).toMatch(/^Ohne/)
      expect(text.en.without).toMatch(/^Without/)
    },
  )

  it('R7.2 R9.1 C3 names Mistral AI SAS in the EU, pseudonymisation and no storage; C1/C2 alone send nothing out', () => {
    const c3 = consentTexts.ai_external_provider.de.allows
    expect(c3).toContain('Mistral AI SAS (Frankreich, EU)')
    expect(c3).toContain('pseudonymisiert')
    expect(c3).toContain('speichert nichts')
    expect(consentTexts.ai_external_provider.en.allows).toContain('stores nothing')
    for (const p of ['ai_transcripts', 'ai_questionnaires'] as const) {
      expect(consentTexts[p].de.allows).toContain('sendet nichts an einen externen Anbieter')
      expect(consentTexts[p].en.allows).toContain('sends nothing to an external provider')
    }
  })

  it('de-CH: Swiss spelling (no ß) and informal du', () => {
    const german = Object.values(all).flatMap((t) => [t.de.title, t.de.allows, t.de.without])
    expect(german.filter((s) => s.includes('ß'))).toEqual([])
    expect(german.filter((s) => /\b(Sie|Ihre?n?)\b/.test(s))).toEqual([])
  })

  const practice: AiRecipient = {
    name: 'Praxis Sonnenberg GmbH',
    shortName: 'Praxis Sonnenberg GmbH',
    country: 'CH',
    hosting: 'own',
  }
  const infomaniak: AiRecipient = {
    name: 'Beispiel Cloud SA',
    shortName: 'Beispiel Cloud SA',
    country: 'CH',
    hosting: 'external',
  }

  it('R7.2 R9.1 C3 names the configured recipient: the practice’s own server says so plainly, and promises nothing it cannot know', () => {
    const own = consentTextsFor(practice)
    expect(own.ai_external_provider.de.title).toBe(
      'Übermittlung pseudonymisierter Daten an den KI-Server der Praxis',
    )
    expect(own.ai_external_provider.de.allows).toContain(
      'an den eigenen KI-Server der Praxis (betrieben von Praxis Sonnenberg GmbH, Schweiz) gesendet',
    )
    expect(own.ai_external_provider.de.allows).toContain('Der Text geht an keinen externen KI-Anbieter.')
    expect(own.ai_external_provider.en.allows).toContain(
      "the practice's own AI server (run by Praxis Sonnenberg GmbH, Switzerland)",
    )
    // Pseudonymisation stays on whoever receives the text.
    expect(own.ai_external_provider.de.allows).toContain('pseudonymisiert')
    // Mistral's contractual "stores nothing" is not claimed for anyone else.
    expect(own.ai_external_provider.de.allows).not.toContain('speichert nichts')
    expect(JSON.stringify(own)).not.toContain('Mistral')
    for (const p of ['ai_transcripts', 'ai_questionnaires'] as const) {
      expect(own[p].de.allows).toContain('an den KI-Server der Praxis.')
      expect(own[p].de.allows).not.toContain('externen Anbieter')
    }

    const external = consentTextsFor(infomaniak)
    expect(external.ai_external_provider.de.title).toBe(
      'Übermittlung pseudonymisierter Daten an Beispiel Cloud SA',
    )
    expect(external.ai_external_provider.de.allows).toContain('an Beispiel Cloud SA (Schweiz) gesendet')
    expect(external.ai_external_provider.de.allows).toContain(
      'Nur dieser pseudonymisierte Text verlässt unseren Server.',
    )
    expect(external.ai_external_provider.de.allows).not.toContain('speichert nichts')
  })

  it('R9.2 another recipient is another text: same version, another hash; Mistral AI keeps the hashes of 2026-11-22', () => {
    const hashes = (r: AiRecipient) => {
      const c3 = consentTextsFor(r).ai_external_provider
      return [consentTextSha256(c3.de), consentTextSha256(c3.en)]
    }
    expect(hashes(MISTRAL_EU_RECIPIENT)).toEqual([
      pinned.ai_external_provider!.de,
      pinned.ai_external_provider!.en,
    ])
    expect(hashes(practice)).not.toEqual(hashes(MISTRAL_EU_RECIPIENT))
    expect(hashes(infomaniak)).not.toEqual(hashes(practice))
    expect(hashes({ ...practice, country: 'DE' })).not.toEqual(hashes(practice))
    expect(consentTextsFor(practice).ai_external_provider.version).toBe(
      consentTexts.ai_external_provider.version,
    )
    const german = Object.values(consentTextsFor(practice)).flatMap((t) => [
      t.de.title,
      t.de.allows,
      t.de.without,
    ])
    expect(german.filter((x) => x.includes('ß') || /\b(Sie|Ihre?n?)\b/.test(x))).toEqual([])
  })
})

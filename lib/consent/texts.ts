import { createHash } from 'node:crypto'
import type { ConsentPurpose } from '@/db/schema/consent'
import type { AppLocale } from '@/lib/i18n/locale'

/**
 * The consent texts exactly as the client sees them (R9.1, R9.2, R9.3), versioned. Wording follows the
 * privacy policy (sections 6, 6.1, 6.2, 9.1). Any change to a text needs a new `version`: the ledger
 * records version and SHA-256 of what was shown, and a form posted with an older version is refused.
 * tests/unit/consent-texts.test.ts pins each version's hashes so an edit without a new version fails.
 */
export type ConsentText = {
  title: string
  /** What the consent allows. */
  allows: string
  /** What happens without it: what keeps working (R7.6). */
  without: string
}

export type VersionedConsentText = { version: string } & Record<AppLocale, ConsentText>

export const consentTexts = {
  ai_transcripts: {
    version: '2026-11-22',
    de: {
      title: 'KI-Auswertung deiner Sitzungstranskripte',
      allows:
        'Eine KI darf die Transkripte deiner Coaching-Sitzungen auswerten und daraus Zusammenfassungen, Themen, Ziele und Anregungen für die nächste Sitzung erstellen. Dein Coach prüft jede Zusammenfassung, bevor sie verwendet wird. Diese Einwilligung allein sendet nichts an einen externen Anbieter: Dafür braucht es zusätzlich deine Einwilligung zur Übermittlung pseudonymisierter Daten an Mistral AI.',
      without:
        'Ohne diese Einwilligung wertet keine KI deine Transkripte aus. Sitzungen, Tagebuch, Termine, Fragebögen und alle anderen Funktionen kannst du weiterhin uneingeschränkt nutzen — nur automatische Zusammenfassungen deiner Sitzungen gibt es dann nicht.',
    },
    en: {
      title: 'AI analysis of your session transcripts',
      allows:
        'An AI may analyse the transcripts of your coaching sessions and create summaries, themes, goals and suggestions for the next session from them. Your coach reviews every summary before it is used. This consent alone sends nothing to an external provider: that additionally needs your consent to sending pseudonymised data to Mistral AI.',
      without:
        'Without this consent no AI analyses your transcripts. Sessions, journal, appointments, questionnaires and every other feature keep working without restriction — only automatic summaries of your sessions are not available.',
    },
  },
  ai_questionnaires: {
    version: '2026-11-22',
    de: {
      title: 'KI-Auswertung deiner Fragebogen-Antworten',
      allows:
        'Eine KI darf deine Antworten auf die Fragebögen, die dir dein Coach zuweist, auswerten und daraus eine Analyse für dein Coaching erstellen. Dein Coach prüft das Ergebnis. Diese Einwilligung allein sendet nichts an einen externen Anbieter: Dafür braucht es zusätzlich deine Einwilligung zur Übermittlung pseudonymisierter Daten an Mistral AI.',
      without:
        'Ohne diese Einwilligung wertet keine KI deine Antworten aus. Du kannst Fragebögen weiterhin ausfüllen, und dein Coach sieht deine Antworten wie bisher — nur die KI-Analyse gibt es dann nicht.',
    },
    en: {
      title: 'AI analysis of your questionnaire answers',
      allows:
        'An AI may analyse your answers to the questionnaires your coach assigns to you and create an analysis for your coaching from them. Your coach reviews the result. This consent alone sends nothing to an external provider: that additionally needs your consent to sending pseudonymised data to Mistral AI.',
      without:
        'Without this consent no AI analyses your answers. You can still fill in questionnaires, and your coach sees your answers as before — only the AI analysis is not available.',
    },
  },
  ai_external_provider: {
    version: '2026-11-22',
    de: {
      title: 'Übermittlung pseudonymisierter Daten an Mistral AI',
      allows:
        'Für die KI-Auswertungen, die du oben erlaubst, dürfen Texte an Mistral AI SAS (Frankreich, EU) gesendet werden. Vorher werden sie auf unserem Server automatisch pseudonymisiert: Namen, E-Mail-Adressen, Telefonnummern, Adressen, Orte, Organisationen, Geburtsdaten, AHV-Nummern, IBANs, Links und Medikamentennamen werden durch Platzhalter ersetzt; die Zuordnung bleibt bei uns. Nur dieser pseudonymisierte Text verlässt unseren Server. Mistral AI verarbeitet ihn auf Anfrage und speichert nichts. Er kann trotzdem Gesundheitsdaten enthalten (z. B. «Ich habe seit Jahren Schlafprobleme»).',
      without:
        'Ohne diese Einwilligung werden keine Inhalte an einen KI-Anbieter gesendet, auch wenn du oben eine Auswertung erlaubt hast; KI-Zusammenfassungen und -Analysen gibt es dann nicht. Alle anderen Funktionen von Mi Alma bleiben vollständig nutzbar.',
    },
    en: {
      title: 'Sending pseudonymised data to Mistral AI',
      allows:
        'For the AI analyses you allow above, texts may be sent to Mistral AI SAS (France, EU). Before that, they are pseudonymised automatically on our server: names, e-mail addresses, phone numbers, addresses, places, organisations, dates of birth, AHV numbers, IBANs, links and medication names are replaced by placeholders; the mapping stays with us. Only this pseudonymised text leaves our server. Mistral AI processes it on demand and stores nothing. It may still contain health data (e.g. “I have had trouble sleeping for years”).',
      without:
        'Without this consent no content is sent to an AI provider, even if you allow an analysis above; AI summaries and analyses are then not available. Every other feature of Mi Alma remains fully usable.',
    },
  },
} as const satisfies Record<ConsentPurpose, VersionedConsentText>

/** Recording consent for one video session (R5.3, R9.3); the video issue shows it before a session. */
export const recordingConsentText = {
  version: '2026-11-22',
  de: {
    title: 'Aufzeichnung dieser Sitzung',
    allows:
      'Diese Videositzung darf aufgezeichnet werden. Die Aufzeichnung wird in unserem Speicher in der EU abgelegt, von Gladia SAS (Frankreich, EU) transkribiert — der Auftrag wird danach sofort gelöscht — und nach 90 Tagen gelöscht. Das Transkript wird verschlüsselt gespeichert. Während der Sitzung sehen du und dein Coach, dass aufgezeichnet wird. Eine KI-Auswertung des Transkripts gibt es nur, wenn du sie unter «KI & Datenschutz» separat erlaubt hast.',
    without: 'Ohne diese Einwilligung wird nicht aufgezeichnet. Die Sitzung findet ganz normal statt.',
  },
  en: {
    title: 'Recording this session',
    allows:
      'This video session may be recorded. The recording is kept in our storage in the EU, transcribed by Gladia SAS (France, EU) — the job is deleted right afterwards — and deleted after 90 days. The transcript is stored encrypted. During the session you and your coach see that it is being recorded. An AI analysis of the transcript happens only if you have allowed it separately under “AI & privacy”.',
    without: 'Without this consent nothing is recorded. The session takes place as usual.',
  },
} as const satisfies VersionedConsentText

/** Stable serialisation of the text shown: title, what it allows, what keeps working — in this order. */
export function serialiseConsentText(text: ConsentText): string {
  return JSON.stringify([text.title, text.allows, text.without])
}

/** SHA-256 (hex) of the exact text shown; stored with every ledger row as proof of what was agreed to. */
export function consentTextSha256(text: ConsentText): string {
  return createHash('sha256').update(serialiseConsentText(text), 'utf8').digest('hex')
}

import { createHash } from 'node:crypto'
import type { ConsentPurpose } from '@/db/schema/consent'
import type { AppLocale } from '@/lib/i18n/locale'
import { aiRecipient } from '@/lib/integrations/ai'
import { type AiRecipient, RECIPIENT_COUNTRIES } from '@/lib/integrations/ai/recipient'

/**
 * The consent texts exactly as the client sees them (R9.1, R9.2, R9.3), versioned. Wording follows the
 * privacy policy (sections 6, 6.1, 6.2, 9.1). Any change to a text needs a new `version`: the ledger
 * records version and SHA-256 of what was shown, and a form posted with an older version is refused.
 * tests/unit/consent-texts.test.ts pins each version's hashes so an edit without a new version fails.
 *
 * The AI texts name the real recipient of the text (R7.2): they are rendered from the configured one
 * (lib/integrations/ai/recipient.ts). For Mistral AI the rendering is word for word the text of 2026-11-22, so
 * grants given to it stay in force; for any other recipient the C3 text — and its hash — differ, which is what
 * makes an old C3 grant stale when the provider changes (lib/consent/service.ts).
 */
export type ConsentText = {
  title: string
  /** What the consent allows. */
  allows: string
  /** What happens without it: what keeps working (R7.6). */
  without: string
}

export type VersionedConsentText = { version: string } & Record<AppLocale, ConsentText>

/** "Mistral AI SAS (FR)": the recipient as a transmission record keeps it. */
export function recipientLabel(recipient: AiRecipient): string {
  return `${recipient.name} (${recipient.country})`
}

const PSEUDONYMISED_DE =
  'Vorher werden sie auf unserem Server automatisch pseudonymisiert: Namen, E-Mail-Adressen, Telefonnummern, Adressen, Orte, Organisationen, Geburtsdaten, AHV-Nummern, IBANs, Links und Medikamentennamen werden durch Platzhalter ersetzt; die Zuordnung bleibt bei uns.'
const PSEUDONYMISED_EN =
  'Before that, they are pseudonymised automatically on our server: names, e-mail addresses, phone numbers, addresses, places, organisations, dates of birth, AHV numbers, IBANs, links and medication names are replaced by placeholders; the mapping stays with us.'

/** The three AI consents as they read for one recipient. */
export function consentTextsFor(recipient: AiRecipient) {
  const own = recipient.hosting === 'own'
  const country = RECIPIENT_COUNTRIES[recipient.country]
  // How the recipient is named in a sentence and in a title.
  const to = {
    de: own
      ? `den eigenen KI-Server der Praxis (betrieben von ${recipient.name}, ${country.de})`
      : `${recipient.name} (${country.de})`,
    en: own
      ? `the practice's own AI server (run by ${recipient.name}, ${country.en})`
      : `${recipient.name} (${country.en})`,
  }
  const short = {
    de: own ? 'den KI-Server der Praxis' : recipient.shortName,
    en: own ? "the practice's AI server" : recipient.shortName,
  }
  const alone = {
    de: own
      ? `Diese Einwilligung allein gibt noch keinen Text weiter: Dafür braucht es zusätzlich deine Einwilligung zur Übermittlung pseudonymisierter Daten an ${short.de}.`
      : `Diese Einwilligung allein sendet nichts an einen externen Anbieter: Dafür braucht es zusätzlich deine Einwilligung zur Übermittlung pseudonymisierter Daten an ${short.de}.`,
    en: own
      ? `This consent alone passes no text on: that additionally needs your consent to sending pseudonymised data to ${short.en}.`
      : `This consent alone sends nothing to an external provider: that additionally needs your consent to sending pseudonymised data to ${short.en}.`,
  }
  const leaves = {
    de: own
      ? 'Nur dieser pseudonymisierte Text geht an den KI-Server. Der Server steht in der Infrastruktur der Praxis: Der Text geht an keinen externen KI-Anbieter.'
      : 'Nur dieser pseudonymisierte Text verlässt unseren Server.',
    en: own
      ? "Only this pseudonymised text goes to the AI server. The server is part of the practice's own infrastructure: the text goes to no external AI provider."
      : 'Only this pseudonymised text leaves our server.',
  }
  const sentences = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ')
  return {
    ai_transcripts: {
      version: CONSENT_TEXT_VERSION,
      de: {
        title: 'KI-Auswertung deiner Sitzungstranskripte',
        allows: sentences(
          'Eine KI darf die Transkripte deiner Coaching-Sitzungen auswerten und daraus Zusammenfassungen, Themen, Ziele und Anregungen für die nächste Sitzung erstellen. Dein Coach prüft jede Zusammenfassung, bevor sie verwendet wird.',
          alone.de,
        ),
        without:
          'Ohne diese Einwilligung wertet keine KI deine Transkripte aus. Sitzungen, Tagebuch, Termine, Fragebögen und alle anderen Funktionen kannst du weiterhin uneingeschränkt nutzen — nur automatische Zusammenfassungen deiner Sitzungen gibt es dann nicht.',
      },
      en: {
        title: 'AI analysis of your session transcripts',
        allows: sentences(
          'An AI may analyse the transcripts of your coaching sessions and create summaries, themes, goals and suggestions for the next session from them. Your coach reviews every summary before it is used.',
          alone.en,
        ),
        without:
          'Without this consent no AI analyses your transcripts. Sessions, journal, appointments, questionnaires and every other feature keep working without restriction — only automatic summaries of your sessions are not available.',
      },
    },
    ai_questionnaires: {
      version: CONSENT_TEXT_VERSION,
      de: {
        title: 'KI-Auswertung deiner Fragebogen-Antworten',
        allows: sentences(
          'Eine KI darf deine Antworten auf die Fragebögen, die dir dein Coach zuweist, auswerten und daraus eine Analyse für dein Coaching erstellen. Dein Coach prüft das Ergebnis.',
          alone.de,
        ),
        without:
          'Ohne diese Einwilligung wertet keine KI deine Antworten aus. Du kannst Fragebögen weiterhin ausfüllen, und dein Coach sieht deine Antworten wie bisher — nur die KI-Analyse gibt es dann nicht.',
      },
      en: {
        title: 'AI analysis of your questionnaire answers',
        allows: sentences(
          'An AI may analyse your answers to the questionnaires your coach assigns to you and create an analysis for your coaching from them. Your coach reviews the result.',
          alone.en,
        ),
        without:
          'Without this consent no AI analyses your answers. You can still fill in questionnaires, and your coach sees your answers as before — only the AI analysis is not available.',
      },
    },
    ai_external_provider: {
      version: CONSENT_TEXT_VERSION,
      de: {
        title: `Übermittlung pseudonymisierter Daten an ${short.de}`,
        allows: sentences(
          `Für die KI-Auswertungen, die du oben erlaubst, dürfen Texte an ${to.de} gesendet werden.`,
          PSEUDONYMISED_DE,
          leaves.de,
          recipient.processing?.de,
          'Er kann trotzdem Gesundheitsdaten enthalten (z. B. «Ich habe seit Jahren Schlafprobleme»).',
        ),
        without: `Ohne diese Einwilligung werden keine Inhalte an ${own ? 'den KI-Server' : 'einen KI-Anbieter'} gesendet, auch wenn du oben eine Auswertung erlaubt hast; KI-Zusammenfassungen und -Analysen gibt es dann nicht. Alle anderen Funktionen von Mi Alma bleiben vollständig nutzbar.`,
      },
      en: {
        title: `Sending pseudonymised data to ${short.en}`,
        allows: sentences(
          `For the AI analyses you allow above, texts may be sent to ${to.en}.`,
          PSEUDONYMISED_EN,
          leaves.en,
          recipient.processing?.en,
          'It may still contain health data (e.g. “I have had trouble sleeping for years”).',
        ),
        without: `Without this consent no content is sent to ${own ? 'the AI server' : 'an AI provider'}, even if you allow an analysis above; AI summaries and analyses are then not available. Every other feature of Mi Alma remains fully usable.`,
      },
    },
  } as const satisfies Record<ConsentPurpose, VersionedConsentText>
}

/**
 * The version of the AI consent templates: 2026-12-07 renders the recipient from configuration (for Mistral AI
 * the same words as 2026-11-22).
 */
export const CONSENT_TEXT_VERSION = '2026-12-07'

/** The AI consents for the recipient this installation sends to. */
export const consentTexts = consentTextsFor(aiRecipient())

/** Recording consent for one video session (R5.3, R9.3); the video issue shows it before a session. */
export const recordingConsentText = {
  version: '2026-12-07',
  de: {
    title: 'Aufzeichnung dieser Sitzung',
    allows:
      'Diese Videositzung darf aufgezeichnet werden (nur Ton). Daily hält die Aufnahme nur, bis wir sie abgeholt haben (meist Minuten), und löscht sie dann. Bei uns wird sie mit deinem persönlichen Schlüssel verschlüsselt in der EU gespeichert und nach 90 Tagen gelöscht. Während der Sitzung sehen du und dein Coach, dass aufgezeichnet wird. Ob Gladia die Aufnahme transkribieren darf, fragen wir dich separat; eine KI-Auswertung gibt es nur, wenn du sie unter «KI & Datenschutz» erlaubt hast.',
    without: 'Ohne diese Einwilligung wird nicht aufgezeichnet. Die Sitzung findet ganz normal statt.',
  },
  en: {
    title: 'Recording this session',
    allows:
      'This video session may be recorded (audio only). Daily holds the recording only until we have fetched it (usually minutes), then deletes it. We store it encrypted with your personal key in the EU and delete it after 90 days. During the session you and your coach see that it is being recorded. Whether Gladia may transcribe it is asked separately; an AI analysis happens only if you have allowed it under “AI & privacy”.',
    without: 'Without this consent nothing is recorded. The session takes place as usual.',
  },
} as const satisfies VersionedConsentText

/**
 * Transcription consent for one session (R6, policy §6.2): asked with the recording question for video
 * sessions, and before the coach uploads audio of an in-person session.
 */
export const transcriptionConsentText = {
  version: '2026-12-07',
  de: {
    title: 'Darf die Aufnahme dieser Sitzung von Gladia transkribiert werden?',
    allows:
      'Die Tonaufnahme dieser Sitzung darf an Gladia SAS (Frankreich, EU) gesendet werden, um daraus ein Transkript zu erstellen. Gladia löscht den Auftrag mit Ton und Text, sobald wir das Transkript abgeholt haben. Das Transkript wird bei uns verschlüsselt gespeichert. Ziehst du die Einwilligung zurück, wird nichts mehr gesendet, und die Aufnahme wird gelöscht.',
    without:
      'Ohne diese Einwilligung wird die Aufnahme nicht an Gladia gesendet und kein Transkript erstellt. Die Sitzung findet ganz normal statt.',
  },
  en: {
    title: 'May Gladia transcribe the recording of this session?',
    allows:
      'The audio recording of this session may be sent to Gladia SAS (France, EU) to produce a transcript. Gladia deletes the job with audio and text as soon as we have fetched the transcript. We store the transcript encrypted. If you withdraw this consent, nothing more is sent and the recording is deleted.',
    without:
      'Without this consent the recording is not sent to Gladia and no transcript is made. The session takes place as usual.',
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

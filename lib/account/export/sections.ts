import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm'
import {
  aiAnalyses,
  aiTransmissions,
  auditLog,
  bookings,
  consentEvents,
  creditGrants,
  journalEntries,
  journalPrompts,
  payments,
  plans,
  questionnaireAssignments,
  recordingConsents,
  sessionTypes,
  subscriptions,
  transcripts,
  users,
} from '@/db/schema'
import type { Db } from '@/db/types'
import type { UserCipher } from '@/lib/crypto'

/**
 * The categories of the data export (R10.1), one section each: what it holds, its documented fields (the
 * stable names of the JSON keys and CSV columns) and a reader that pages through the rows, so a large account
 * is never loaded at once. Only the exporting client's own rows: every query filters by their id.
 */

export type ExportRow = Record<string, unknown>

export type ExportContext = {
  db: Db
  userId: string
  cipher: UserCipher
  pageSize: number
  /** Called after each page read (the tests watch the paging). */
  onPage?: (section: string, rows: number) => void
}

export type ExportSection = {
  key: string
  /** `object`: exactly one row (the account); `list`: any number. */
  kind: 'object' | 'list'
  title: { de: string; en: string }
  description: string
  /** Field name → meaning. The order is the CSV column order. */
  fields: Record<string, string>
  rows: (ctx: ExportContext) => AsyncGenerator<ExportRow>
}

export const DEFAULT_PAGE_SIZE = 200

/** Reads `fetch` page by page (offset paging in a stable order) and yields row by row. */
async function* paged<T>(
  ctx: ExportContext,
  section: string,
  fetch: (limit: number, offset: number) => Promise<T[]>,
): AsyncGenerator<T> {
  for (let offset = 0; ; offset += ctx.pageSize) {
    const rows = await fetch(ctx.pageSize, offset)
    ctx.onPage?.(section, rows.length)
    yield* rows
    if (rows.length < ctx.pageSize) return
  }
}

const decryptJson = async (cipher: UserCipher, payload: string): Promise<unknown> =>
  JSON.parse(await cipher.decrypt(payload)) as unknown

const account: ExportSection = {
  key: 'account',
  kind: 'object',
  title: { de: 'Konto', en: 'Account' },
  description: 'Deine Kontodaten und Einstellungen.',
  fields: {
    id: 'Kennung deines Kontos bei Mi Alma.',
    role: 'Rolle: client (Klientin/Klient).',
    name: 'Dein Name.',
    email: 'Deine E-Mail-Adresse.',
    phone: 'Deine Telefonnummer (falls angegeben).',
    locale: 'Sprache der Oberfläche und der E-Mails (de oder en).',
    time_zone: 'Deine Zeitzone für Termine.',
    coach_name: 'Name deines Coachs.',
    processing_restricted_at: 'Seit wann du die Verarbeitung eingeschränkt hast (leer: nicht eingeschränkt).',
    created_at: 'Konto erstellt am.',
    updated_at: 'Zuletzt geändert am.',
  },
  async *rows(ctx) {
    const [me] = await ctx.db.select().from(users).where(eq(users.id, ctx.userId))
    if (!me) return
    const [coach] = me.coachId
      ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, me.coachId))
      : []
    yield {
      id: me.id,
      role: me.role,
      name: me.name,
      email: me.email,
      phone: me.phone,
      locale: me.locale,
      time_zone: me.timeZone,
      coach_name: coach?.name ?? null,
      processing_restricted_at: me.processingRestrictedAt,
      created_at: me.createdAt,
      updated_at: me.updatedAt,
    }
  },
}

const bookingSection: ExportSection = {
  key: 'bookings',
  kind: 'list',
  title: { de: 'Termine und Buchungen', en: 'Appointments and bookings' },
  description: 'Alle deine Termine, auch abgesagte und vergangene.',
  fields: {
    id: 'Kennung der Buchung.',
    session_name: 'Sitzungsart, wie sie gebucht wurde.',
    mode: 'video (Videositzung) oder in_person (vor Ort).',
    duration_minutes: 'Dauer in Minuten.',
    price_rappen: 'Preis in Rappen (CHF × 100).',
    starts_at: 'Beginn (ISO 8601, UTC).',
    ends_at: 'Ende (ISO 8601, UTC).',
    status: 'pending (Zahlung offen), confirmed, cancelled oder expired.',
    payment_method: 'checkout (Kartenzahlung) oder credit (Guthaben aus einem Abo).',
    cancelled_at: 'Abgesagt am (leer: nicht abgesagt).',
    cancelled_by: 'Wer abgesagt hat: client oder coach.',
    created_at: 'Gebucht am.',
  },
  rows: (ctx) =>
    paged(ctx, 'bookings', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(bookings)
        .where(eq(bookings.clientId, ctx.userId))
        .orderBy(asc(bookings.startsAt), asc(bookings.id))
        .limit(limit)
        .offset(offset)
      return rows.map((b) => ({
        id: b.id,
        session_name: b.sessionName,
        mode: b.mode,
        duration_minutes: b.durationMinutes,
        price_rappen: b.priceRappen,
        starts_at: b.startsAt,
        ends_at: b.endsAt,
        status: b.status,
        payment_method: b.paymentMethod,
        cancelled_at: b.cancelledAt,
        cancelled_by: b.cancelledBy,
        created_at: b.createdAt,
      }))
    }),
}

const aiSection: ExportSection = {
  key: 'ai_analyses',
  kind: 'list',
  title: { de: 'Sitzungs-Zusammenfassungen und KI-Auswertungen', en: 'Session summaries and AI analyses' },
  description:
    'Vom Coach geprüfte und freigegebene KI-Zusammenfassungen deiner Sitzungen und KI-Auswertungen deiner Fragebögen. Entwürfe, die der Coach nicht freigegeben hat, sind nicht enthalten.',
  fields: {
    id: 'Kennung der Auswertung.',
    kind: 'session_summary (Zusammenfassung einer Sitzung) oder questionnaire_analysis (Auswertung eines Fragebogens).',
    booking_id: 'Die Sitzung (Buchung), zu der die Zusammenfassung gehört.',
    questionnaire_id: 'Der Fragebogen (Zuweisung), zu dem die Auswertung gehört.',
    language: 'Sprache der Auswertung.',
    approved_at: 'Vom Coach freigegeben am.',
    shared_with_you_at: 'Mit dir geteilt am (leer: nicht geteilt).',
    content:
      'Inhalt: summary (Zusammenfassung), themes (Themen), clientGoals (deine Ziele), actionItems (nächste Schritte), openQuestions (offene Fragen), nextFocus (Fokus für die nächste Sitzung).',
  },
  rows: (ctx) =>
    paged(ctx, 'ai_analyses', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(aiAnalyses)
        .where(and(eq(aiAnalyses.clientId, ctx.userId), isNotNull(aiAnalyses.approvedEnc)))
        .orderBy(asc(aiAnalyses.createdAt), asc(aiAnalyses.id))
        .limit(limit)
        .offset(offset)
      return Promise.all(
        rows.map(async (a) => ({
          id: a.id,
          kind: a.sourceKind === 'transcript' ? 'session_summary' : 'questionnaire_analysis',
          booking_id: a.bookingId,
          questionnaire_id: a.assignmentId,
          language: a.language,
          approved_at: a.approvedAt,
          shared_with_you_at: a.sharedAt,
          content: await decryptJson(ctx.cipher, a.approvedEnc!),
        })),
      )
    }),
}

type AnswerValue = string | number | string[]

const questionnaireSection: ExportSection = {
  key: 'questionnaires',
  kind: 'list',
  title: { de: 'Fragebögen und Antworten', en: 'Questionnaires and answers' },
  description:
    'Jeder Fragebogen, den dir dein Coach geschickt hat, mit den Fragen und deinen Antworten (auch Entwürfe).',
  fields: {
    id: 'Kennung der Zuweisung.',
    title: 'Titel des Fragebogens.',
    description: 'Beschreibung des Fragebogens.',
    due_date: 'Fällig bis (Datum).',
    assigned_at: 'Dir geschickt am.',
    draft_saved_at: 'Entwurf zuletzt gespeichert am.',
    submitted_at: 'Abgeschickt am (leer: noch nicht abgeschickt).',
    answers:
      'Liste der Fragen mit question_id, kind (text, scale, single, multiple), prompt (Frage), answer (deine Antwort; bei Auswahlfragen die Beschriftung der gewählten Antworten).',
  },
  rows: (ctx) =>
    paged(ctx, 'questionnaires', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(questionnaireAssignments)
        .where(eq(questionnaireAssignments.clientId, ctx.userId))
        .orderBy(asc(questionnaireAssignments.createdAt), asc(questionnaireAssignments.id))
        .limit(limit)
        .offset(offset)
      return Promise.all(
        rows.map(async (a) => {
          const map = a.answersEnc
            ? ((await decryptJson(ctx.cipher, a.answersEnc)) as Record<string, AnswerValue>)
            : {}
          return {
            id: a.id,
            title: a.title,
            description: a.description,
            due_date: a.dueDate,
            assigned_at: a.createdAt,
            draft_saved_at: a.draftSavedAt,
            submitted_at: a.submittedAt,
            answers: a.questions.map((q) => {
              const value = map[q.id]
              const label = (id: string) => q.options?.find((o) => o.id === id)?.label ?? id
              return {
                question_id: q.id,
                kind: q.kind,
                prompt: q.prompt,
                answer:
                  value === undefined
                    ? null
                    : Array.isArray(value)
                      ? value.map(label)
                      : q.kind === 'single' && typeof value === 'string'
                        ? label(value)
                        : value,
              }
            }),
          }
        }),
      )
    }),
}

const journalSection: ExportSection = {
  key: 'journal_entries',
  kind: 'list',
  title: { de: 'Tagebuch, Notizen und Reflexionen', en: 'Journal, notes and reflections' },
  description: 'Alle deine Einträge, private und geteilte, entschlüsselt.',
  fields: {
    id: 'Kennung des Eintrags.',
    kind: 'journal (Tagebuch), note (Notiz) oder reflection (Reflexion).',
    title: 'Titel.',
    body: 'Text.',
    mood: 'Stimmung 1–5 (leer: keine Angabe).',
    tags: 'Schlagwörter.',
    prompt_id: 'Der Impuls deines Coachs, auf den der Eintrag antwortet.',
    shared_with_coach_at: 'Mit dem Coach geteilt am (leer: privat).',
    created_at: 'Geschrieben am.',
    updated_at: 'Zuletzt geändert am.',
  },
  rows: (ctx) =>
    paged(ctx, 'journal_entries', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(journalEntries)
        .where(eq(journalEntries.userId, ctx.userId))
        .orderBy(asc(journalEntries.createdAt), asc(journalEntries.id))
        .limit(limit)
        .offset(offset)
      return Promise.all(
        rows.map(async (e) => ({
          id: e.id,
          kind: e.kind,
          title: e.titleEnc === null ? null : await ctx.cipher.decrypt(e.titleEnc),
          body: await ctx.cipher.decrypt(e.bodyEnc),
          mood: e.mood,
          tags: e.tagsEnc === null ? [] : await decryptJson(ctx.cipher, e.tagsEnc),
          prompt_id: e.promptId,
          shared_with_coach_at: e.sharedAt,
          created_at: e.createdAt,
          updated_at: e.updatedAt,
        })),
      )
    }),
}

const promptSection: ExportSection = {
  key: 'journal_prompts',
  kind: 'list',
  title: { de: 'Schreibimpulse deines Coachs', en: "Your coach's writing prompts" },
  description: 'Impulse, die dir dein Coach für dein Tagebuch gegeben hat.',
  fields: {
    id: 'Kennung des Impulses.',
    text: 'Text des Impulses.',
    created_at: 'Erstellt am.',
  },
  rows: (ctx) =>
    paged(ctx, 'journal_prompts', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(journalPrompts)
        .where(eq(journalPrompts.clientId, ctx.userId))
        .orderBy(asc(journalPrompts.createdAt), asc(journalPrompts.id))
        .limit(limit)
        .offset(offset)
      return Promise.all(
        rows.map(async (p) => ({
          id: p.id,
          text: await ctx.cipher.decrypt(p.textEnc),
          created_at: p.createdAt,
        })),
      )
    }),
}

const transcriptSection: ExportSection = {
  key: 'transcripts',
  kind: 'list',
  title: { de: 'Transkripte', en: 'Transcripts' },
  description:
    'Die Transkripte deiner Sitzungen, die noch vorhanden sind (sie werden nach 2 Jahren automatisch gelöscht) — auch solche, die dein Coach nicht mit dir geteilt hat.',
  fields: {
    id: 'Kennung des Transkripts.',
    booking_id: 'Die Sitzung (Buchung).',
    session_name: 'Sitzungsart.',
    session_starts_at: 'Beginn der Sitzung.',
    source: 'gladia (automatisch transkribiert) oder upload (vom Coach hochgeladen).',
    language: 'Erkannte Sprache.',
    shared_with_you: 'Ob dein Coach das Transkript mit dir geteilt hat.',
    segments: 'Abschnitte mit speaker (Sprecher/in), start und end (Sekunden ab Beginn) und text.',
    created_at: 'Erstellt am.',
  },
  rows: (ctx) =>
    paged(ctx, 'transcripts', async (limit, offset) => {
      const rows = await ctx.db
        .select({ t: transcripts, sessionName: bookings.sessionName, startsAt: bookings.startsAt })
        .from(transcripts)
        .innerJoin(bookings, eq(bookings.id, transcripts.bookingId))
        .where(eq(bookings.clientId, ctx.userId))
        .orderBy(asc(bookings.startsAt), asc(transcripts.id))
        .limit(limit)
        .offset(offset)
      return Promise.all(
        rows.map(async ({ t, sessionName, startsAt }) => ({
          id: t.id,
          booking_id: t.bookingId,
          session_name: sessionName,
          session_starts_at: startsAt,
          source: t.source,
          language: t.language,
          shared_with_you: t.sharedWithClient,
          segments: await decryptJson(ctx.cipher, t.segmentsEnc),
          created_at: t.createdAt,
        })),
      )
    }),
}

const subscriptionSection: ExportSection = {
  key: 'subscriptions',
  kind: 'list',
  title: { de: 'Abos', en: 'Plans' },
  description: 'Deine Abos (monatliche Pläne mit Sitzungsguthaben).',
  fields: {
    id: 'Kennung des Abos.',
    plan_name: 'Name des Plans.',
    sessions_per_month: 'Sitzungen pro Monat.',
    price_rappen: 'Monatspreis in Rappen.',
    status: 'Status bei Stripe (active, canceled, past_due, …).',
    cancel_at_period_end: 'Ob das Abo zum Ende der Periode endet.',
    current_period_end: 'Ende der laufenden Periode.',
    stripe_subscription_id: 'Kennung des Abos bei Stripe.',
    created_at: 'Abgeschlossen am.',
  },
  rows: (ctx) =>
    paged(ctx, 'subscriptions', async (limit, offset) => {
      const rows = await ctx.db
        .select({ s: subscriptions, plan: plans })
        .from(subscriptions)
        .leftJoin(plans, eq(plans.id, subscriptions.planId))
        .where(eq(subscriptions.userId, ctx.userId))
        .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id))
        .limit(limit)
        .offset(offset)
      return rows.map(({ s, plan }) => ({
        id: s.id,
        plan_name: plan?.name ?? null,
        sessions_per_month: plan?.sessionsPerMonth ?? null,
        price_rappen: plan?.priceRappen ?? null,
        status: s.status,
        cancel_at_period_end: s.cancelAtPeriodEnd,
        current_period_end: s.currentPeriodEnd,
        stripe_subscription_id: s.stripeSubscriptionId,
        created_at: s.createdAt,
      }))
    }),
}

const creditSection: ExportSection = {
  key: 'credits',
  kind: 'list',
  title: { de: 'Sitzungsguthaben', en: 'Session credits' },
  description: 'Guthaben, das dir ein bezahlter Abo-Monat gegeben hat.',
  fields: {
    id: 'Kennung des Guthabens.',
    session_type: 'Für welche Sitzungsart.',
    granted: 'Anzahl Sitzungen.',
    used: 'Davon gebraucht.',
    valid_from: 'Gültig ab.',
    valid_until: 'Gültig bis.',
    stripe_invoice_id: 'Die Rechnung bei Stripe, die das Guthaben gegeben hat.',
  },
  rows: (ctx) =>
    paged(ctx, 'credits', async (limit, offset) => {
      const rows = await ctx.db
        .select({ c: creditGrants, typeName: sessionTypes.name })
        .from(creditGrants)
        .leftJoin(sessionTypes, eq(sessionTypes.id, creditGrants.sessionTypeId))
        .where(eq(creditGrants.userId, ctx.userId))
        .orderBy(asc(creditGrants.validFrom), asc(creditGrants.id))
        .limit(limit)
        .offset(offset)
      return rows.map(({ c, typeName }) => ({
        id: c.id,
        session_type: typeName,
        granted: c.granted,
        used: c.used,
        valid_from: c.validFrom,
        valid_until: c.validUntil,
        stripe_invoice_id: c.stripeInvoiceId,
      }))
    }),
}

const paymentSection: ExportSection = {
  key: 'payments',
  kind: 'list',
  title: { de: 'Zahlungen und Rechnungen', en: 'Payments and invoices' },
  description:
    'Deine Zahlungen (Rechnungsdaten). Kartendaten haben wir nie: Stripe wickelt die Zahlung ab. Rechnungsdaten bewahren wir 10 Jahre auf (OR Art. 958f), auch nach einer Löschung deines Kontos.',
  fields: {
    id: 'Kennung der Zahlung.',
    kind: 'booking (einzelne Sitzung) oder subscription (Abo).',
    description: 'Was bezahlt wurde.',
    status: 'paid, failed, refunded oder partially_refunded.',
    amount_rappen: 'Betrag in Rappen.',
    refunded_rappen: 'Davon zurückerstattet, in Rappen.',
    currency: 'Währung.',
    booking_id: 'Die bezahlte Buchung.',
    occurred_at: 'Zahlungszeitpunkt.',
    stripe_payment_intent_id: 'Kennung der Zahlung bei Stripe.',
    stripe_invoice_id: 'Kennung der Rechnung bei Stripe.',
    stripe_refund_id: 'Kennung der Rückerstattung bei Stripe.',
  },
  rows: (ctx) =>
    paged(ctx, 'payments', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(payments)
        .where(eq(payments.userId, ctx.userId))
        .orderBy(asc(payments.occurredAt), asc(payments.id))
        .limit(limit)
        .offset(offset)
      return rows.map((p) => ({
        id: p.id,
        kind: p.kind,
        description: p.description,
        status: p.status,
        amount_rappen: p.amountRappen,
        refunded_rappen: p.refundedRappen,
        currency: p.currency,
        booking_id: p.bookingId,
        occurred_at: p.occurredAt,
        stripe_payment_intent_id: p.stripePaymentIntentId,
        stripe_invoice_id: p.stripeInvoiceId,
        stripe_refund_id: p.stripeRefundId,
      }))
    }),
}

const proofFields = {
  granted: 'true: erteilt, false: widerrufen oder abgelehnt.',
  text_version: 'Version des Textes, der dir angezeigt wurde.',
  text_sha256: 'SHA-256 dieses Textes (Nachweis, welcher Text es genau war).',
  locale: 'Sprache des Textes.',
  ip: 'IP-Adresse beim Speichern (rechtlicher Nachweis, 3 Jahre).',
  user_agent: 'Browser-Angaben beim Speichern.',
  created_at: 'Zeitpunkt.',
}

const consentSection: ExportSection = {
  key: 'consent_history',
  kind: 'list',
  title: { de: 'Einwilligungen', en: 'Consent history' },
  description:
    'Jede Einwilligung und jeder Widerruf: KI-Einwilligungen (purpose ai_transcripts, ai_questionnaires, ai_external_provider) und die Einwilligung zur Aufnahme einer Sitzung (purpose session_recording, mit booking_id).',
  fields: {
    purpose: 'Wofür: ai_transcripts, ai_questionnaires, ai_external_provider oder session_recording.',
    booking_id: 'Bei session_recording: die Sitzung.',
    ...proofFields,
  },
  async *rows(ctx) {
    yield* paged(ctx, 'consent_history', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(consentEvents)
        .where(eq(consentEvents.userId, ctx.userId))
        .orderBy(asc(consentEvents.id))
        .limit(limit)
        .offset(offset)
      return rows.map((c) => ({
        purpose: c.purpose,
        booking_id: null,
        granted: c.granted,
        text_version: c.textVersion,
        text_sha256: c.textSha256,
        locale: c.locale,
        ip: c.ip,
        user_agent: c.userAgent,
        created_at: c.createdAt,
      }))
    })
    yield* paged(ctx, 'recording_consents', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(recordingConsents)
        .where(eq(recordingConsents.userId, ctx.userId))
        .orderBy(asc(recordingConsents.id))
        .limit(limit)
        .offset(offset)
      return rows.map((c) => ({
        purpose: 'session_recording',
        booking_id: c.bookingId,
        granted: c.granted,
        text_version: c.textVersion,
        text_sha256: c.textSha256,
        locale: c.locale,
        ip: c.ip,
        user_agent: c.userAgent,
        created_at: c.createdAt,
      }))
    })
  },
}

const transmissionSection: ExportSection = {
  key: 'ai_transmissions',
  kind: 'list',
  title: { de: 'KI-Übermittlungen', en: 'AI transmissions' },
  description:
    'Jede Übermittlung an einen KI-Anbieter, die dich betrifft — ohne den Text selbst, der pseudonymisiert gesendet wurde.',
  fields: {
    id: 'Kennung der Übermittlung.',
    sent_at: 'Zeitpunkt.',
    purpose: 'transcript (Sitzungs-Zusammenfassung) oder questionnaire (Fragebogen-Auswertung).',
    provider: 'Anbieter bzw. Schnittstelle (mistral-eu, mistral-compatible, openai-compatible).',
    host: 'Server, der den Text erhalten hat (Adresse mit Port).',
    recipient: 'Wer diesen Server betreibt, wie ihn die Einwilligung nannte.',
    model: 'Modell.',
    chars_sent: 'Anzahl gesendeter Zeichen (nach der Pseudonymisierung).',
    placeholders: 'Anzahl ersetzter Angaben (Namen, Orte, Kontakte …).',
    consent_event_ids: 'Die Einwilligungen, auf die sich die Übermittlung stützte.',
    outcome: 'Ergebnis (pending: gesendet, aber noch ohne Antwort erfasst).',
    reviewed: 'Ob die Coachin den gesendeten Text vor dem Senden geprüft hat.',
    masked_tokens: 'Wie viele Wörter sie dabei zusätzlich unkenntlich gemacht hat.',
  },
  rows: (ctx) =>
    paged(ctx, 'ai_transmissions', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(aiTransmissions)
        .where(eq(aiTransmissions.clientId, ctx.userId))
        .orderBy(asc(aiTransmissions.sentAt), asc(aiTransmissions.id))
        .limit(limit)
        .offset(offset)
      return rows.map((r) => ({
        id: r.id,
        sent_at: r.sentAt,
        purpose: r.purpose,
        provider: r.provider,
        host: r.host,
        recipient: r.recipient,
        model: r.model,
        chars_sent: r.charsSent,
        placeholders: r.placeholders,
        consent_event_ids: r.consentEventIds,
        outcome: r.outcome,
        reviewed: r.reviewed,
        masked_tokens: r.maskedTokens,
      }))
    }),
}

const auditSection: ExportSection = {
  key: 'audit_log',
  kind: 'list',
  title: { de: 'Protokoll', en: 'Activity log' },
  description:
    'Protokolleinträge zu deinem Konto: deine Anmeldungen und Änderungen, Exporte, Änderungen durch das System und jede Ansicht deiner Inhalte durch deinen Coach.',
  fields: {
    id: 'Laufnummer im Protokoll.',
    action: 'Ereignis, z. B. auth.sign_in, consent.granted, account.exported, transcript.viewed.',
    by: 'Ausgelöst von: you (du), coach oder system.',
    target_type: 'Worauf sich das Ereignis bezieht (user, booking, transcript, …).',
    target_id: 'Kennung davon.',
    details: 'Technische Angaben (Zahlen, Kennungen, Gründe) — nie Inhalte.',
    ip_truncated: 'Gekürzte IP-Adresse (nur bei deinen eigenen Aktionen).',
    user_agent: 'Browser-Angaben (nur bei deinen eigenen Aktionen).',
    created_at: 'Zeitpunkt.',
  },
  rows: (ctx) =>
    paged(ctx, 'audit_log', async (limit, offset) => {
      const rows = await ctx.db
        .select()
        .from(auditLog)
        .where(
          or(
            eq(auditLog.actorId, ctx.userId),
            and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, ctx.userId)),
            sql`${auditLog.details} ->> 'clientId' = ${ctx.userId}`,
          ),
        )
        .orderBy(asc(auditLog.id))
        .limit(limit)
        .offset(offset)
      return rows.map((r) => {
        const mine = r.actorId === ctx.userId
        return {
          id: r.id,
          action: r.action,
          by: mine ? 'you' : r.actorRole === 'coach' ? 'coach' : 'system',
          target_type: r.targetType,
          target_id: r.targetId,
          details: r.details,
          ip_truncated: mine ? r.ipTruncated : null,
          user_agent: mine ? r.userAgent : null,
          created_at: r.createdAt,
        }
      })
    }),
}

/** In the order they appear in the export. */
export const exportSections: readonly ExportSection[] = [
  account,
  bookingSection,
  aiSection,
  questionnaireSection,
  journalSection,
  promptSection,
  transcriptSection,
  subscriptionSection,
  creditSection,
  paymentSection,
  consentSection,
  transmissionSection,
  auditSection,
]

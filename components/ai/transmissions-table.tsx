import { getFormatter, getTranslations } from 'next-intl/server'
import { Cell, DataTable, Row } from '@/components/ui/table'

export type TransmissionRow = {
  id: string
  sentAt: Date
  purpose: 'transcript' | 'questionnaire'
  provider: string
  /** The server that received the text, and who runs it (null on records from before they were kept). */
  host: string | null
  recipient: string | null
  model: string
  charsSent: number
  placeholders: number
  consentEventIds: number[]
  outcome: string
  /** The coach reviewed the text before it left (R7.7), and how many tokens they masked. */
  reviewed: boolean
  maskedTokens: number
}

type ConsentRef = { id: number; purpose: string; createdAt: Date }

/**
 * "KI-Übermittlungen" (R7.5): one row per AI call about the client — when, for what, to whom (provider, recipient
 * and the server's host), how much, the
 * consent records it relied on, and whether the coach reviewed the text first (R7.7). Metadata only: there is no text to show, by design.
 */
export async function TransmissionsTable({
  rows,
  consents,
}: {
  rows: TransmissionRow[]
  consents: ConsentRef[]
}) {
  const t = await getTranslations('ai.transmissions')
  const tPrivacy = await getTranslations('privacy')
  const format = await getFormatter()
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' })
  const known = new Map(consents.map((c) => [c.id, c]))
  // Unknown codes (a provider or outcome added later) still show, as their code.
  const label = (group: 'providers' | 'outcomes', key: string) =>
    t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key
  const consentRef = (id: number) => {
    const c = known.get(id)
    return c && tPrivacy.has(`purposes.${c.purpose}.short`)
      ? t('consentRef', { id, purpose: tPrivacy(`purposes.${c.purpose}.short`), date: when(c.createdAt) })
      : t('consentRefShort', { id })
  }

  return (
    <section className="space-y-3" aria-labelledby="ai-transmissions-title">
      <h2 id="ai-transmissions-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="max-w-prose text-sm text-muted">{t('intro')}</p>
      {rows.length === 0 ? (
        <p className="text-muted" data-testid="ai-transmissions-empty">
          {t('empty')}
        </p>
      ) : (
        <div data-testid="ai-transmissions">
          <DataTable
            label={t('title')}
            columns={[
              t('time'),
              t('purpose'),
              t('provider'),
              t('recipient'),
              t('model'),
              t('chars'),
              t('placeholders'),
              t('consents'),
              t('reviewed'),
              t('outcome'),
            ]}
          >
            {rows.map((r) => (
              <Row key={r.id}>
                <Cell className="whitespace-nowrap">{when(r.sentAt)}</Cell>
                <Cell>{t(`purposes.${r.purpose}`)}</Cell>
                <Cell>{label('providers', r.provider)}</Cell>
                <Cell data-testid="ai-transmission-recipient">
                  {r.recipient || r.host ? (
                    <>
                      {r.recipient}
                      {r.host ? <span className="block text-xs text-muted">{r.host}</span> : null}
                    </>
                  ) : (
                    t('recipientUnknown')
                  )}
                </Cell>
                <Cell className="whitespace-nowrap">{r.model}</Cell>
                <Cell className="text-right tabular-nums">{format.number(r.charsSent)}</Cell>
                <Cell className="text-right tabular-nums">{format.number(r.placeholders)}</Cell>
                <Cell className="min-w-56">
                  <ul className="space-y-1">
                    {r.consentEventIds.map((id) => (
                      <li key={id}>{consentRef(id)}</li>
                    ))}
                  </ul>
                </Cell>
                <Cell data-testid="ai-transmission-reviewed">
                  {r.reviewed ? t('reviewedYes', { count: r.maskedTokens }) : t('reviewedNo')}
                </Cell>
                <Cell>{label('outcomes', r.outcome)}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  )
}

import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { outboxMessageFor } from '@/lib/account/dev-outbox'
import { requireActor } from '@/lib/auth'
import { BackLink } from '@/components/ui/back-link'

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor()
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const message = await outboxMessageFor(getDb(), actor, id)
  if (!message) notFound()
  const t = await getTranslations('outbox')
  return (
    <div className="space-y-6">
      <BackLink href="/dev/outbox">{t('backToList')}</BackLink>
      <PageTitle>{message.subject}</PageTitle>
      <p className="text-sm text-muted">
        {t('to')}: {message.toAddress} · {t('template')}: <code>{message.template}</code>
      </p>
      <Card>
        <h2 className="text-lg font-semibold">{t('plainText')}</h2>
        <pre className="mt-3 whitespace-pre-wrap font-sans text-sm" data-testid="outbox-text">
          {message.textBody}
        </pre>
      </Card>
      {message.attachments && message.attachments.length > 0 && (
        <Card>
          <h2 className="text-lg font-semibold">{t('attachments')}</h2>
          <ul className="mt-3 space-y-1 text-sm" data-testid="outbox-attachments">
            {message.attachments.map((a, i) => (
              <li key={i}>
                <code>{a.filename}</code> · {a.contentType} · {a.size} B
                {a.content !== undefined && (
                  <>
                    {' '}
                    ·{' '}
                    <a
                      href={`/dev/outbox/${message.id}/attachments/${i}`}
                      download={a.filename}
                      className="text-brand-700 underline"
                    >
                      {t('download')}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {message.html && (
        <Card>
          <h2 className="text-lg font-semibold">{t('html')}</h2>
          {/* Sandboxed: the rendered mail can run nothing and reach nothing. */}
          <iframe
            title={t('html')}
            sandbox=""
            srcDoc={message.html}
            className="mt-3 h-96 w-full border border-slate-200"
          />
        </Card>
      )}
    </div>
  )
}

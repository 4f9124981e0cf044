import { Card } from './card'

export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <Card className="text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mx-auto mt-2 max-w-prose text-muted">{body}</p>
    </Card>
  )
}

import { NotFoundContent } from '@/components/shell/not-found-content'

/** A 404 outside the app shell (a page that found nothing; unknown addresses get app/global-not-found.tsx). */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <NotFoundContent />
    </main>
  )
}

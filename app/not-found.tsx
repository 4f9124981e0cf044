import { NotFoundContent } from '@/components/shell/not-found-content'

/** A 404 outside the app shell (an unknown address): the content in the page's one `<main>`. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <NotFoundContent />
    </main>
  )
}

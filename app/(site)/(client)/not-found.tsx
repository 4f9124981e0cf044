import { NotFoundContent } from '@/components/shell/not-found-content'

/** A 404 inside this layout, which already has the page's `<main>`: no second one (WCAG landmark rules). */
export default function NotFound() {
  return <NotFoundContent />
}

/** `section`: the path prefix this item stands for (e.g. every /settings page for "Einstellungen"). */
export type NavItem = { href: string; label: string; section?: string }

/** Whether `pathname` is in the item's section: its own page, a page below it, or below its `section`. */
export function isCurrent(item: NavItem, pathname: string): boolean {
  const base = item.section ?? item.href
  if (pathname === item.href || pathname === base) return true
  // The coach's overview (/coach) is the parent of every coach page: current on itself only.
  return base !== '/coach' && pathname.startsWith(`${base}/`)
}

'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/lib/cn'
import { isCurrent, type NavItem } from './nav-current'

export type { NavItem }

export function NavLinks({
  items,
  label,
  vertical = false,
}: {
  items: NavItem[]
  label: string
  vertical?: boolean
}) {
  const pathname = usePathname()
  return (
    <nav aria-label={label}>
      <ul className={cn('flex gap-1', vertical ? 'flex-col' : 'flex-wrap')}>
        {items.map((item) => {
          const active = isCurrent(item, pathname)
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap text-brand-800 hover:bg-brand-50',
                  vertical && 'flex w-full',
                  active && 'bg-brand-100',
                )}
              >
                {item.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

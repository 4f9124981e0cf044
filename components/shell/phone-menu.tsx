'use client'

import { usePathname } from 'next/navigation'
import { type ReactNode, useEffect, useRef } from 'react'

/**
 * The menu button of the compact header: a native `<details>`/`<summary>`, so it opens and closes without
 * JavaScript and the browser exposes the summary as a button with its expanded state. With JavaScript it also
 * closes after a navigation (the shell stays mounted across client-side navigations) and on Escape.
 */
export function PhoneMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null)
  const pathname = usePathname()
  useEffect(() => {
    if (ref.current) ref.current.open = false
  }, [pathname])
  return (
    <details
      ref={ref}
      className="group relative lg:hidden"
      data-testid="phone-menu"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !ref.current?.open) return
        ref.current.open = false
        ref.current.querySelector('summary')?.focus()
      }}
    >
      <summary className="inline-flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-brand-800 hover:bg-brand-50 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor">
          <path d="M3 5h14M3 10h14M3 15h14" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {label}
      </summary>
      <div className="absolute right-0 top-full z-20 mt-2 hidden w-64 group-open:block max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        {children}
      </div>
    </details>
  )
}

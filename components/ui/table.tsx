import type { ComponentProps, ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Card } from './card'

/**
 * A simple data table in a card: header labels and rows of cells. On a narrow screen it scrolls sideways;
 * the scroll area is focusable so keyboard users can scroll it too (WCAG 2.1.1), named by `label` if given.
 */
export function DataTable({
  columns,
  children,
  label,
}: {
  columns: ReactNode[]
  children: ReactNode
  label?: string
}) {
  return (
    <Card
      className="overflow-x-auto p-0 focus-visible:outline-2 focus-visible:outline-brand-600"
      tabIndex={0}
      aria-label={label}
    >
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {columns.map((label, i) => (
              <th key={i} scope="col" className="px-4 py-3">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </Card>
  )
}

export function Row(props: ComponentProps<'tr'>) {
  return <tr {...props} className={cn('border-b border-slate-100 last:border-0', props.className)} />
}

export function Cell(props: ComponentProps<'td'>) {
  return <td {...props} className={cn('px-4 py-3', props.className)} />
}

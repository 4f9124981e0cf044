import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react'
import { cn } from '@/lib/cn'

/** Minimal asChild support: merges our class name into the single child element (e.g. a Link). */
export function Slot({ children, className, ...rest }: { children?: ReactNode; className?: string }) {
  if (!isValidElement(children)) return null
  const child = children as ReactElement<{ className?: string }>
  return cloneElement(child, { ...rest, className: cn(className, child.props.className) })
}

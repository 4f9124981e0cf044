import { isIPv4, isIPv6 } from 'node:net'

/**
 * Truncated IP for audit and technical logs (R13.1): IPv4 keeps /24, IPv6 keeps /48.
 * Full addresses are stored only as consent proof (R9.2), never here.
 */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  const value = ip.trim()
  const mapped = value.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)
  if (mapped?.[1]) return truncateIp(mapped[1])
  if (isIPv4(value)) {
    const parts = value.split('.')
    return `${parts[0]}.${parts[1]}.${parts[2]}.0`
  }
  if (isIPv6(value)) {
    const expanded = expandIpv6(value)
    return `${expanded.slice(0, 3).join(':')}::`
  }
  return null
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const missing = 8 - left.length - right.length
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) =>
    (g || '0').toLowerCase().replace(/^0+(?=.)/, ''),
  )
}

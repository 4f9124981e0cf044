import { networkInterfaces } from 'node:os'

/**
 * The hosts a local start answers on: loopback names and this machine's own interface addresses (what the launcher
 * prints when HOST opens it to the network). next.config.ts allows them as dev origins (issue 19.1): Next blocks
 * its dev resources (HMR, the dev overlay) for any other origin than `localhost`, so at 127.0.0.1 nothing that
 * needs JavaScript reacted. IP literals of this machine cannot be an attacker's origin.
 */
export function localHosts(): string[] {
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined)
    .map((i) => (i.family === 'IPv6' ? `[${i.address.replace(/%.*$/, '')}]` : i.address))
  return [...new Set(['localhost', '127.0.0.1', '[::1]', ...own])]
}

/**
 * The URLs to print for a server listening on `host`:`port`: only addresses a browser can open. `0.0.0.0` listens
 * on IPv4 only, and a link-local IPv6 address (fe80::) needs a zone that a URL cannot carry.
 */
export function printableUrls(host: string, port: number): string[] {
  const open = host === '0.0.0.0' || host === '::'
  const reachable = (h: string) =>
    h !== '[::1]' && !/^\[fe80:/i.test(h) && (host === '::' || !h.startsWith('['))
  const hosts = open ? localHosts().filter(reachable) : [host === '127.0.0.1' ? 'localhost' : host]
  return [...new Set(hosts)].map((h) => `http://${h}:${port}`)
}

// autocannon 8 ships no types and @types/autocannon is not installed: the part bench/load.ts uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  type Histogram = { average: number; mean: number; min: number; max: number; total: number }
  type Result = {
    latency: Histogram & { p50: number; p99: number }
    requests: Histogram & { sent: number }
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  type Options = {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    timeout?: number
  }
  /** The returned tracker emits `response` (client, statusCode, bytes, responseTimeMs) for every response. */
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): EventEmitter
  export default autocannon
  export type { Result, Options }
}

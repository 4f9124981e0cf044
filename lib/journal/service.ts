export * from './entries'
export * from './coach'
export type { JournalEntry } from './crypto'

import { z } from 'zod'

export const ENTITY_TYPES = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'ADDRESS',
  'LOCATION',
  'ORGANIZATION',
  'DATE_OF_BIRTH',
  'AHV',
  'IBAN',
  'KARTE',
  'URL',
  'MEDICATION',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/** Placeholder labels, German like the practice: `[PERSON_1]`, `[ORT_2]`, `[MEDIKAMENT_1]`. */
export const LABELS: Record<EntityType, string> = {
  PERSON: 'PERSON',
  EMAIL: 'EMAIL',
  PHONE: 'TELEFON',
  ADDRESS: 'ADRESSE',
  LOCATION: 'ORT',
  ORGANIZATION: 'ORGANISATION',
  DATE_OF_BIRTH: 'GEBURTSDATUM',
  AHV: 'AHV',
  IBAN: 'IBAN',
  KARTE: 'KARTE',
  URL: 'URL',
  MEDICATION: 'MEDIKAMENT',
}

/** Where a span came from; earlier sources win overlaps (known > pattern > context > gazetteer > guess). */
export type Source = 'known' | 'pattern' | 'address' | 'context' | 'gazetteer' | 'guess'

export type Span = { start: number; end: number; type: EntityType; source: Source }

export const mappingEntrySchema = z.object({
  token: z.string().regex(/^[A-Z]+_\d+$/),
  type: z.enum(ENTITY_TYPES),
  /** The original as first seen; what re-identification puts back. */
  value: z.string().min(1),
  /** Folded forms that resolve to this token (surface variants, genitive, nicknames). */
  keys: z.array(z.string()),
})
export type MappingEntry = z.infer<typeof mappingEntrySchema>

/** A client's mapping: server-side only, stored encrypted with the client's key. */
export const mappingSchema = z.object({ version: z.literal(1), entries: z.array(mappingEntrySchema) })
export type Mapping = z.infer<typeof mappingSchema>

export const emptyMapping = (): Mapping => ({ version: 1, entries: [] })

/** What the database knows about a person in the text (R7.2: known entities, recall 1.00). */
export type KnownPerson = {
  name?: string | null
  nicknames?: readonly string[]
  email?: string | null
  phone?: string | null
  employer?: string | null
  town?: string | null
}

export type PseudonymizeContext = {
  client?: KnownPerson
  coach?: KnownPerson
  /** Other people the platform knows (e.g. a second coach). */
  others?: readonly KnownPerson[]
  /** The client's existing mapping: placeholders stay the same across texts. */
  mapping?: Mapping
  /** For dates of birth by age; defaults to now. */
  now?: Date
}

export type PseudonymizeStats = {
  /** Replacements per entity type in this text. */
  replaced: Partial<Record<EntityType, number>>
  /** Distinct placeholders used in this text. */
  placeholders: number
  inputChars: number
  outputChars: number
  language: Language
}

export type PseudonymizeResult = { text: string; mapping: Mapping; stats: PseudonymizeStats }

export type Language = 'de' | 'en' | 'it' | 'es'

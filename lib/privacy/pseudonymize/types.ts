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

/**
 * Where a span came from; earlier sources win overlaps (known > pattern > address > propagated > context >
 * gazetteer > guess). `propagated`: another form of an entity found elsewhere in the same text.
 */
export type Source = 'known' | 'pattern' | 'address' | 'propagated' | 'context' | 'gazetteer' | 'guess'

export type Span = { start: number; end: number; type: EntityType; source: Source }

export const mappingEntrySchema = z.object({
  token: z.string().regex(/^[A-Z]+_\d+$/),
  type: z.enum(ENTITY_TYPES),
  /** The original as first seen; what re-identification puts back. */
  value: z.string().min(1),
  /** Folded forms that resolve to this token (surface variants, genitive, nicknames). */
  keys: z.array(z.string()),
  /** The coach masked it in a review (R7.7): matched in any case, also where it is an ordinary word. */
  masked: z.boolean().optional(),
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
  /**
   * Tokens the coach masked in the review (R7.7): replaced everywhere, in any case, and added to the
   * returned mapping so they stay masked in the client's later texts.
   */
  masked?: readonly MaskedToken[]
}

export type MaskedToken = { value: string; type?: EntityType }

export type PseudonymizeStats = {
  /** Replacements per entity type in this text. */
  replaced: Partial<Record<EntityType, number>>
  /** Distinct placeholders used in this text. */
  placeholders: number
  inputChars: number
  outputChars: number
  language: Language
}

/** A token the detector scored as a possible identifier but did not replace (offsets in the output text). */
export type Suspect = {
  start: number
  end: number
  value: string
  /** 0–1: how strongly it looks like an identifier. */
  score: number
  reason: 'unknown-word' | 'dictionary-name' | 'name-list' | 'capitalised' | 'number'
}

export type PseudonymizeResult = {
  text: string
  mapping: Mapping
  stats: PseudonymizeStats
  /** What the coach should look at before sending ("Möglicherweise noch erkennbar"). */
  suspects: Suspect[]
}

export type Language = 'de' | 'en' | 'it' | 'es'

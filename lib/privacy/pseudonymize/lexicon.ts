/**
 * Context words for the rule layer (German incl. Swiss German, English, Italian, Spanish, some French).
 * All entries lowercase; lookups fold case. The large gazetteers live in ./data (see its README).
 */

/** A comma-separated word list (entries may contain spaces), trimmed. */
const list = (words: string) =>
  words
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)

/** A comma-separated word list (entries may contain spaces) as a lowercase set. */
const set = (words: string) =>
  new Set(
    words
      .split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  )

/** Titles and forms of address: the capitalised word(s) after them are a person's name. */
export const TITLES = set(`
  herr, herrn, hr, frau, fr, fräulein, dr, prof, professor, professorin, doktor, pfarrer, pfarrerin, mr, mrs,
  ms, miss, mx, sir, madam, signor, signore, signora, signorina, sig, sig.ra, dott, dottor, dottore,
  dottoressa, señor, señora, señorita, sr, sra, srta, don, doña, monsieur, madame, mme, mlle, maître,
  grüessech, grüezi, hallo, hoi, sali, ciao, hi, hello, dear, liebe, lieber, caro, cara, querido, querida,
  hola, buongiorno, ing, avv, arch, geom, dott.ssa, lic, licenciado, licenciada
`)

/** Words that may sit between a title and the name: "Dr. med. Meier", "Frau Dr. Keller". */
export const TITLE_FILLERS = set(`med, phil, dent, vet, rer, nat, iur, dipl, lic, dr, prof, pd`)

/** Greetings are titles only when they open an utterance ("Grüessech, Frau …" is handled by Frau). */
export const GREETINGS = set(`grüessech, grüezi, hallo, hoi, sali, ciao, hi, hello, hola, buongiorno`)

/** Relation and role words: "mein Bruder Valon", "my friend Hannah", "mi hermana Pilar". */
export const RELATIONS = set(`
  bruder, brüder, brüederli, schwester, schwöschter, schwoster, mutter, mueter, mami, mama, vater, vatter,
  papi, papa, sohn, sohnemann, tochter, tochter, mann, ehemann, ehefrau, partner, partnerin, freund, freundin,
  fründ, fründin, kollege, kollegin, arbeitskollege, arbeitskollegin, nachbar, nachbarin, nochber, nochberin,
  chef, chefin, vorgesetzter, vorgesetzte, lehrer, lehrerin, klassenlehrer, klassenlehrerin, lehrmeister,
  lehrmeisterin, teamleiter, teamleiterin, cousin, cousine, cousinen, onkel, tante, neffe, nichte, enkel,
  enkelin, schwager, schwägerin, schwiegermutter, schwiegervater, schwiegersohn, schwiegertochter,
  grossmutter, grossvater, grosi, grossmami, grosspapi, oma, opa, gotti, götti, gottichind, patenkind, ex,
  müeti, müetti, mueti, muetti, müetterli, ätti, vati, vätti, grossmüeti, grosmüeti, grossätti, grosätti,
  vermieter, vermieterin, verwalter, verwalterin, hauswart, hauswartin, landlord, landlady, casero, casera,
  padrone, padrona, exfrau, exmann, exfreund, exfreundin, mitbewohner, mitbewohnerin, therapeut, therapeutin, psychotherapeut,
  psychotherapeutin, psychiater, psychiaterin, psychologe, psychologin, schulpsychologe, schulpsychologin,
  arzt, ärztin, hausarzt, hausärztin, oberarzt, oberärztin, chefarzt, chefärztin, zahnarzt, zahnärztin,
  anwalt, anwältin, beiständin, beistand, betreuer, betreuerin, coach, trainer, trainerin, stiefvater,
  stiefmutter, stiefsohn, stieftochter, halbbruder, halbschwester, sohn, bub, bueb, meitli, tochter, kind,
  baby, verlobte, verlobter, lebenspartner, lebenspartnerin, liebling, schatz, gspänli, kumpel, brother,
  sister, mother, mom, mum, mummy, mommy, father, dad, daddy, son, daughter, husband, wife, partner, friend,
  boyfriend, girlfriend, fiancé, fiancée, colleague, coworker, co-worker, boss, manager, neighbour, neighbor,
  cousin, uncle, aunt, nephew, niece, grandmother, grandfather, grandma, grandpa, granny, flatmate, roommate,
  housemate, therapist, psychiatrist, psychologist, doctor, gp, teacher, ex, stepfather, stepmother, mother-
  in-law, father-in-law, sister-in-law, brother-in-law, mate, buddy, supervisor, mentor, fratello, sorella,
  madre, padre, mamma, papà, babbo, figlio, figlia, marito, moglie, compagno, compagna, fidanzato, fidanzata,
  amico, amica, collega, capo, vicino, vicina, cugino, cugina, zio, zia, nonno, nonna, suocero, suocera,
  cognato, cognata, nipote, medico, dottore, terapeuta, psichiatra, psicologo, psicologa, maestra, maestro,
  insegnante, hermano, hermana, madre, padre, mamá, papá, hijo, hija, marido, esposo, esposa, mujer, novio,
  novia, pareja, amigo, amiga, compañero, compañera, jefe, jefa, vecino, vecina, primo, prima, tío, tía,
  abuelo, abuela, suegro, suegra, cuñado, cuñada, sobrino, sobrina, médico, médica, terapeuta, psiquiatra,
  psicólogo, psicóloga, profesor, profesora, frère, sœur, mère, père, fils, fille, mari, femme, ami, amie,
  copain, copine, collègue, voisin, voisine, oncle, tante, amma, appa, ammi, abbu, babo, dede, teta, tetka, nonno, nonna, zio, zia,
  vorarbeiter, vorarbeiterin, polier, ausbildner, ausbildnerin, berufsbildner, berufsbildnerin, schulleiter,
  schulleiterin, abteilungsleiter, abteilungsleiterin, filialleiter, filialleiterin, gruppenleiter,
  gruppenleiterin, pflegevater, pflegemutter, ziehvater, ziehmutter, gotte, stepdad, stepmum, stepmom, hubby,
  bestie, foreman, ragazzo, ragazza, moroso, morosa, bimbo, bimba, figlioccio, figlioccia, padrino, madrina,
  caposquadra, capocantiere, badante, chico, chica, ahijado, ahijada, padrino, madrina, capataz,
  encargado, encargada, cuidador, cuidadora, peque, nona, tatta
`)

/** Verbs and phrases of naming: "alle sagen Sascha", "heisst Barbara", "se llama Ana". */
export const NAMING_CUES = list(`
  alle sagen, genannt, heisst, heißt, heiss, rufname, spitzname, called, named, known as, si chiama, mi
  chiamano, detto, detta, se llama, me llaman, llamado, llamada, s'appelle, lautend auf, z. h., z.h., zh.,
  c/o, zu handen, zuhanden, nennt mich, nennen mich, nannte mich, nannten mich, calls me, called me, mi
  chiama, mi chiamava, me llama, me llamaba, un tal, una tal, un certo, una certa, ein gewisser, eine gewisse,
  ich heisse, heisse ich, i heisse, i heiss, heiss i, mi chiamo, me llamo, my name is
`)

/** Form labels whose value is a person's name. */
export const PERSON_FIELDS = set(`
  name, vorname, nachname, familienname, rufname, teilnehmer, teilnehmerin, teilnehmende, klient, klientin,
  patient, patientin, kontaktperson, notfallkontakt, ansprechperson, ansprechpartner, ansprechpartnerin,
  kontakt, unterschrift, vertreten durch, full name, first name, last name, surname, contact, emergency
  contact, nome, cognome, nombre, apellido, apellidos, nom, prénom
`)

/** Form labels whose value is an organisation. */
export const ORG_FIELDS = set(`
  arbeitgeber, arbeitgeberin, firma, unternehmen, betrieb, schule, lehrbetrieb, krankenkasse, versicherung,
  zusatzversicherung, employer, company, school, insurance, datore di lavoro, azienda, cassa malati, empresa,
  empleador, employeur
`)

/** Form labels whose value is a place. */
export const PLACE_FIELDS = set(`
  wohnort, ort, heimatort, geburtsort, bürgerort, city, town, place of birth, hometown, città, luogo di
  nascita, ciudad, lugar de nacimiento, ville, wohnhaft, aufenthaltsort, herkunftsort, herkunftsland,
  geburtsland, stadtteil, quartier, residence, place of residence, country of birth, residenza, luogo di
  residenza, paese di nascita, quartiere, residencia, lugar de residencia, domicilio, país de nacimiento,
  barrio, domicile, lieu de résidence
`)

/** Kinds of road, not names: "eine Einbahnstrasse", "an der Seitenstrasse", "in der Sackgasse" (first parts). */
export const GENERIC_STREET_FRONT =
  /^(?:einbahn|schnell|auto|autobahn|milch|seiten|neben|quer|sack|durchgangs|umfahrungs|umgehungs|zufahrts|einkaufs|wohn|privat)$/

/** Words before a date that make it a date of birth (with Swiss German "gebore", "gebora", "Geburi"). */
export const DOB_CUES = list(`
  geb, geboren, geburtsdatum, geburtstag, jahrgang, gebore, gebora, geburi, dob, d.o.b, born, date of birth, birthday, birth date,
  nato, nata, data di nascita, nacido, nacida, fecha de nacimiento, né, née, date de naissance
`)

/** Prepositions after which a capitalised word is more likely a place. */
export const PLACE_PREPOSITIONS = set(`
  in, nach, aus, von, bis, ab, z, z', uf, vo, ga, gäge, richtung, bei, bi, to, from, near, at, a, da, di,
  verso, en, desde, hacia, cerca, à, de
`)

/** Swiss German articles before first names ("de Ruedi", "d'Anna", "em Peter", "s'Vreni"). */
export const DIALECT_ARTICLES = set(`de, d, d', em, am, vom, s, s', dr, dä, la, il, el`)

/** Determiners that turn an ambiguous capitalised word into a noun ("der Koch", "ein einsamer Wolf"). */
const GERMAN_DETERMINERS = `
  der, die, das, den, dem, des, ein, eine, einen, einem, einer, eines, kein, keine, keinen, keinem, keiner,
  dieser, diese, dieses, diesen, jeder, jede, jedes, jeden, im, am, zum, zur, vom, beim, ins, ans, e, es, en,
  mein, meine, meinen, meinem, meiner, dein, deine, sein, seine, ihr, ihre, unser, unsere, mini, dini, sini,
  mis, dis, sis, mys, dys, sys, üses, öies, so, sehr, zu, ganz, viel, wenig, mehr, guten, gute, guter, gutes, grosse, grossen, kleine,
  kleinen, neue, neuen, alte, alten`
const ENGLISH_DETERMINERS = `the, a, an, this, that, some, no, my, your, his, her, our, their, any, every`
const ITALIAN_DETERMINERS = `il, lo, la, i, gli, le, un, uno, una, questo, questa, mio, mia, tuo, tua, suo, sua, al, allo, alla, ai, agli, alle, del, dello, della, dei, degli, delle, dal, dallo, dalla, nel, nello, nella, sul, sullo, sulla`
const SPANISH_DETERMINERS = `el, los, las, un, una, unos, unas, este, esta, mi, tu, su, nuestro, nuestra, al, del`

/** Determiners that turn an ambiguous capitalised word into a noun ("der Koch", "ein einsamer Wolf"), per language. */
export const DETERMINERS_IN = {
  de: set(GERMAN_DETERMINERS),
  en: set(ENGLISH_DETERMINERS),
  it: set(ITALIAN_DETERMINERS),
  es: set(SPANISH_DETERMINERS),
}

/** All of them: words that are never part of a name. */
export const DETERMINERS = set(
  [GERMAN_DETERMINERS, ENGLISH_DETERMINERS, ITALIAN_DETERMINERS, SPANISH_DETERMINERS].join(','),
)

/** Speaker labels and form words that are roles, not names. */
export const ROLE_LABELS = set(`
  coach, klient, klientin, client, cliente, clienta, therapeut, therapeutin, interviewer, sprecher,
  sprecherin, speaker, q, a, frage, antwort, question, answer, domanda, risposta, pregunta, respuesta, notiz,
  note, ziel, ziele, thema
`)

/**
 * Capitalised words that are never identifiers on their own: sentence starters, pronouns, months and
 * weekdays, languages and nationalities, holidays, common apps. The data's `commonCapitalised` list adds
 * the frequent nouns.
 */
export const NEVER_NAMES = set(`
  ich, du, er, sie, es, wir, ihr, mir, mich, dir, dich, ihm, ihn, uns, euch, man, i, you, he, she, it, we,
  they, me, him, us, them, io, tu, lui, lei, noi, voi, loro, yo, él, ella, nosotros, ellos, ellas, usted,
  ustedes, januar, jänner, februar, märz, april, mai, juni, juli, august, september, oktober, november,
  dezember, january, february, march, may, june, july, october, december, gennaio, febbraio, marzo, aprile,
  maggio, giugno, luglio, agosto, settembre, ottobre, novembre, dicembre, enero, febrero, abril, mayo, junio,
  julio, septiembre, octubre, noviembre, diciembre, montag, dienstag, mittwoch, donnerstag, freitag, samstag,
  sonntag, mäntig, zischtig, mittwuch, dunnschtig, frittig, samschtig, sunntig, monday, mondays, tuesdays, wednesdays, thursdays, fridays, saturdays, sundays, tuesday, wednesday,
  thursday, friday, saturday, sunday, lunedì, martedì, mercoledì, giovedì, venerdì, sabato, domenica, lunes,
  martes, miércoles, jueves, viernes, sábado, domingo, deutsch, englisch, französisch, italienisch, spanisch,
  schweizerdeutsch, german, english, french, italian, spanish, swiss, portuguese, albanian, turkish, tamil,
  christmas, easter, weihnachten, ostern, silvester, neujahr, pfingsten, natale, pasqua, navidad, pascua, god,
  diwali, deepavali, holi, navratri, hanukkah, hanukka, chanukka, chanukah, pessach, pesach, passover, purim,
  sukkot, nowruz, newroz, vesak, bayram, quaresima, cuaresma, fastenzeit, lent, advent, avvento, adviento,
  pentecoste, pentecost, pentecostés, ognissanti, allerheiligen, ferragosto, befana, epifania, epifanía,
  halloween, thanksgiving, weihnacht, capodanno, nochebuena, nochevieja, samichlaus, dreikönigstag,
  gott, dio, dios, instagram, whatsapp, facebook, tiktok, linkedin, youtube, netflix, spotify, zoom, teams,
  google, iphone, android, sms, mail, e-mail, email, ok, okay, coach, coaching, klient, klientin, client,
  cliente, clienta, hr, ceo, it, adhs, adhd, ptbs, ptsd, iv, rav, kesb, wc, tv, pc, ki, ai, mrt, ekg, cv, gp,
  dr, nr, tel, zmittag, znacht, znüni, zvieri, zmorge, mami, papi, grosi, mum, mom, dad, mamma, papà, mamá,
  papá, frage, antwort, name, tram, kita, bus, velo, piccolo, reha, idea, sini, ätti, mamie, oma, opa, papa, mama, mam, mammy, nana, nanna, granny, grandma, grandpa, grosmueter, grosmuetter, grossmuetter, adresse, telefon, mobile, e-mail-adresse, iban, ahv
`)

/** Noun endings: an unknown capitalised German word ending like this is a noun, not a name. */
export const NOUN_SUFFIXES = list(`
  ung, ungen, heit, heiten, keit, keiten, schaft, schaften, tion, tionen, ität, itäten, nis, nisse, tum,
  ismus, ment, mente, ur, ik, enz, anz, ei, eien, chen, sucht, angst, ängste, gefühl, gefühle, probleme,
  problem, arbeit, zeit, tag, tage, woche, wochen, stunde, stunden, termin, gespräch, gespräche, haus, platz,
  weg, leben, schmerzen, störung, therapie, klinik, ärztin, arzt, kraft, frau, mann, kind, kinder, eltern
`)

/** Colour words, also as the end of a compound ("Hellblau", "Dunkelgrün", "Altrosa"). */
const COLOUR_ENDING =
  /(?:blau|rot|grün|gelb|schwarz|weiss|weiß|grau|braun|rosa|lila|violett|orange|beige|türkis|pink|oliv|ocker|silber|gold)$/

/** A colour after "in": the colour as a noun ("in Hellblau", "ganz in Schwarz"), no place or person. */
export const colourAfterIn = (prev: { lower: string } | undefined, lower: string) =>
  prev !== undefined && prev.lower === 'in' && COLOUR_ENDING.test(lower)

/** Unknown capitalised words with these endings look like Swiss and German place names. */
export const PLACE_SUFFIXES = list(`
  ingen, ikon, iken, ikofen, wil, wyl, dorf, bach, berg, burg, egg, hausen, heim, stetten, felden, feld, thal,
  tal, see, brugg, bruck, ried, hofen, stadt, münster, kirch, kirchen, au, ach, wiler, weiler, riet, rüti,
  schwand, matt, alp, horn
`)

/**
 * Function words per language for a cheap language guess. Swiss German counts for German with its own
 * function words: dialect text is full of "i", "mi", "es", "no", "se", which are English, Italian and
 * Spanish markers too ("Ig bi wi nes …", "i bi nümma …"). Eastern and Central dialects have their own forms
 * ("ond" for und, "bi"/"vo"/"uf" for bei/von/auf, "söll", "wött", "öb"): "I bi mit em Hond …" is no English.
 */
export const LANGUAGE_MARKERS: Record<'de' | 'en' | 'it' | 'es', Set<string>> = {
  de: set(
    `und, ich, der, die, das, nicht, ist, mit, auf, sich, isch, han, nöd, het, au, aber, wie, dass, hat, habe, bin, mini, eifach, chli, gsi, weisch, wieder,
     ig, hät, händ, hend, nüd, nid, nüt, nüme, hüt, öppis, öpper, gseit, gsait, gsäit, säit, chunnt, chunt, chunsch, wott, hani, hesch, bisch, gha, ghört, dänn, gäll, muesch, gsii, gsy,
     ond, bi, vo, uf, ufs, eso, goht, gsee, söll, wött, öb, kei, nöt, nüüt, gsäät, gsääd, ned, hed`,
  ),
  en: set(`the, and, i, is, to, of, my, that, it, was, with, for, you, but, i'm, have, this, what, not, be`),
  it: set(`il, che, di, e, non, mi, la, per, sono, un, una, ho, è, con, come, anche, della, del, ma, lei`),
  es: set(`el, que, y, no, me, los, las, por, con, es, mi, una, lo, se, del, pero, para, muy, está, también`),
}

/**
 * Public bodies, social insurances and helplines: naming them says what happens, not who someone is, and the
 * content ("IV-Antrag", "RAV", "Betreibungsamt") must survive. Never organisations for the pseudonymiser.
 * (Caritas is no longer here: a private charity that runs courses, shops and debt advice is an
 * organisation like HEKS or the Heilsarmee, and the labelled sets mark it as one. The same holds for the other
 * private foundations and associations that were here — Pro Senectute, Pro Juventute, Pro Infirmis, the Red
 * Cross, the Dargebotene Hand: which one a client turns to, and where, is about the client.)
 */
export const NOT_IDENTIFYING_ORGS = set(`
  ahv, iv, rav, kesb, alv, el, eo, uvg, bvg, kvg, sva, svA, betreibungsamt, sozialamt, sozialdienst, steueramt,
  zivilstandsamt, einwohnerkontrolle, migrationsamt, arbeitsamt, gemeinde, spitex, telefon 143, 147, elternnotruf,
  opferhilfe, kinderschutz, frauenhaus, psychiatrie, notfall, hausarzt, kinderarzt, polizei, feuerwehr, ambulanz
`)

/**
 * First names the German spelling dictionary carries as proper names (genitive or plural flags), which made
 * them look like ordinary German words to the gazetteer build. In German text they are names.
 */
export const GERMAN_PROPER_NAMES = set(`
  adrian, albert, alberte, andre, andres, christian, christiane, christin, georg, george, georges, gottlob,
  johann, johannes, kasper, kurt, malte, pierre, simon, simone, solange, theodor, theodore, gabriel, gabriele,
  jette, lasse, luke, matt, mattes, maxime, milan, quinten, stella, urban, frank, laure, ellen, hellen, allen,
  holden, loren, darin, domen, brett, bob, hänsel, olympia, vitale, adele, bella, bette, jude, luna, luz, lila,
  delphine, violette, melodie, aurora, blanche, marge, kellen, landen, giel, siebe, moreno, nasser, mensur,
  erzen, granit, büke, jure, antun, arie, davor, ion, song, wen, sang, dung, hai, chi, phi, mir, nur, kader
`)

/**
 * Latinate adjective endings of English (regulatory, clinical, financial, operative): such a word written
 * with a capital mid-sentence names a team or department ("from Regulatory"), not a person or a place.
 */
export const ENGLISH_ADJECTIVE_ENDING = /.{4}(?:ory|ary|ive|ical|ial|ous|able|ible)$/

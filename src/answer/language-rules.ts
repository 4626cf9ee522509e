import { analyze } from "../text/analyze.ts";
import type { Language } from "../text/language.ts";
import { stemWord } from "../text/stem-word.ts";
import type { QuestionRole } from "./answer-type.ts";
import type { Token } from "./sentence-tokens.ts";
import type { TransliteratedName } from "./transliterated-names.ts";

/**
 * Everything the model-free answerer assumes about the language of a question, in one place: how a
 * question names the slot it asks for, its key constraints, conversational turns, and whether a
 * capital letter inside a sentence marks a name. English is written out; a language without rules
 * here still gets answers, only without the checks that would misfire on it. The question's
 * language comes from `detectQuestionLanguage` (src/text).
 */
export interface LanguageRules {
  /** Terms and stems as this language's analyzer makes them, for comparing words the rules pick out. */
  terms(text: string): string[];
  stem(word: string): string;
  /** Whether a capitalised word inside a sentence is a name (English, Spanish) or may be any noun (German). */
  readonly capitalisedWordsAreNames: boolean;
  readonly slots: readonly SlotPattern[];
  /** "how many X": X is captured in group 1. */
  readonly countedNoun?: RegExp;
  readonly keyConstraints: readonly KeyConstraint[];
  /** Words that rank ("biggest", "second-largest", "first"): a wh-question's rank must be the sentence's. */
  readonly rankWords: RegExp;
  /** Yes/no questions, which may ask about a rank the sentence contradicts ("Is this his first visit?"). */
  readonly yesNoQuestion: RegExp;
  readonly conversation: ConversationPatterns;
  /** Words that introduce a place ("in Lima"). */
  readonly locativePrepositions: ReadonlySet<string>;
  /** Verbs of saying: "X said" names X as the speaker, not as an answer. */
  readonly speechVerbs: RegExp;
  /** A question about the saying itself ("Who gave the interview?"), which the speaker does answer. */
  readonly asksAboutSpeech: RegExp;
  /**
   * Questions about what someone said ("What did Boluarte say…?", "…, according to Boluarte?"): the
   * words naming the speaker are captured in the first group that matched, and a name among them must be in the answer.
   */
  readonly speechSubject?: RegExp;
  /**
   * For a question in another language: whether a sentence is said by the speaker its words name
   * (`speechSubject`'s capture), given the sentence before for "…, he said"; without it, a capitalised
   * name of the subject must be in the sentence.
   */
  readonly speakerMatches?: (subject: string, sentenceTokens: readonly Token[], previousTokens?: readonly Token[]) => boolean;
  /** Words that start a sentence without being a name even when capitalised ("The", "During"). */
  readonly determinersAndPronouns: ReadonlySet<string>;
  /** Capitalised words that are not names: days and months. */
  readonly calendarWords: RegExp;
  /** The question as the slot and constraint patterns read it; lower-cased when absent. */
  readonly questionText?: (question: string) => string;
  /**
   * For a question in another language than the sentences (cross-lingual-rules.ts): its role nouns
   * in the sentences' language, and whether it asks who holds one ("¿Quién es el embajador…?").
   */
  readonly questionRoles?: (question: string) => {
    identity: boolean;
    roles: readonly QuestionRole[];
    /** "¿Qué ministros…?", "哪位部长…？": the stem of the role whose holders are asked for. */
    asked?: string;
  };
  /**
   * The same: a "when" that asks for a time of day ("¿A qué hora…?", "几点…？"), which a date or weekday
   * does not answer; read on `questionText`. English questions use the answer-type rules' own pattern.
   */
  readonly clockQuestion?: RegExp;
  /** The same: a "when" that asks for a month ("¿En qué mes…?", "几月"); read on `questionText`. */
  readonly monthQuestion?: RegExp;
  /**
   * The same: whether a "who" question names who acts and asks for the other party ("¿Con quién hablará
   * Xi…?"), whom a phrase for both ("the two presidents") does not name.
   */
  readonly asksOtherParty?: (question: string) => boolean;
  /** The same: English passive participles of the acts the question asks the doer of ("¿Quién firmó…?": "signed"). */
  readonly questionActs?: (question: string) => readonly RegExp[];
  /** The same: the unit of time a duration is asked in ("¿Cuántos días…?" gives "day"). */
  readonly questionUnit?: (question: string) => string | undefined;
  /** The same: whether "which city", "which country" or a thing that is no place ("¿Qué empresa…?") is asked. */
  readonly questionPlaceKind?: (question: string) => AskedPlaceKind | undefined;
  /** The same: the names the question uses, as the sentences would spell them ("巴西" is "brazil"). */
  readonly questionNames?: (question: string) => string[];
  /**
   * The same: a rank the question states rather than asks ("el segundo socio comercial del Perú",
   * "秘鲁的第二大贸易伙伴"), 1 for the top one, with the places it is ranked for, in English.
   */
  readonly questionRank?: (question: string) => StatedRank | undefined;
  /** The same: foreign names the question spells by sound ("博鲁阿尔特"), which the sources spell in letters. */
  readonly transliteratedNames?: (question: string) => TransliteratedName[];
}

export interface StatedRank {
  readonly rank: number;
  /** "una de las mayores", "最大的…之一": one of the top ones, which the top one or "one of the largest" answers. */
  readonly among?: boolean;
  /** "最重要", "el más importante": the top one by importance, which "the most crucial" says as well as "main" does. */
  readonly importance?: boolean;
  /** Whose ranking it is ("del Perú": peru); empty when the question does not say. */
  readonly owners: readonly string[];
}

/** What kind of place a "which" question asks for; "none" for an organisation, which is no place. */
export type AskedPlaceKind = "city" | "country" | "none";

export type Slot =
  | "person"
  | "place"
  | "named"
  | "organisation"
  | "time"
  | "weekday"
  | "year"
  | "quantity"
  | "money"
  | "duration"
  | "frequency"
  | "ordinal"
  | "rank"
  | "count"
  | "times"
  | "since"
  | "percentage"
  | "any";

export interface SlotPattern {
  readonly slot: Slot;
  readonly pattern: RegExp;
}

/**
 * A word of the question that narrows it to something a sentence must also say ("original", "last
 * year", "cost"): `inSentence` is what counts as saying it. `needsMoney` asks for an amount of money.
 */
export interface KeyConstraint {
  readonly name: string;
  readonly inQuestion: RegExp;
  readonly inSentence?: RegExp;
  readonly needsMoney?: boolean;
  /** A thing a sentence may refer back to ("With this upgrade, …"): said in the sentence before counts too. */
  readonly mayBePrevious?: boolean;
  /** Said by the sentence, but not where the answer stands: it anchors no slot filler. */
  readonly notAnchor?: boolean;
}

export interface ConversationPatterns {
  readonly greeting: RegExp;
  readonly thanks: RegExp;
  readonly scope: RegExp;
  readonly more: RegExp;
  /**
   * A turn addressed to the bot ("you") made only of these words asks what it can do ("What topics
   * can you help me with?", "How can you help?"): it names no topic, so there is nothing to look up.
   */
  readonly aboutTheBot?: { readonly addressee: RegExp; readonly words: ReadonlySet<string> };
}

const ENGLISH: LanguageRules = {
  terms: (text) => analyze(text, { language: "en" }),
  stem: (word) => stemWord(word.toLowerCase(), "en"),
  capitalisedWordsAreNames: true,
  // The first pattern that matches decides; "where does X rank" asks for a rank, not a place.
  slots: [
    { slot: "any", pattern: /^where (does|do|did|is|are) .* rank\b/ },
    { slot: "weekday", pattern: /\b(which|what) (week)?day\b|\bon which day\b|\bday of the week\b/ },
    { slot: "year", pattern: /\b(which|what|in which|in what) year\b|^what year\b/ },
    { slot: "frequency", pattern: /\bhow often\b/ },
    {
      slot: "time",
      pattern:
        /^(on |and |so )?(when|since when|until when|by when)\b|\b(what|which) (week)?(day|date|time|month)\b|\bby what time\b|\bhow long ago\b|\bon which day\b/,
    },
    { slot: "percentage", pattern: /\b(what|which) (percentage|share|proportion|fraction|percent)\b|\bhow many percent\b/ },
    {
      slot: "percentage",
      pattern: /^what (is|was|are|were|will be) the (percentage|share|proportion|fraction)\b/,
    },
    { slot: "quantity", pattern: /\bhow long (must|should|can|may|is|are|does|do|will)\b.*\bbe\b/ },
    { slot: "duration", pattern: /\b(how long|how soon|for how long|how much time|how much notice)\b/ },
    { slot: "money", pattern: /\bhow much\b.*\b(cost|costs|spend|pay|paid|price|invest|invested|worth|charge|reimburs\w*)\b/ },
    { slot: "money", pattern: /\bhow much (is|are|was|were|money)\b.*\b(allowance|budget|salary|fee|limit|price|cost)\b/ },
    { slot: "quantity", pattern: /\bhow (many|much)\b|\b(what|which) (number|percentage|share|proportion|amount)\b/ },
    {
      slot: "quantity",
      pattern:
        /^what (is|was|are|were|will be) the (population|size|length|height|width|depth|area|capacity|distance|number|percentage|share|amount|total|volume|headcount)\b/,
    },
    {
      slot: "person",
      pattern:
        /^(who|whom|whose)\b|\b(who|whom|whose) (is|was|will|did|does|are|were|has|have|can|must|should|approves|decides|leads)\b|^by whom\b/,
    },
    { slot: "place", pattern: /^(where|from where)\b/ },
    {
      slot: "named",
      pattern: /\b(which|what) ([\p{L}-]+ )?(city|country|place|region|town|continent|ocean|metropolis|nation)\b/u,
    },
    {
      slot: "organisation",
      pattern: /\b(which|what) ([\p{L}-]+ )?(newspaper|paper|company|firm|organisation|organization|agency|tool|system)\b/u,
    },
  ],
  countedNoun: /\bhow many ([\p{L}-]+(?: [\p{L}-]+){0,2})/u,
  keyConstraints: [
    {
      name: "original",
      inQuestion: /\b(original|originally|initial)\b/,
      inSentence: /\b(original|originally|initial|first signed|first)\b/i,
    },
    { name: "last year", inQuestion: /\blast year\b/, inSentence: /\b(last year|previous year|a year ago)\b/i },
    { name: "value", inQuestion: /\b(value|worth)\b/, needsMoney: true },
    { name: "cost", inQuestion: /\b(cost|costs|price|prices|priced)\b/, needsMoney: true },
    {
      name: "else",
      inQuestion: /\b(else|besides|apart from|in addition to)\b/,
      inSentence: /\b(also|as well|too|another|others|besides|in addition|along with|accompan\w*)\b/i,
    },
    { name: "other", inQuestion: /\b(other|others)\b/, inSentence: /\b(other|others|another)\b/i },
  ],
  rankWords:
    /^(?:[\p{L}]+-)?(largest|biggest|smallest|highest|lowest|greatest|most|least|first|second|third|fourth|fifth|top|fastest|longest|shortest|oldest|newest|latest|earliest|closest|main)$/u,
  yesNoQuestion: /^(is|are|was|were|do|does|did|can|could|will|would|has|have|had|may|must|should)\b/i,
  conversation: {
    greeting: /^(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day))( there| all| everyone| bot)?[\s!.,:)]*$/i,
    thanks:
      /^((ok|okay|great|perfect|cool|nice|awesome|excellent|got it|i see|understood|fine)[\s,!.]*)*(thanks|thank you|thank you very much|thanks a lot|many thanks|thx|cheers|that helps|that helped|that's helpful|that is helpful|very helpful|helpful)([\s,!.]+(a lot|so much|very much|again|that helps|that helped|that's helpful|that is helpful))*[\s!.,:)]*$|^(ok|okay|great|perfect|cool|nice|awesome|got it|i see|understood)[\s!.,]*$/i,
    scope:
      /^(help|\?|what (can|do|could) you (answer|help( me)? with|tell me( about)?|do|know( about)?)|what (topics|subjects|questions|kind of questions|sort of questions|things) (do you (know|cover|answer)|can i ask( you)?|do you know about)( about)?|what do you know( about)?|who are you|what are you)[\s?!.]*$/i,
    more: /^(and )?(tell me more|more|more please|go on|continue|anything else|what else|keep going|more details|more about (it|that|this))[\s?!.]*$/i,
    aboutTheBot: {
      addressee: /\b(you|your|yourself)\b/i,
      words: new Set(
        "what what's whats which how who can could do does will would are is be you your yourself i me my we us help assist answer ask tell know cover handle talk discuss topics topic subjects subject questions question things thing kind kinds sort sorts type types areas area fields field of about with on for the a an to able please exactly else information info offer provide support anything something here use good at".split(
          " ",
        ),
      ),
    },
  },
  calendarWords:
    /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/,
  locativePrepositions: new Set(["in", "at", "to", "from", "across", "near", "inside", "into", "within", "on"]),
  speechVerbs: /^(said|says|told|tells|added|adds|noted|notes|explained|explains|stated|states|announced|announces|wrote|writes)$/i,
  asksAboutSpeech: /\b(said|say|says|told|interview|interviewed|spoke|speak|talk|talked|quoted|according)\b/i,
  speechSubject:
    /^(?:[Ww]hat|[Hh]ow|[Ww]hy) (?:did|does|do|has|have|had|will|would) (.+?) (?:say|said|tell|told|think|mean|announce|write|claim|state)\b|\baccording to ((?:\p{Lu}[\p{L}.'’-]*\s*)+)/u,
  determinersAndPronouns: new Set(
    "the a an this that these those his her its their our your my he she it they we you i there here during in on at for with from by as if when while after before according every each some all any no not".split(
      " ",
    ),
  ),
};

/** Rules for languages not written out yet: no slot typing, no English wording checks. */
const NEUTRAL: LanguageRules = {
  terms: (text) => analyze(text),
  stem: (word) => word.toLowerCase(),
  capitalisedWordsAreNames: false,
  slots: [],
  keyConstraints: [],
  rankWords: /(?!)/,
  yesNoQuestion: /(?!)/,
  conversation: { greeting: /(?!)/, thanks: /(?!)/, scope: /(?!)/, more: /(?!)/ },
  calendarWords: /(?!)/,
  locativePrepositions: new Set(),
  speechVerbs: /(?!)/,
  asksAboutSpeech: /(?!)/,
  determinersAndPronouns: new Set(),
};

const RULES: Partial<Record<Language, LanguageRules>> = { en: ENGLISH };

/** The rules for questions in `language`; languages not written out get neutral rules (no English checks). */
export function languageRules(language: Language): LanguageRules {
  return RULES[language] ?? NEUTRAL;
}

/** English stems, which the word-level rules (role nouns, counted nouns, owners) compare. */
export function stemEnglish(word: string): string {
  return ENGLISH.stem(word);
}

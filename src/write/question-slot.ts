/**
 * What kind of short answer a factoid question asks for, in English, Spanish or Chinese. Questions
 * that ask for no single slot (why, how, summaries, yes/no, several parts) get `undefined` and are
 * answered in free form.
 */
export type Slot = "person" | "place" | "time" | "quantity" | "thing";

/** Words that name who, without a name: a role, or a group ("Whose access ...?" → "rural communities"). */
export const PERSON_WORDS =
  /\b(presidents?|ambassadors?|ministers?|leaders?|officials?|envoys?|spokesperson|both|delegation|chairman|communit(y|ies)|people|peoples|residents?|citizens?|families|famil(y|ies)|farmers?|workers?|students?|children|women|men|households?)\b/i;

const FREE_FORM =
  /\b(why|how (does|do|did|is|are|will|can|could|would)|explain|describe|summar|overview|tell me|what (happened|about)|compare|difference|por qué|resum|explica|describe)\b|为什么|总结|概括|介绍|怎么样/i;

const PATTERNS: readonly (readonly [RegExp, Slot])[] = [
  [
    /^(when|since when|until when|on what (day|date))\b|\b(what|which) (week)?(day|date|year|month|time)\b|^(cuándo|cuando)\b|\bqué (día|año|hora)\b|什么时候|何时|哪一?天|星期几|几号|几点|哪一?年/i,
    "time",
  ],
  [/\bhow (many|much)\b|\b(what|which) (number|percentage|share|amount)\b|^(cuántos|cuántas|cuanto|cuánto)\b|多少|几/i, "quantity"],
  [
    /^(who|whom|whose)\b|^(with|to|for|from|by) whom\b|\b(who|whom) (is|was|will|did|does|are|were)\b|^((con|a|de|para|por) )?(quién|quien|quiénes)\b|谁/i,
    "person",
  ],
  [
    /^where\b|\b(in|to|from|at|with) (which|what) (city|country|place|port|capital|region|town|continent|province)\b|\b(which|what) (city|country|place|port|capital|region|town|continent|province)\b|^(dónde|donde|adónde)\b|\b(en|con|a|de|desde|hacia) qué (ciudad|país|lugar|región)|^(qué|cuál) (ciudad|país|lugar|región)\b|哪里|哪儿|在哪(?!些|种|个方面)|哪个城市|哪座城市|哪个国家/i,
    "place",
  ],
];

/** "Which/what" and at most one more word before a noun for people ("which Chinese official"), not before a thing ("which official document"). */
const ROLE_QUESTION =
  /^(which|what|qu[ée]|cu[áa]l(es)?)\s+((?!(did|does|do|is|are|was|were|will|would|can|could|has|have|should|dijo|es|son|fue)\b)\p{L}+\s+)?(officials?|ministers?|presidents?|leaders?|ambassadors?|envoys?|diplomats?|executives?|managers?|funcionari[oa]s?|ministr[oa]s?|presidentes?|l[íi]deres|embajador(es)?)(?=\s+(?!(documents?|statements?|visits?|meetings?|talks|trips?|agreements?|documentos?|declaraci[oó]n|visitas?|reuni[oó]n(es)?)\b)|[\s?,.]*$)/iu;

/** Different question words in one question ("When does it start, and how many ...?"). */
function askedWords(text: string): number {
  const found = text.toLowerCase().match(/\b(when|where|who|whom|how many|how much|how long|which|why)\b/g) ?? [];
  return new Set(found).size;
}

/** A follow-up's opening conjunction ("And where …?", "¿Y cuándo …?"), which the question words follow. */
const OPENING_CONJUNCTION = /^(and|but|so|then|y|e|pero|entonces)[\s,]+/i;

function questionText(question: string): string {
  return question
    .trim()
    .replace(/^[¿¡"'“\s]+/, "")
    .replace(OPENING_CONJUNCTION, "")
    .replace(/^[¿¡"'“\s]+/, "");
}

export function questionSlot(question: string): Slot | undefined {
  const text = questionText(question);
  if (FREE_FORM.test(text)) return undefined;
  // Several questions in one ("When and where ...?", "Who ... and what ...?") want several facts.
  if ((text.match(/[?？]/g) ?? []).length > 1 || askedWords(text) > 1) return undefined;
  for (const [pattern, slot] of PATTERNS) if (pattern.test(text)) return slot;
  // "Which Chinese official ...?", "What ministers ...?", "¿Qué funcionario ...?": who, by role.
  if (ROLE_QUESTION.test(text)) return "person";
  // "Which company ...", "What day ...": a thing; "What did X say?" asks for an account, not a slot.
  if (
    /^(what|which)\s+(?!(did|does|do|is|are|was|were|will|would|can|could|has|have|should)\b)/i.test(text) &&
    text.split(/\s+/).length <= 10
  )
    return "thing";
  // The same in Spanish ("¿Qué foro ...?", not "¿Qué dijo ...?"). Not Chinese: there no check reads
  // the kind of thing ("什么会议" took "Beijing" on a dev item), and free form at least abstained.
  if (
    /^(qué|cuál|cuáles)\s+(?!(es|son|fue|era|ha|han|había|dijo|dice|dicen|hizo|hace|hará|significa|pasó|opina|piensa)\b)\p{L}/iu.test(text)
  )
    return "thing";
  return undefined;
}

/**
 * A question that asks for a fact ("What is the total value ...?", "How long is the route?", "¿Cuál
 * es ...?", "多少"), slot or not, rather than for a reason, a manner, a yes or no, or a summary: when the
 * sources lack that fact, "the sources do not say ..." is no answer to it but an abstention. A
 * correction answers "Why did X ...?" and "Did X ...?", whose premise can be false.
 */
export function asksForFact(question: string): boolean {
  const text = questionText(question);
  if (questionSlot(text) !== undefined) return true;
  if (/\b(why|how come)\b|por qué|porqué|为什么|为何|怎么会/i.test(text)) return false;
  return FACT_QUESTION.test(text);
}

const FACT_QUESTION =
  /^(what|which|who|whom|whose|when|where|how (many|much|long|far|big|large|old|often|tall|high|deep|wide))\b|^(qué|que|cuál|cual|cuáles|quién|quien|quiénes|cuándo|dónde|donde|cuánto|cuánta|cuántos|cuántas)(?!\p{L})|什么|哪|谁|多少|多久|多长|多大|几/iu;

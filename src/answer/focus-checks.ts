import { moneyRuns } from "./amount-spans.ts";
import type { KeyConstraint, LanguageRules } from "./language-rules.ts";
import { stemEnglish as stem } from "./language-rules.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";

/** The key constraints a question sets ("original", "last year", "cost", "else"). */
export function keyConstraints(question: string, rules: LanguageRules): KeyConstraint[] {
  const text = rules.questionText?.(question) ?? question.toLowerCase();
  return rules.keyConstraints.filter((constraint) => constraint.inQuestion.test(text));
}

/**
 * A sentence carries the question's focus, not just its topic: every key constraint is said in it
 * ("What was the value of bilateral trade last year?" needs an amount and "last year"), and where the
 * question names whose thing it asks about ("China's biggest trading partner") the sentence does not
 * say it of someone else ("Peru's biggest trading partner").
 */
export function carriesFocus(options: { question: string; sentence: string; rules: LanguageRules }): boolean {
  const { question, sentence, rules } = options;
  const sentenceTokens = tokenize(sentence);
  for (const constraint of keyConstraints(question, rules)) {
    if (constraint.inSentence && !constraint.inSentence.test(sentence)) return false;
    if (constraint.needsMoney && moneyRuns(sentence, sentenceTokens).length === 0) return false;
  }
  const questionTokens = tokenize(question);
  return ranksAgree({ question, questionTokens, sentenceTokens, rules }) && !ownerDiffers(questionTokens, sentenceTokens);
}

/** "Which country is Peru's second-largest trading partner?" is not answered by its biggest one. */
function ranksAgree(options: {
  question: string;
  questionTokens: readonly Token[];
  sentenceTokens: readonly Token[];
  rules: LanguageRules;
}): boolean {
  const { question, questionTokens, sentenceTokens, rules } = options;
  if (rules.yesNoQuestion.test(question.trim())) return true;
  const said = new Set(sentenceTokens.map((token) => token.lower));
  return questionTokens.filter((token) => rules.rankWords.test(token.lower)).every((token) => said.has(token.lower));
}

/** Only names count as owners: "the nation's experience" may well be China's. */
function ownerDiffers(questionTokens: readonly Token[], sentenceTokens: readonly Token[]): boolean {
  return questionTokens.some((owner, index) => {
    const owned = questionTokens[index + 1];
    if (!owner.possessive || !owner.capitalised || !owned) return false;
    const ownedStem = stem(owned.lower);
    return sentenceTokens.some((candidate, position) => {
      if (!candidate.possessive || !candidate.capitalised || stem(sentenceTokens[position + 1]?.lower ?? "") !== ownedStem) return false;
      // "President Xi Jinping's state visit" is Xi's.
      const ownerName = sentenceTokens.slice(Math.max(0, position - 2), position + 1).filter((token) => token.capitalised);
      return !ownerName.some((token) => token.lower === owner.lower);
    });
  });
}

import { describe, expect, it } from "vitest";
import { otherKinds } from "../../src/answer/compound-nouns.ts";
import { languageRules } from "../../src/answer/language-rules.ts";

const rules = languageRules("en");
const kinds = (question: string, sentence: string) => otherKinds({ question, sentence, rules });

describe("otherKinds", () => {
  it("finds a noun the question qualifies one way and the sentence another", () => {
    expect(
      kinds("How many days of paid study leave do employees get?", "Employees may take up to 5 days of paid bereavement leave."),
    ).toEqual([{ asked: "study", said: ["bereavement"] }]);
    expect(kinds("What is the password for the staff Wi-Fi?", "Free Wi-Fi is available in every branch; no password is needed.")).toEqual([
      { asked: "staff", said: ["free"] },
    ]);
  });

  it("finds nothing when the sentence says the qualifier or the bare noun", () => {
    expect(kinds("How many days of paid study leave do employees get?", "Study leave is 3 days a year.")).toEqual([]);
    expect(kinds("What is the password for the staff Wi-Fi?", "The Wi-Fi password is on the badge; staff Wi-Fi needs none.")).toEqual([]);
    expect(kinds("What is the password for the staff Wi-Fi?", "Ask at the desk for the Wi-Fi password.")).toEqual([]);
  });

  it("leaves verbs, graded adjectives, ordinals, names and function words alone", () => {
    // "most crucial meetings" grades; "written interview" and "gave China" are verb forms and names.
    expect(kinds("What did the leaders reach in their top-level meetings?", "The most crucial meetings were in Lima.")).toEqual([]);
    expect(kinds("Which newspaper interviewed Balarezo?", "Balarezo told China Daily in a written interview.")).toEqual([]);
    expect(kinds("Is this his first visit there?", "It will be his second visit to Peru.")).toEqual([]);
    expect(kinds("How much is the hotel limit per night?", "Hotels are paid up to 180 euros per night.")).toEqual([]);
    expect(kinds("Does the company help pay for my internet?", "The company pays an internet allowance.")).toEqual([]);
  });
});

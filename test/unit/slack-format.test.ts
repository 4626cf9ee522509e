import { describe, expect, it } from "vitest";
import type { AskResponse, Citation } from "../../src/answer/types.ts";
import { message as botMessage } from "../../src/i18n/messages.ts";
import { SLACK_LIMITS, type SlackBlock } from "../../src/slack/block-kit.ts";
import { formatAnswer, formatNotice } from "../../src/slack/format-answer.ts";
import { escapeSlackText, slackTextToPlain, splitEscapedText, trimEscapedText } from "../../src/slack/slack-text.ts";
import { threadHistory } from "../../src/slack/thread-history.ts";

const timings = { embedMs: 1, searchMs: 1, answerMs: 1, totalMs: 3 };

function citation(overrides: Partial<Citation> = {}): Citation {
  return { docId: "doc", chunkId: "doc#0", title: "Title", quote: "A quote.", start: 0, end: 8, score: 0.5, ...overrides };
}

function response(overrides: Partial<AskResponse> = {}): AskResponse {
  return { answer: "An answer.", grounded: true, language: "en", citations: [citation()], timings, ...overrides };
}

const noUrl = () => undefined;

function texts(blocks: readonly SlackBlock[]): string[] {
  return blocks.map((block) => (block.type === "section" ? block.text.text : block.elements.map((element) => element.text).join(" ")));
}

describe("formatAnswer", () => {
  it("renders the answer, then each quote as a quoted section with its linked source", () => {
    const message = formatAnswer({
      response: response({
        answer: "Ports & <roads>",
        citations: [citation({ quote: "First line\nsecond > line", title: "A & B" }), citation({ docId: "other", title: "Other" })],
      }),
      documentUrl: (docId) => (docId === "doc" ? "https://news.example/a?x=1&y=|2" : undefined),
    });
    expect(message.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Ports &amp; &lt;roads&gt;", verbatim: true } },
      { type: "section", text: { type: "mrkdwn", text: ">First line\n>second &gt; line", verbatim: true } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Source: <https://news.example/a?x=1&amp;y=%7C2|A &amp; B>", verbatim: true }],
      },
      { type: "section", text: { type: "mrkdwn", text: ">A quote.", verbatim: true } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Source: Other", verbatim: true }] },
    ]);
    expect(message.text).toBe("Ports &amp; &lt;roads&gt;\n\nSources: A &amp; B; Other");
  });

  it("leads with the direct answer in bold when the response has one, and not for an abstention", () => {
    const shortAnswer = { text: "Thursday", docId: "doc", start: 0, end: 8 };
    const message = formatAnswer({ response: response({ answer: "On Thursday & Friday.", shortAnswer }), documentUrl: noUrl });
    expect(texts(message.blocks)[0]).toBe("*Thursday* — “On Thursday &amp; Friday.”");
    expect(message.text).toBe("Thursday — “On Thursday &amp; Friday.”\n\nSources: Title");
    const abstained = formatAnswer({ response: response({ grounded: false, answer: "Not said.", shortAnswer }), documentUrl: noUrl });
    expect(texts(abstained.blocks)[0]).toBe("Not said.");
  });

  it("never links anything but http(s) URLs", () => {
    for (const url of ["javascript:alert(1)", "not a url", "ftp://example.com/x"]) {
      const message = formatAnswer({ response: response(), documentUrl: () => url });
      expect(texts(message.blocks)[2]).toBe("Source: Title");
    }
  });

  it("labels the passages of an abstention as not an answer", () => {
    const message = formatAnswer({
      response: response({
        grounded: false,
        answer: "The sources I have do not say. Rather than guess, here are the closest passages I found.",
      }),
      documentUrl: noUrl,
    });
    expect(texts(message.blocks)).toEqual([
      "The sources I have do not say. Rather than guess, here are the closest passages I found.",
      "_Closest passages in the sources; they do not answer the question:_",
      ">A quote.",
      "Source: Title",
    ]);
  });

  it("says its own words in the question's language, the quotes as they are", () => {
    const spanish = formatAnswer({
      response: response({ language: "es", grounded: false, answer: botMessage("es", "abstain") }),
      documentUrl: () => "https://news.example/a",
      question: "¿Cuánto costó el puerto?",
    });
    expect(texts(spanish.blocks)).toEqual([
      "*Pregunta:* ¿Cuánto costó el puerto?",
      botMessage("es", "abstain"),
      "_Pasajes más cercanos de las fuentes; no responden a la pregunta:_",
      ">A quote.",
      "Fuente: <https://news.example/a|Title>",
    ]);
    expect(spanish.text).toBe(`${botMessage("es", "abstain")}\n\nFuentes: Title`);
    const chinese = formatAnswer({
      response: response({ language: "zh", answer: "根据资料：\nA quote." }),
      documentUrl: noUrl,
      question: "问？",
    });
    expect(texts(chinese.blocks)).toEqual(["*问题：* 问？", "根据资料：\nA quote.", ">A quote.", "来源：Title"]);
  });

  it("frames a Chinese answer the Chinese way: its direct answer, source lines and fallback text", () => {
    const quote = "秘鲁驻华大使 Balarezo & 其他人";
    const shortAnswer = { text: "Balarezo", docId: "doc", start: 6, end: 14 };
    const chinese = formatAnswer({
      response: response({ language: "zh", answer: quote, shortAnswer, citations: [citation({ quote, title: "新闻 <一>" })] }),
      documentUrl: () => "https://news.example/zh",
    });
    expect(texts(chinese.blocks)).toEqual([
      "*Balarezo*——“秘鲁驻华大使 Balarezo &amp; 其他人”",
      ">秘鲁驻华大使 Balarezo &amp; 其他人",
      "来源：<https://news.example/zh|新闻 &lt;一&gt;>",
    ]);
    expect(chinese.text).toBe("Balarezo——“秘鲁驻华大使 Balarezo &amp; 其他人”\n\n资料来源：新闻 &lt;一&gt;");
    const abstained = formatAnswer({
      response: response({ language: "zh", grounded: false, answer: botMessage("zh", "abstain"), shortAnswer }),
      documentUrl: noUrl,
    });
    expect(texts(abstained.blocks)).toEqual([
      "我掌握的资料中没有提到这一点。为避免猜测，以下是我找到的最相关的段落。",
      "_资料中最相关的段落（并未回答这个问题）：_",
      ">A quote.",
      "来源：Title",
    ]);
  });

  it("splits a long answer into sections within Slack's limit, at sentence ends, losing nothing", () => {
    const sentence = "The port & the road <will> open on Thursday. ";
    const answer = sentence.repeat(200).trim();
    const message = formatAnswer({ response: response({ answer, citations: [] }), documentUrl: noUrl });
    const sections = texts(message.blocks);
    expect(sections.length).toBeGreaterThan(3);
    for (const text of sections) {
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(text.endsWith(".")).toBe(true);
    }
    expect(sections.join(" ")).toBe(escapeSlackText(answer));
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(message.text.endsWith("…")).toBe(true);
  });

  it("stays within 50 blocks, ending a too-long answer with an ellipsis and keeping room for the question", () => {
    const answer = "word ".repeat(60_000);
    const citations = Array.from({ length: 30 }, (_, index) => citation({ docId: `d${index}` }));
    const message = formatAnswer({ response: response({ answer, citations }), documentUrl: noUrl, question: "Q?" });
    expect(message.blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(texts(message.blocks)[0]).toBe("*Question:* Q?");
    expect(texts(message.blocks).at(-1)?.endsWith("…")).toBe(true);
  });

  it("keeps quotes and source pairs together when citations would exceed 50 blocks", () => {
    const citations = Array.from({ length: 40 }, (_, index) => citation({ docId: `d${index}`, title: `T${index}` }));
    const message = formatAnswer({ response: response({ citations }), documentUrl: noUrl });
    expect(message.blocks).toHaveLength(49);
    expect(texts(message.blocks).at(-1)).toBe("Source: T23");
  });

  it("trims a very long quote to one section with an ellipsis", () => {
    const quote = "Chancay ".repeat(1000).trim();
    const message = formatAnswer({ response: response({ citations: [citation({ quote })] }), documentUrl: noUrl });
    const quoted = texts(message.blocks)[1] ?? "";
    expect(quoted.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(quoted.startsWith(">Chancay Chancay")).toBe(true);
    expect(quoted.endsWith("Chancay…")).toBe(true);
  });

  it("renders @here in a quote verbatim (escaped text, verbatim mrkdwn: no ping)", () => {
    const message = formatAnswer({ response: response({ answer: "<!here> @channel" }), documentUrl: noUrl });
    expect(message.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "&lt;!here&gt; @channel", verbatim: true } });
  });
});

describe("formatNotice", () => {
  it("escapes and wraps a short message", () => {
    expect(formatNotice("Use /visit <question>")).toEqual({
      text: "Use /visit &lt;question&gt;",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Use /visit &lt;question&gt;", verbatim: true } }],
    });
  });
});

describe("Slack text helpers", () => {
  it("reads a user's message as plain text: bot mention dropped, others kept readable, entities decoded", () => {
    expect(
      slackTextToPlain("<@UBOT> ask <@U2|ana> in <#C1|general> about <https://x.example/a|the port> &amp; &lt;roads&gt; <!here>", {
        botUserId: "UBOT",
      }),
    ).toBe("ask @ana in #general about the port & <roads> @here");
    expect(slackTextToPlain("&amp;lt; stays literal")).toBe("&lt; stays literal");
    expect(slackTextToPlain("  <@UBOT>  ", { botUserId: "UBOT" })).toBe("");
  });

  it("never splits inside an entity", () => {
    const escaped = escapeSlackText("&".repeat(50));
    for (const piece of splitEscapedText(escaped, 12)) {
      expect(piece.length).toBeLessThanOrEqual(12);
      expect(piece).toMatch(/^(&amp;)+$/);
    }
    expect(splitEscapedText(escaped, 12).join("")).toBe(escaped);
  });

  it("trims at a word boundary with an ellipsis", () => {
    expect(trimEscapedText("one two three four", 10)).toBe("one two…");
    expect(trimEscapedText("short", 10)).toBe("short");
  });
});

describe("threadHistory", () => {
  const messages = [
    { ts: "1.0", user: "U1", text: "<@UBOT> Which port?" },
    { ts: "2.0", user: "UBOT", botId: "B1", text: "The Chancay port." },
    { ts: "3.0", user: "U9", botId: "B9", text: "another bot" },
    { ts: "4.0", user: "U1", text: "<@UBOT> When?" },
    { ts: "5.0", user: "U1", text: "later message" },
  ];

  it("turns earlier messages into user and assistant turns, leaving out other bots and later messages", () => {
    expect(threadHistory({ messages, currentTs: "4.0", botUserId: "UBOT" })).toEqual([
      { role: "user", content: "Which port?" },
      { role: "assistant", content: "The Chancay port." },
    ]);
  });

  it("keeps only the most recent 20 turns", () => {
    const long = Array.from({ length: 30 }, (_, index) => ({ ts: `${index}.0`, user: "U1", text: `question ${index}` }));
    const turns = threadHistory({ messages: long, currentTs: "29.0", botUserId: "UBOT" });
    expect(turns).toHaveLength(20);
    expect(turns[0]).toEqual({ role: "user", content: "question 9" });
  });
});

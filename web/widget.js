// The embeddable chat widget. One line on any page adds it:
//   <script src="https://HOST/widget.js" defer></script>
// A self-contained file with no dependencies: a custom element whose shadow DOM keeps the host
// page's CSS out and its own CSS in. It talks to the API it was loaded from (or data-endpoint).
(() => {
  const TAG = "xi-peru-chat";
  if (customElements.get(TAG)) return;

  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;

  const DEFAULT_ACCENT = "#b91c1c";
  // What the widget says, in every language, by message id: the server writes its message table
  // (src/i18n/messages.ts) in here as it serves this file, so server, widget and Slack share one table.
  const MESSAGES = /* ui-messages */ {};
  // Limits of the /chat request (API.md).
  const HISTORY_TURNS = 20;
  const TURN_CHARACTERS = 8000;
  const QUESTION_CHARACTERS = 1000;
  const STORED_TURNS = 60;
  // While the server loads its model and index it answers 503 not_ready; keep retrying for about half a minute.
  const NOT_READY_ATTEMPTS = 15;

  const ICONS = {
    chat: '<path d="M4 5h16v11H10l-5 4v-4H4z"/>',
    close: '<path d="M6 6l12 12M18 6L6 18"/>',
    thumb: '<path d="M7 10v10H3V10zM7 10l4-7c1.7 0 3 1.3 3 3v3h5.2c1.2 0 2.1 1.1 1.9 2.3l-1.3 7c-.2 1-1 1.7-2 1.7H7"/>',
  };

  const STYLE = `
:host { all: initial; }
:host([mode="inline"]) { display: block; height: 100%; }
.root { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2937; --focus: #1d4ed8; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: not-allowed; opacity: 0.75; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
svg { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
.sr-only { position: absolute; top: 0; left: 0; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  padding: 12px 18px; border: 0; border-radius: 999px; background: var(--accent); color: var(--on-accent); font-weight: 600;
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.25); }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; display: flex; flex-direction: column;
  width: min(420px, calc(100vw - 40px)); height: min(640px, calc(100vh - 110px)); background: #fff; border-radius: 12px;
  box-shadow: 0 12px 40px rgb(0 0 0 / 0.3); overflow: hidden; }
:host([mode="inline"]) .panel { position: relative; right: auto; bottom: auto; z-index: auto; width: 100%; height: 100%; min-height: 480px;
  border: 1px solid #d1d5db; box-shadow: none; }
@media (max-width: 480px) {
  :host(:not([mode="inline"])) .panel { right: 0; bottom: 0; width: 100vw; height: 100%; border-radius: 0; }
  :host([open]:not([mode="inline"])) .launcher { display: none; }
}
.header { --focus: var(--on-accent); display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--accent); color: var(--on-accent); }
.header h2 { flex: 1; margin: 0; font-size: 16px; line-height: 1.3; font-weight: 700; }
.header button { display: flex; align-items: center; gap: 4px; min-height: 36px; padding: 6px 10px; border: 1px solid currentColor;
  border-radius: 8px; background: transparent; color: inherit; font-size: 14px; white-space: nowrap; }
.header .close { padding: 6px; }
.conversation, .passage { flex: 1; overflow-y: auto; padding: 14px 12px; position: relative; }
.intro { margin: 0 0 12px; color: #374151; }
.suggestions p { margin: 0 0 6px; font-weight: 600; }
.suggestions ul, .messages { list-style: none; margin: 0; padding: 0; }
.suggestions li + li { margin-top: 6px; }
.suggestion { width: 100%; padding: 8px 12px; border: 1px solid #6b7280; border-radius: 10px; background: #fff; text-align: left; }
.suggestion:hover, .chip:hover, .action:hover { background: #f3f4f6; }
.message { margin: 0 0 14px; }
.bubble { padding: 10px 12px; border-radius: 12px; overflow-wrap: anywhere; white-space: pre-wrap; }
.user .bubble { margin-left: 15%; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; }
.assistant .bubble { margin-right: 6%; background: #f9fafb; border: 1px solid #e5e7eb; border-bottom-left-radius: 4px; }
.assistant.abstained .bubble { background: #fffbeb; border-color: #d97706; }
.assistant.failed .bubble { background: #fef2f2; border-color: #dc2626; color: #7f1d1d; }
.label { display: block; margin-bottom: 4px; font-weight: 700; color: #92400e; }
.short-answer { font-weight: 700; }
.pending { color: #4b5563; font-style: italic; }
.sources { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
.sources-label { font-size: 13px; font-weight: 600; color: #374151; }
.chip { display: inline-flex; align-items: center; gap: 6px; max-width: 100%; padding: 3px 10px 3px 3px; border: 1px solid #6b7280;
  border-radius: 999px; background: #fff; font-size: 13px; }
.chip-number { display: inline-grid; place-items: center; min-width: 22px; height: 22px; border-radius: 999px; background: #374151; color: #fff; font-weight: 700; }
.chip-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 220px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.action { display: inline-flex; align-items: center; gap: 4px; min-height: 32px; padding: 4px 10px; border: 1px solid #d1d5db; border-radius: 8px;
  background: #fff; color: #374151; font-size: 13px; }
.action svg { width: 16px; height: 16px; }
.action[aria-pressed="true"] { background: #1f2937; color: #fff; border-color: #1f2937; }
.down svg { transform: rotate(180deg); }
.feedback { margin-top: 8px; padding: 10px; border: 1px solid #d1d5db; border-radius: 10px; background: #fff; }
.feedback label { display: block; margin-bottom: 4px; font-size: 14px; }
.feedback textarea, .composer textarea { width: 100%; padding: 8px 10px; border: 1px solid #6b7280; border-radius: 8px; background: #fff; resize: none; }
.feedback textarea::placeholder, .composer textarea::placeholder { color: #6b7280; }
.buttons { display: flex; gap: 8px; margin-top: 8px; }
.primary { min-height: 40px; padding: 8px 14px; border: 0; border-radius: 8px; background: var(--accent); color: var(--on-accent); font-weight: 600; }
.secondary { min-height: 40px; padding: 8px 14px; border: 1px solid #6b7280; border-radius: 8px; background: #fff; }
.thanks { margin: 6px 0 0; font-size: 14px; color: #166534; }
.thanks.failed { color: #b91c1c; }
.root:not(.feedback-on) .action.up, .root:not(.feedback-on) .action.down { display: none; }
.retry-note { display: block; margin-top: 4px; }
.failed .buttons .secondary { color: #1f2937; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; border-top: 1px solid #e5e7eb; background: #fff; }
.composer textarea { flex: 1; min-height: 44px; max-height: 120px; }
.composer .primary { min-height: 44px; }
/* Sticky, so "Back to chat" stays in reach however far the passage is scrolled. */
.passage-header { position: sticky; top: -14px; z-index: 1; display: flex; align-items: flex-start; gap: 8px; margin: -14px 0 8px; padding: 14px 0 8px;
  background: #fff; }
.passage h3 { flex: 1; margin: 0; font-size: 16px; line-height: 1.35; }
.meta { margin: 0 0 10px; font-size: 13px; color: #374151; }
.meta a { color: #1d4ed8; }
.passage-text { margin: 0; font-size: 14px; line-height: 1.6; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #fde68a; color: #111827; padding: 1px 0; box-shadow: 0 0 0 2px #f59e0b; border-radius: 2px; }
`;

  /** The widget's frame, worded in `language`. */
  const template = (language) => {
    const say = (id) => escapeHtml(phrase(language, id));
    return `
<div class="root" lang="${language}">
  <button class="launcher" type="button" aria-expanded="false" aria-controls="panel"><svg viewBox="0 0 24 24" aria-hidden="true">${ICONS.chat}</svg><span class="launcher-label">${say("launcherLabel")}</span></button>
  <section class="panel" id="panel" role="dialog" aria-labelledby="heading" hidden>
    <div class="header">
      <h2 id="heading"></h2>
      <button class="new" type="button">${say("newChat")}</button>
      <button class="close" type="button" aria-label="${say("closeChat")}"><svg viewBox="0 0 24 24" aria-hidden="true">${ICONS.close}</svg></button>
    </div>
    <div class="conversation">
      <p class="intro">${say("widgetIntro")}</p>
      <div class="suggestions">
        <p id="suggestions-label">${say("suggestionsLabel")}</p>
        <ul aria-labelledby="suggestions-label"></ul>
      </div>
      <ol class="messages" aria-label="${say("conversationLabel")}"></ol>
    </div>
    <section class="passage" aria-labelledby="passage-title" hidden>
      <div class="passage-header">
        <h3 id="passage-title" tabindex="-1"></h3>
        <button class="secondary back" type="button">${say("backToChat")}</button>
      </div>
      <p class="meta"></p>
      <div class="passage-body"></div>
    </section>
    <form class="composer">
      <label class="sr-only" for="question">${say("questionInputLabel")}</label>
      <textarea id="question" rows="2" maxlength="${QUESTION_CHARACTERS}" autocomplete="off"></textarea>
      <button class="primary send" type="submit">${say("send")}</button>
    </form>
    <div class="sr-only status" role="status" aria-live="polite" aria-atomic="true"></div>
  </section>
</div>`;
  };

  /** The first of `tags` ("es-PE", "zh-Hans", "es") whose language has messages; else English, as the server does. */
  function messageLanguage(...tags) {
    for (const tag of tags) {
      const language = String(tag ?? "")
        .toLowerCase()
        .split(/[-_]/)[0];
      if (Object.hasOwn(MESSAGES, language)) return language;
    }
    return "en";
  }

  /** A message in `language` with its `{name}` placeholders filled from `values`. */
  function phrase(language, id, values = {}) {
    const wording = MESSAGES[language]?.[id] ?? MESSAGES.en?.[id] ?? id;
    // A function, so "$&" in a value is not read as a replacement pattern.
    return wording.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
  }

  function escapeHtml(value) {
    return value.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  }

  /** Creates an element: `h("button", { class: "x", onclick }, "text", child)`. */
  function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === false) continue;
      if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    element.append(...children.filter((child) => child !== undefined && child !== null));
    return element;
  }

  function icon(name) {
    const holder = document.createElement("span");
    holder.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[name]}</svg>`;
    return holder.firstElementChild;
  }

  /** A failed request, with what the widget needs to say and whether and when to retry. */
  class ChatError extends Error {
    constructor({ kind, message, retryAfter = 0 }) {
      super(message);
      this.kind = kind;
      this.retryAfter = retryAfter;
    }
  }

  async function errorFromResponse(response) {
    const body = await response.json().catch(() => undefined);
    const code = body?.error?.code;
    const message = typeof body?.error?.message === "string" ? body.error.message : `HTTP ${response.status}`;
    const retryAfter = Math.min(120, Math.max(1, Number(response.headers.get("Retry-After")) || 2));
    if (response.status === 429) return new ChatError({ kind: "rate_limited", message, retryAfter });
    if (response.status === 503 && code === "not_ready") return new ChatError({ kind: "not_ready", message, retryAfter });
    if (response.status === 503 && response.headers.has("Retry-After")) return new ChatError({ kind: "busy", message, retryAfter });
    if (response.status >= 500) return new ChatError({ kind: "server", message });
    return new ChatError({ kind: "rejected", message });
  }

  /** Yields `{ event, data }` for each Server-Sent Event in the response body. */
  async function* readEvents(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, "\n");
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data = [];
          for (const line of block.split("\n")) {
            const colon = line.indexOf(":");
            const field = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "event") event = value;
            else if (field === "data") data.push(value);
          }
          if (data.length > 0) yield { event, data: JSON.parse(data.join("\n")) };
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** The direct answer ("Beijing") when the response carries one as a non-empty string. */
  function shortAnswerText(answer) {
    const text = answer?.shortAnswer?.text;
    return typeof text === "string" && text.trim() !== "" ? text : undefined;
  }

  /** An answer as shown and copied: the direct answer first when there is one ("Beijing — “…”"). */
  function displayedAnswer(turn) {
    return turn.grounded && turn.shortAnswer
      ? phrase(messageLanguage(turn.language), "shortAnswer", { short: turn.shortAnswer, answer: turn.content })
      : turn.content;
  }

  function randomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function relativeLuminance([red, green, blue]) {
    const linear = (channel) => {
      const value = channel / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
  }

  function formatDate(isoDate, language) {
    const date = new Date(isoDate);
    if (Number.isNaN(date.getTime())) return isoDate;
    return date.toLocaleDateString(language === "en" ? "en-GB" : language, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
  }

  class ChatWidget extends HTMLElement {
    #root;
    #elements = {};
    #turns = [];
    #conversationId = randomId();
    #inflight;
    #timer;
    #documents = new Map();
    #passageOrigin;
    #messageCount = 0;
    /** The language of the widget's frame: the page's (`lang` on the element or around it), else the browser's. */
    #language = "en";

    get endpoint() {
      return (this.getAttribute("endpoint") || scriptOrigin).replace(/\/+$/, "");
    }

    get #inline() {
      return this.getAttribute("mode") === "inline";
    }

    get #storageKey() {
      return `${TAG}:${this.endpoint}`;
    }

    connectedCallback() {
      if (this.#root) return;
      this.#root = this.attachShadow({ mode: "open" });
      this.#language = messageLanguage(this.closest("[lang]")?.lang, ...navigator.languages);
      this.#root.innerHTML = template(this.#language);
      // A constructed stylesheet is CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
      if ("adoptedStyleSheets" in ShadowRoot.prototype && "replaceSync" in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
        this.#root.adoptedStyleSheets = [sheet];
      } else this.#root.prepend(h("style", {}, STYLE));
      const find = (selector) => this.#root.querySelector(selector);
      this.#elements = {
        root: find(".root"),
        launcher: find(".launcher"),
        panel: find(".panel"),
        heading: find("#heading"),
        conversation: find(".conversation"),
        suggestions: find(".suggestions"),
        messages: find(".messages"),
        passage: find(".passage"),
        passageTitle: find("#passage-title"),
        passageMeta: find(".meta"),
        passageBody: find(".passage-body"),
        form: find(".composer"),
        input: find("#question"),
        send: find(".send"),
        status: find(".status"),
      };
      const { launcher, panel, heading, input, form, suggestions } = this.#elements;
      heading.textContent = this.getAttribute("heading") || this.#say("widgetHeading");
      launcher.setAttribute("aria-label", this.#say("openChat", { heading: heading.textContent }));
      input.placeholder = this.getAttribute("placeholder") || this.#say("questionPlaceholder");
      this.#applyAccent(this.getAttribute("accent") || DEFAULT_ACCENT);
      const questions = (this.getAttribute("suggestions") || this.#say("widgetSuggestions"))
        .split("|")
        .map((question) => question.trim())
        .filter(Boolean);
      const list = suggestions.querySelector("ul");
      for (const question of questions) {
        list.append(h("li", {}, h("button", { class: "suggestion", type: "button", onclick: () => this.ask(question) }, question)));
      }
      if (this.#inline) {
        panel.hidden = false;
        panel.setAttribute("role", "region");
        find(".close").hidden = true;
        launcher.hidden = true;
      }
      launcher.addEventListener("click", () => (panel.hidden ? this.open() : this.close()));
      find(".close").addEventListener("click", () => this.close());
      find(".new").addEventListener("click", () => this.newConversation());
      find(".back").addEventListener("click", () => this.#closePassage());
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.ask(input.value);
      });
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          form.requestSubmit();
        }
      });
      this.#elements.root.addEventListener("keydown", (event) => this.#onEscape(event));
      this.#restore();
      this.#askCapabilities();
    }

    /** Thumbs appear only once the server says it keeps feedback (a Worker does not); until then, and if it cannot say, none. */
    async #askCapabilities() {
      try {
        const response = await fetch(`${this.endpoint}/capabilities`);
        const capabilities = response.ok ? await response.json() : {};
        this.#elements.root.classList.toggle("feedback-on", capabilities?.feedback === true);
      } catch {
        // Unreachable now: the conversation says so when a question is asked.
      }
    }

    /** A message in the frame's language. */
    #say(id, values) {
      return phrase(this.#language, id, values);
    }

    disconnectedCallback() {
      this.#inflight?.abort();
      clearInterval(this.#timer);
    }

    open() {
      const { panel, launcher, input } = this.#elements;
      if (!this.#inline) {
        panel.hidden = false;
        launcher.setAttribute("aria-expanded", "true");
        this.setAttribute("open", "");
      }
      input.focus();
    }

    close() {
      if (this.#inline) return;
      const { panel, launcher } = this.#elements;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      this.removeAttribute("open");
      launcher.focus();
    }

    /** Asks a question as if typed; used by the composer, the suggestions and host pages. */
    ask(text) {
      const question = String(text ?? "")
        .trim()
        .slice(0, QUESTION_CHARACTERS);
      if (question === "" || this.#inflight) return;
      this.open();
      this.#closePassage({ focus: false });
      this.#elements.input.value = "";
      this.#retireRetries();
      this.#elements.suggestions.hidden = true;
      this.#elements.messages.append(this.#userMessage(question));
      const history = this.#turns.slice(-HISTORY_TURNS).map(({ role, content }) => ({ role, content: content.slice(0, TURN_CHARACTERS) }));
      const message = h("li", { class: "message assistant" });
      this.#elements.messages.append(message);
      this.#request({ question, history, message, attempt: 1 });
    }

    newConversation() {
      this.#inflight?.abort();
      this.#inflight = undefined;
      this.#setBusy(false);
      clearInterval(this.#timer);
      this.#turns = [];
      this.#conversationId = randomId();
      this.#save();
      this.#elements.messages.replaceChildren();
      this.#elements.suggestions.hidden = false;
      this.#closePassage({ focus: false });
      this.#announce(this.#say("newConversationStarted"));
      this.#elements.input.focus();
    }

    #applyAccent(requested) {
      const accent = CSS.supports("color", requested) ? requested : DEFAULT_ACCENT;
      const { root } = this.#elements;
      root.style.setProperty("--accent", accent);
      // Text on the accent is white or near-black, whichever contrasts more with it.
      const probe = h("span");
      probe.style.color = accent;
      root.append(probe);
      const channels = getComputedStyle(probe)
        .color.match(/[\d.]+/g)
        ?.slice(0, 3)
        .map(Number) ?? [185, 28, 28];
      probe.remove();
      const luminance = relativeLuminance(channels);
      const onWhite = 1.05 / (luminance + 0.05);
      const onDark = (luminance + 0.05) / (relativeLuminance([17, 24, 39]) + 0.05);
      root.style.setProperty("--on-accent", onWhite >= onDark ? "#ffffff" : "#111827");
    }

    #onEscape(event) {
      if (event.key !== "Escape") return;
      const form = event.target.closest?.(".feedback");
      if (form) {
        event.stopPropagation();
        form.dispatchEvent(new Event("cancel"));
      } else if (!this.#elements.passage.hidden) this.#closePassage();
      else this.close();
    }

    #userMessage(question) {
      return h(
        "li",
        { class: "message user" },
        h("span", { class: "sr-only" }, `${this.#say("youAsked")} `),
        h("div", { class: "bubble" }, question),
      );
    }

    async #request({ question, history, message, attempt }) {
      const controller = new AbortController();
      this.#inflight = controller;
      this.#setBusy(true);
      const pending = h("span", { class: "pending" }, this.#say("lookingThrough"));
      const bubble = h("div", { class: "bubble" }, pending);
      message.className = "message assistant";
      message.setAttribute("aria-busy", "true");
      message.replaceChildren(h("span", { class: "sr-only" }, `${this.#say("answerLabel")} `), bubble);
      this.#scrollToEnd();
      const sources = [];
      let streamed = "";
      try {
        let response;
        try {
          response = await fetch(`${this.endpoint}/chat`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
            body: JSON.stringify({ question, history }),
            signal: controller.signal,
          });
        } catch (error) {
          if (controller.signal.aborted) throw error;
          throw new ChatError({ kind: "network", message: String(error) });
        }
        if (!response.ok || !response.body) throw await errorFromResponse(response);
        let answer;
        try {
          for await (const { event, data } of readEvents(response.body)) {
            if (event === "source") {
              sources.push(data);
              this.#renderSources(message, { citations: sources, grounded: true, language: this.#language });
            } else if (event === "text-delta") {
              streamed += data.text;
              pending.className = "text";
              pending.textContent = streamed;
              this.#scrollToEnd();
            } else if (event === "end") {
              answer = data;
              break;
            } else if (event === "error") {
              throw new ChatError({ kind: "server", message: data?.error?.message || data?.error?.code || "error" });
            }
          }
        } catch (error) {
          if (error instanceof ChatError || controller.signal.aborted) throw error;
          throw new ChatError({ kind: "network", message: "interrupted" });
        }
        if (!answer) throw new ChatError({ kind: "network", message: "interrupted" });
        const turn = {
          role: "assistant",
          content: answer.answer,
          grounded: answer.grounded,
          citations: answer.citations,
          shortAnswer: shortAnswerText(answer),
          question,
          language: answer.language,
        };
        this.#turns.push({ role: "user", content: question }, turn);
        this.#save();
        this.#renderAnswer(message, turn);
        this.#announce(
          phrase(messageLanguage(turn.language), turn.grounded ? "answerAnnouncement" : "abstentionAnnouncement", {
            answer: displayedAnswer(turn),
            count: turn.citations.length,
          }),
        );
      } catch (error) {
        if (controller.signal.aborted) return;
        this.#renderFailure(message, error instanceof ChatError ? error : new ChatError({ kind: "network", message: String(error) }), {
          retry: () => this.#request({ question, history, message, attempt: attempt + 1 }),
          attempt,
        });
      } finally {
        if (this.#inflight === controller) {
          this.#inflight = undefined;
          this.#setBusy(false);
        }
      }
    }

    #setBusy(busy) {
      this.#elements.send.disabled = busy;
      this.#elements.messages.setAttribute("aria-busy", String(busy));
    }

    #renderAnswer(message, turn) {
      // The answer's own words (labels, buttons) are in the answer's language, which may not be the page's.
      const lang = messageLanguage(turn.language);
      // An abstention offers the closest passages; a reply to a greeting or thanks has none and is not an abstention.
      const abstained = !turn.grounded && turn.citations.length > 0;
      message.className = `message assistant${abstained ? " abstained" : ""}`;
      message.removeAttribute("aria-busy");
      // A direct answer leads: "**Beijing** — “…quote…”", framed as the answer's language frames a quote.
      const parts =
        turn.grounded && turn.shortAnswer
          ? phrase(lang, "shortAnswer")
              .split(/(\{short\}|\{answer\})/)
              .map((part) =>
                part === "{short}" ? h("strong", { class: "short-answer" }, turn.shortAnswer) : part === "{answer}" ? turn.content : part,
              )
          : [turn.content];
      const bubble = h(
        "div",
        { class: "bubble" },
        abstained ? h("strong", { class: "label", lang }, phrase(lang, "notInSourcesLabel")) : undefined,
        h("span", { class: "text" }, ...parts),
      );
      message.replaceChildren(h("span", { class: "sr-only", lang }, `${phrase(lang, "answerLabel")} `), bubble);
      this.#renderSources(message, turn);
      message.append(this.#actions(turn));
      this.#scrollToEnd();
    }

    #renderSources(message, { citations, grounded, language }) {
      const lang = messageLanguage(language);
      message.querySelector(".sources")?.remove();
      if (citations.length === 0) return;
      const chips = citations.map((citation, index) => {
        const number = index + 1;
        const excerpt = citation.quote.length > 60 ? `${citation.quote.slice(0, 60).trimEnd()}…` : citation.quote;
        return h(
          "button",
          {
            class: "chip",
            type: "button",
            "aria-label": phrase(lang, "sourceButton", { number, title: citation.title, excerpt }),
            onclick: (event) => this.#openPassage(citation, event.currentTarget),
          },
          h("span", { class: "chip-number", "aria-hidden": "true" }, String(number)),
          h("span", { class: "chip-text", "aria-hidden": "true" }, excerpt),
        );
      });
      const label = h("span", { class: "sources-label", lang }, phrase(lang, grounded ? "sourcesLabel" : "closestPassagesLabel"));
      const bubble = message.querySelector(".bubble");
      bubble.after(h("div", { class: "sources", role: "group", "aria-label": label.textContent }, label, ...chips));
    }

    #actions(turn) {
      const lang = messageLanguage(turn.language);
      const say = (id) => phrase(lang, id);
      const copy = h("button", { class: "action copy", type: "button" }, say("copy"));
      copy.addEventListener("click", async () => {
        await this.#copy(displayedAnswer(turn));
        copy.textContent = say("copied");
        this.#announce(say("answerCopied"));
        setTimeout(() => {
          copy.textContent = say("copy");
        }, 2000);
      });
      const id = `feedback-${++this.#messageCount}`;
      const up = h("button", { class: "action up", type: "button", "aria-label": say("helpful"), "aria-pressed": "false" }, icon("thumb"));
      const down = h(
        "button",
        { class: "action down", type: "button", "aria-label": say("notHelpful"), "aria-pressed": "false" },
        icon("thumb"),
      );
      const comment = h("textarea", { id, rows: 2, maxlength: 2000 });
      const note = h("p", { class: "thanks", role: "status", tabindex: -1 });
      const form = h(
        "form",
        { class: "feedback", hidden: true },
        h("label", { for: id }, say("feedbackPrompt")),
        comment,
        h(
          "div",
          { class: "buttons" },
          h("button", { class: "primary", type: "submit" }, say("sendFeedback")),
          h("button", { class: "secondary cancel", type: "button" }, say("cancel")),
        ),
      );
      let rating;
      const choose = (value) => {
        rating = value;
        up.setAttribute("aria-pressed", String(value === "up"));
        down.setAttribute("aria-pressed", String(value === "down"));
        form.hidden = false;
        note.textContent = "";
        comment.focus();
      };
      const cancel = () => {
        form.hidden = true;
        up.setAttribute("aria-pressed", "false");
        down.setAttribute("aria-pressed", "false");
        (rating === "down" ? down : up).focus();
        rating = undefined;
      };
      up.addEventListener("click", () => choose("up"));
      down.addEventListener("click", () => choose("down"));
      form.querySelector(".cancel").addEventListener("click", cancel);
      form.addEventListener("cancel", cancel);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const submit = form.querySelector(".primary");
        submit.disabled = true;
        try {
          const response = await fetch(`${this.endpoint}/feedback`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              rating,
              question: turn.question,
              answer: turn.content,
              comment: comment.value.trim() || undefined,
              conversationId: this.#conversationId,
            }),
          });
          if (!response.ok) throw await errorFromResponse(response);
          turn.feedback = rating;
          this.#save();
          form.hidden = true;
          up.disabled = true;
          down.disabled = true;
          note.className = "thanks";
          note.textContent = say("feedbackThanks");
          // The thumbs are disabled now; keep focus near them rather than losing it to the page.
          note.focus();
        } catch {
          note.className = "thanks failed";
          note.textContent = say("feedbackFailed");
        } finally {
          submit.disabled = false;
        }
      });
      if (turn.feedback) {
        (turn.feedback === "up" ? up : down).setAttribute("aria-pressed", "true");
        up.disabled = true;
        down.disabled = true;
      }
      return h("div", { lang }, h("div", { class: "actions" }, copy, up, down), form, note);
    }

    async #copy(text) {
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        // Without the async clipboard (insecure page, no permission) fall back to a selection copy.
        const area = h("textarea", { class: "sr-only", readonly: true });
        area.value = text;
        this.#elements.root.append(area);
        area.select();
        document.execCommand("copy");
        area.remove();
      }
    }

    #renderFailure(message, error, { retry, attempt }) {
      message.className = "message assistant failed";
      message.removeAttribute("aria-busy");
      const headline = {
        network: this.#say("networkError"),
        rate_limited: this.#say("rateLimited"),
        busy: this.#say("busy"),
        not_ready: this.#say("notReady"),
        server: this.#say("serverError", { message: error.message }),
        rejected: error.message,
      }[error.kind];
      const note = h("span", { class: "retry-note" });
      const button = h("button", { class: "secondary retry", type: "button" }, this.#say("retry"));
      button.addEventListener("click", () => {
        clearInterval(this.#timer);
        // The button disappears when the retry starts; keep focus in the widget.
        this.#elements.input.focus();
        retry();
      });
      const retriable = error.kind !== "rejected";
      message.replaceChildren(
        h("div", { class: "bubble" }, h("span", { class: "text" }, headline), note),
        retriable ? h("div", { class: "buttons" }, button) : undefined,
      );
      this.#announce(headline);
      this.#scrollToEnd();
      if (error.kind === "rate_limited" || error.kind === "busy") {
        // Retrying before Retry-After would only be refused again.
        button.disabled = true;
        this.#countdown(error.retryAfter, (seconds) => {
          note.textContent = seconds > 0 ? this.#say("retryIn", { seconds }) : this.#say("retryNow");
          if (seconds === 0) button.disabled = false;
        });
      } else if (error.kind === "not_ready" && attempt < NOT_READY_ATTEMPTS) {
        this.#countdown(error.retryAfter, (seconds) => {
          note.textContent = this.#say("retryingIn", { seconds });
          if (seconds === 0) retry();
        });
      }
    }

    #countdown(seconds, tick) {
      clearInterval(this.#timer);
      let left = Math.ceil(seconds);
      tick(left);
      this.#timer = setInterval(() => {
        left -= 1;
        if (left <= 0) clearInterval(this.#timer);
        tick(Math.max(0, left));
      }, 1000);
    }

    /** A new question makes earlier failed ones final: retrying them now would answer out of order. */
    #retireRetries() {
      clearInterval(this.#timer);
      for (const button of this.#elements.messages.querySelectorAll(".retry")) button.closest(".buttons")?.remove();
      for (const note of this.#elements.messages.querySelectorAll(".retry-note")) note.remove();
    }

    async #openPassage(citation, chip) {
      const { conversation, passage, passageTitle, passageMeta, passageBody } = this.#elements;
      this.#passageOrigin = chip;
      conversation.hidden = true;
      passage.hidden = false;
      passageTitle.textContent = citation.title;
      passageMeta.replaceChildren();
      passageBody.replaceChildren(h("p", { class: "pending" }, this.#say("loadingPassage")));
      passageTitle.focus();
      let document;
      try {
        document = await this.#document(citation.docId);
      } catch {
        passageBody.replaceChildren(h("p", {}, this.#say("documentUnavailable")));
        return;
      }
      if (passage.hidden || this.#passageOrigin !== chip) return;
      const facts = [document.source, document.publishedAt ? formatDate(document.publishedAt, this.#language) : undefined]
        .filter(Boolean)
        .join(", ");
      passageMeta.append(facts);
      if (/^https?:\/\//i.test(document.url ?? "")) {
        passageMeta.append(
          facts ? " · " : "",
          h("a", { href: document.url, target: "_blank", rel: "noopener" }, this.#say("readOriginal")),
        );
      }
      const { text } = document;
      let { start, end } = citation;
      // A quote always matches its offsets unless the document changed since the answer was given.
      if (text.slice(start, end) !== citation.quote) {
        start = text.indexOf(citation.quote);
        end = start + citation.quote.length;
      }
      if (start < 0) {
        passageBody.replaceChildren(h("p", {}, this.#say("documentChanged")), h("blockquote", {}, h("mark", {}, citation.quote)));
        return;
      }
      const mark = h("mark", { "data-start": start, "data-end": end }, text.slice(start, end));
      passageBody.replaceChildren(h("p", { class: "passage-text" }, text.slice(0, start), mark, text.slice(end)));
      // Scroll only the passage pane; scrollIntoView would also scroll the host page.
      passage.scrollTop = Math.max(0, mark.offsetTop - passage.clientHeight / 3);
    }

    #closePassage({ focus = true } = {}) {
      const { conversation, passage } = this.#elements;
      if (passage.hidden) return;
      passage.hidden = true;
      conversation.hidden = false;
      if (focus && this.#passageOrigin?.isConnected) this.#passageOrigin.focus();
      this.#passageOrigin = undefined;
    }

    #document(docId) {
      let pending = this.#documents.get(docId);
      if (!pending) {
        pending = fetch(`${this.endpoint}/documents/${encodeURIComponent(docId)}`).then((response) => {
          if (!response.ok) throw new Error(`document ${response.status}`);
          return response.json();
        });
        pending.catch(() => this.#documents.delete(docId));
        this.#documents.set(docId, pending);
      }
      return pending;
    }

    #announce(text) {
      const { status } = this.#elements;
      // Clearing first makes screen readers announce a repeated message again.
      status.textContent = "";
      setTimeout(() => {
        status.textContent = text;
      }, 50);
    }

    #scrollToEnd() {
      const { conversation } = this.#elements;
      conversation.scrollTop = conversation.scrollHeight;
    }

    #save() {
      try {
        const turns = this.#turns.slice(-STORED_TURNS);
        sessionStorage.setItem(this.#storageKey, JSON.stringify({ conversationId: this.#conversationId, turns }));
      } catch {
        // Storage can be full or disabled; the conversation then lasts until the page is left.
      }
    }

    #restore() {
      let saved;
      try {
        saved = JSON.parse(sessionStorage.getItem(this.#storageKey) || "null");
      } catch {
        saved = null;
      }
      if (!saved || !Array.isArray(saved.turns)) return;
      this.#conversationId = typeof saved.conversationId === "string" ? saved.conversationId : this.#conversationId;
      this.#turns = saved.turns.filter(
        (turn) => turn && (turn.role === "user" || turn.role === "assistant") && typeof turn.content === "string",
      );
      for (const turn of this.#turns) {
        if (turn.role === "user") this.#elements.messages.append(this.#userMessage(turn.content));
        else {
          if (!Array.isArray(turn.citations)) turn.citations = [];
          if (typeof turn.shortAnswer !== "string") delete turn.shortAnswer;
          const message = h("li", { class: "message assistant" });
          this.#elements.messages.append(message);
          this.#renderAnswer(message, turn);
        }
      }
      this.#elements.suggestions.hidden = this.#turns.length > 0;
    }
  }

  customElements.define(TAG, ChatWidget);

  /** The script tag's data-* attributes configure the widget it adds, unless the page placed its own. */
  function mount() {
    if (!script || document.querySelector(TAG)) return;
    const widget = document.createElement(TAG);
    const { dataset } = script;
    const attributes = { endpoint: dataset.endpoint, heading: dataset.title, placeholder: dataset.placeholder, accent: dataset.accent };
    attributes.suggestions = dataset.suggestions;
    // data-lang sets the widget's language the HTML way, overriding the page's.
    attributes.lang = dataset.lang;
    for (const [name, value] of Object.entries(attributes)) if (value) widget.setAttribute(name, value);
    const target = dataset.target ? document.querySelector(dataset.target) : null;
    if (dataset.mode === "inline" && target) {
      widget.setAttribute("mode", "inline");
      target.append(widget);
    } else document.body.append(widget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();

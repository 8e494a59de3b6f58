/*
 * Touchpoint in-page survey widget. One tag on any page:
 *   <script src="https://touchpoint.example.com/survey/widget.js" data-survey="12" data-delay="5" async></script>
 * Options (data-*): survey (id, required; the survey must be live with its public link on), delay (seconds before it
 * shows, default 0), once ("false" to show again on later visits until answered; default: once per visitor),
 * lang (default: the page's language), customer + signature (an identified visitor: the customer's external id and
 * the hex HMAC-SHA256 of it with Voice:WidgetSecret, made by the host site's server). Drawn in a shadow root, so the
 * host page's styles neither leak in nor out. Plain JavaScript, no dependencies. See docs/voice.md.
 */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag || !tag.dataset.survey) return;
  var base = new URL(tag.src, location.href).origin;
  var survey = tag.dataset.survey;
  var delay = Math.max(0, Number(tag.dataset.delay || 0)) * 1000;
  var once = tag.dataset.once !== "false";
  var lang = tag.dataset.lang || (document.documentElement.lang || navigator.language || "en").slice(0, 2);
  var shownKey = "tp-survey-" + survey + "-shown";

  function store(key, value) {
    try { if (value === undefined) return localStorage.getItem(key); localStorage.setItem(key, value); } catch (e) { return null; }
    return value;
  }
  function visitorToken() {
    var v = store("tp-visitor");
    if (v && /^[A-Za-z0-9_-]{16,64}$/.test(v)) return v;
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    v = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    store("tp-visitor", v);
    return v;
  }
  if (once && store(shownKey)) return;
  var visitor = visitorToken();

  var css =
    ":host{all:initial}" +
    ".card{position:fixed;right:16px;bottom:16px;z-index:2147483000;width:min(360px,calc(100vw - 32px));background:#fff;color:#1b1b1b;" +
    "font:15px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.22);padding:16px}" +
    ".q{font-weight:600;margin:0 28px 12px 0}" +
    ".close{position:absolute;top:8px;right:8px;border:0;background:none;font-size:20px;width:32px;height:32px;cursor:pointer;color:#444}" +
    ".scale{display:flex;flex-wrap:wrap;gap:4px}" +
    ".scale button{min-width:28px;height:36px;flex:1 0 28px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;border-radius:6px;cursor:pointer;font:inherit}" +
    ".scale button:hover,.scale button:focus-visible{background:#1f4e79;color:#fff;outline:2px solid #0b2a45;outline-offset:1px}" +
    ".ends{display:flex;justify-content:space-between;font-size:12px;color:#555;margin-top:4px}" +
    "textarea{width:100%;box-sizing:border-box;min-height:72px;font:inherit;padding:6px;border:1px solid #888;border-radius:6px}" +
    "label.choice{display:block;margin:4px 0}" +
    ".send{margin-top:8px;background:#1f4e79;color:#fff;border:0;border-radius:6px;padding:8px 14px;font:inherit;cursor:pointer}" +
    ".skip{margin-left:8px;background:none;border:0;color:#1f4e79;text-decoration:underline;cursor:pointer;font:inherit}" +
    ".err{color:#a4000f;margin-top:6px}" +
    ".hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}";

  var host, root, card;

  function el(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function mount() {
    host = el("div", { "data-touchpoint-survey": survey });
    root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, css));
    card = el("section", { "class": "card", role: "dialog", "aria-label": "Survey" });
    root.appendChild(card);
    document.body.appendChild(host);
  }

  function close() { if (host) host.remove(); }

  function send(question, value, skip) {
    var answers = {};
    answers[question.id] = skip ? {} : value;
    var body = { visitor: visitor, language: lang, answers: answers, website: root.querySelector(".hp input").value };
    if (tag.dataset.customer) { body.customer = tag.dataset.customer; body.signature = tag.dataset.signature || ""; }
    // text/plain keeps this a "simple" cross-origin request: no preflight; the server reads the JSON itself.
    return fetch(base + "/api/v1/public/widget/" + encodeURIComponent(survey) + "/responses", {
      method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body), credentials: "omit"
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) return j.completed ? thanks() : draw(j.next);
        var msg = (j.errors && Object.keys(j.errors).map(function (k) { return j.errors[k].join(" "); }).join(" ")) || j.detail || j.title || "Could not send your answer.";
        showError(r.status === 429 ? "Too many answers from here; please try again in a minute." : msg);
      });
    }).catch(function () { showError("Could not reach the survey; please try again."); });
  }

  function showError(text) {
    var e = card.querySelector(".err");
    if (!e) { e = el("div", { "class": "err", role: "alert" }); card.appendChild(e); }
    e.textContent = text;
  }

  function thanks() {
    card.textContent = "";
    card.appendChild(el("p", { "class": "q", role: "status" }, "Thank you! Your answer has been recorded."));
    var b = el("button", { "class": "close", type: "button", "aria-label": "Close" }, "\u00d7");
    b.addEventListener("click", close);
    card.appendChild(b);
    setTimeout(close, 4000);
  }

  function draw(q) {
    if (!q) return thanks();
    card.textContent = "";
    var x = el("button", { "class": "close", type: "button", "aria-label": "Close survey" }, "\u00d7");
    x.addEventListener("click", close);
    card.appendChild(x);
    var qid = "tp-q-" + q.id;
    card.appendChild(el("p", { "class": "q", id: qid }, q.text + (q.required ? " *" : "")));
    var hp = el("div", { "class": "hp", "aria-hidden": "true" });
    hp.appendChild(el("input", { name: "website", tabindex: "-1", autocomplete: "off" }));
    card.appendChild(hp);
    if (q.min !== null && q.max !== null && q.min !== undefined) {
      var scale = el("div", { "class": "scale", role: "group", "aria-labelledby": qid });
      for (var n = q.min; n <= q.max; n++) {
        (function (v) {
          var b = el("button", { type: "button", "aria-label": String(v) }, String(v));
          b.addEventListener("click", function () { send(q, { number: v }); });
          scale.appendChild(b);
        })(n);
      }
      card.appendChild(scale);
      var ends = el("div", { "class": "ends", "aria-hidden": "true" });
      ends.appendChild(el("span", {}, q.type === "ces" ? "very hard" : "not likely"));
      ends.appendChild(el("span", {}, q.type === "ces" ? "very easy" : "very likely"));
      if (q.type === "nps" || q.type === "ces") card.appendChild(ends);
    } else if (q.choices && q.choices.length) {
      var multi = q.type === "multipleChoice";
      var group = el("div", { role: "group", "aria-labelledby": qid });
      q.choices.forEach(function (c) {
        var l = el("label", { "class": "choice" });
        var i = el("input", { type: multi ? "checkbox" : "radio", name: "choice", value: c.id });
        l.appendChild(i);
        l.appendChild(document.createTextNode(" " + c.text));
        group.appendChild(l);
      });
      card.appendChild(group);
      var go = el("button", { "class": "send", type: "button" }, "Send");
      go.addEventListener("click", function () {
        var picked = Array.prototype.filter.call(group.querySelectorAll("input"), function (i) { return i.checked; }).map(function (i) { return i.value; });
        send(q, { choices: picked });
      });
      card.appendChild(go);
    } else {
      var t = el("textarea", { "aria-labelledby": qid, maxlength: "5000" });
      card.appendChild(t);
      var s = el("button", { "class": "send", type: "button" }, "Send");
      s.addEventListener("click", function () { send(q, { text: t.value }); });
      card.appendChild(s);
    }
    if (!q.required) {
      var k = el("button", { "class": "skip", type: "button" }, "Skip");
      k.addEventListener("click", function () { send(q, null, true); });
      card.appendChild(k);
    }
  }

  function start() {
    fetch(base + "/api/v1/public/widget/" + encodeURIComponent(survey) + "?visitor=" + encodeURIComponent(visitor) + "&lang=" + encodeURIComponent(lang), { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state || state.answered || !state.question) return;
        store(shownKey, "1");
        mount();
        draw(state.question);
      })
      .catch(function () { /* the host page must not notice a survey that cannot load */ });
  }

  setTimeout(function () {
    if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
  }, delay);
})();

/* Touchpoint chat widget: one script tag on any page (docs/chat.md).
 *   <script src="https://<touchpoint>/chat/widget.js" data-site="shop" async></script>
 * Optional, for a signed-in user of the host site: data-user-id, data-user-hash (HMAC-SHA256 of the id with the
 * site's chat secret, computed on the host's server), data-user-name.
 * Plain JavaScript with no build step. Everything it draws lives in a shadow root, so the host page's CSS cannot break
 * it; visitor and agent text is only ever set as textContent, never parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="/chat/widget.js"]');
  if (!script || window.__touchpointChat) return;
  window.__touchpointChat = true;
  var base = new URL(script.src, location.href).origin;
  var site = script.getAttribute("data-site") || "";
  var storeKey = "touchpoint-chat:" + base + ":" + site;
  var state = { token: null, lines: [], open: true, needsEmail: false, hasEmail: false, busy: false, connection: null };

  var css =
    ":host{all:initial}[hidden]{display:none!important}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.4}" +
    ".launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#3f51b5;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;z-index:2147483000}" +
    ".panel{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:460px;max-height:calc(100vh - 110px);background:#fff;color:#222;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.28);display:none;flex-direction:column;overflow:hidden;z-index:2147483000}" +
    ".panel.shown{display:flex}" +
    "header{background:#3f51b5;color:#fff;padding:12px 14px}header b{font-size:15px;display:block}header span{font-size:12px;opacity:.9}" +
    ".notice{background:#fff4e5;color:#663c00;padding:8px 12px;font-size:13px}" +
    ".list{flex:1;overflow-y:auto;padding:10px;background:#f6f7fb;display:flex;flex-direction:column;gap:6px}" +
    ".line{max-width:80%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}" +
    ".visitor{align-self:flex-end;background:#3f51b5;color:#fff}.agent{align-self:flex-start;background:#fff;border:1px solid #dde}" +
    ".pending{opacity:.6}.empty{color:#777;text-align:center;margin-top:30px}.typing{color:#555;font-size:12px;font-style:italic;padding:2px 12px;background:#f6f7fb}" +
    "form{display:flex;gap:6px;padding:8px;border-top:1px solid #e5e5ee}form.who{flex-direction:column;background:#fafafa}" +
    "input,textarea{flex:1;border:1px solid #c5c8d8;border-radius:8px;padding:7px 9px;resize:none;color:#222;background:#fff}" +
    "button.send{border:0;border-radius:8px;background:#3f51b5;color:#fff;padding:0 14px;cursor:pointer}" +
    "form.who .send{padding:8px 14px}button.send:disabled{opacity:.5}.error{color:#b00020;padding:4px 12px;font-size:13px}.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;padding:0;font-size:12px}";

  var host = document.createElement("div");
  host.setAttribute("data-touchpoint-chat", "");
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + css + "</style>" +
    '<button class="launcher" part="launcher" aria-label="Chat with us" data-testid="chat-launcher"><svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/></svg></button>' +
    '<section class="panel" role="dialog" aria-label="Chat" data-testid="chat-panel">' +
    '<header><b>Chat with us</b><span data-testid="chat-status"></span> <button class="link" type="button" data-testid="chat-leave-email" hidden>Leave your email</button></header>' +
    '<div class="notice" data-testid="chat-away" hidden></div>' +
    '<div class="list" data-testid="chat-lines" aria-live="polite"></div>' +
    '<div class="typing" data-testid="chat-typing" hidden>An agent is typing\u2026</div>' +
    '<div class="error" data-testid="chat-error" hidden></div>' +
    '<form class="who" data-testid="chat-identify" hidden>' +
    '<input name="name" placeholder="Your name" maxlength="200" autocomplete="name" data-testid="chat-name">' +
    '<input name="email" type="email" placeholder="Your email" maxlength="320" autocomplete="email" required data-testid="chat-email">' +
    '<button class="send" type="submit" data-testid="chat-identify-send">Save</button></form>' +
    '<form class="say" data-testid="chat-form"><textarea rows="2" maxlength="4000" placeholder="Write a message" aria-label="Message" data-testid="chat-input"></textarea>' +
    '<button class="send" type="submit" data-testid="chat-send">Send</button></form>' +
    "</section>";

  function $(sel) { return root.querySelector(sel); }
  var panel = $(".panel"), list = $(".list"), error = $(".error"), away = $(".notice"), who = $("form.who"), say = $("form.say"),
    input = $("textarea"), status = $("header span"), leaveEmail = $("button.link"), typing = $(".typing");

  function showError(text) { error.textContent = text || ""; error.hidden = !text; }

  function render() {
    list.textContent = "";
    if (state.lines.length === 0) {
      var empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = state.open ? "Ask us anything. We usually answer within minutes." : "Leave your email, then your question: we answer by email.";
      list.appendChild(empty);
    }
    state.lines.forEach(function (l) {
      var div = document.createElement("div");
      div.className = "line " + l.author + (l.pending ? " pending" : "");
      div.setAttribute("data-testid", l.pending ? "chat-line-pending" : "chat-line-" + l.author);
      div.textContent = l.text;
      list.appendChild(div);
    });
    list.scrollTop = list.scrollHeight;
    status.textContent = state.open ? "We are here" : "We are away";
    away.textContent = state.awayMessage || "";
    away.hidden = state.open;
    who.hidden = !state.needsEmail && !state.askEmail;
    leaveEmail.hidden = state.hasEmail || !who.hidden;
    say.querySelector("button").disabled = state.busy || state.needsEmail;
  }

  // "An agent is typing": shown while an agent writes a reply, gone when the reply arrives, and never left on for
  // long should the "stopped" message be lost.
  var typingTimer = null, typingSentAt = 0;
  function agentTyping(on) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) typingTimer = setTimeout(function () { typing.hidden = true; }, 60000);
  }

  function merge(lines) {
    if (lines.some(function (l) { return l.author === "agent"; })) agentTyping(false);
    lines.forEach(function (l) {
      if (!state.lines.some(function (x) { return x.id === l.id; })) state.lines.push(l);
    });
    state.lines.sort(function (a, b) { return (a.pending ? 1 : 0) - (b.pending ? 1 : 0) || a.id - b.id; });
    render();
  }

  // A problem document's first field message, else its detail: what the visitor should do next.
  function problemText(p, status) {
    if (p && p.errors) { for (var k in p.errors) { if (p.errors[k] && p.errors[k][0]) return p.errors[k][0]; } }
    if (p && p.detail) return p.detail;
    return status === 429 ? "Too many messages; wait a moment." : "Something went wrong; try again.";
  }

  function call(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (state.token) headers["X-Chat-Token"] = state.token;
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: "omit", mode: "cors" })
      .then(function (r) {
        return r.text().then(function (t) {
          var json = null;
          try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
          if (!r.ok) { var err = new Error(problemText(json, r.status)); err.status = r.status; throw err; }
          return json;
        });
      });
  }

  function applySession(s) {
    state.token = s.token;
    try { localStorage.setItem(storeKey, s.token); } catch (e) { /* private mode: the chat lasts as long as the page */ }
    state.open = s.open; state.awayMessage = s.awayMessage; state.needsEmail = s.needsEmail; state.hasEmail = s.hasEmail;
    state.lines = state.lines.filter(function (l) { return l.pending; });
    merge(s.lines);
  }

  function loadSignalR() {
    if (window.signalR) return Promise.resolve(window.signalR);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + "/chat/signalr.min.js";
      tag.async = true;
      tag.onload = function () { resolve(window.signalR); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function connect() {
    return loadSignalR().then(function (signalR) {
      var c = new signalR.HubConnectionBuilder()
        .withUrl(base + "/chat/hub?token=" + encodeURIComponent(state.token), { withCredentials: false })
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Warning)
        .build();
      c.on("lines", merge);
      c.on("typing", agentTyping);
      // Lines written while the connection was down are fetched once it is back.
      c.onreconnected(refresh);
      state.connection = c;
      return c.start().then(refresh);
    });
  }

  function refresh() {
    var last = state.lines.reduce(function (m, l) { return l.pending ? m : Math.max(m, l.id); }, 0);
    return call("GET", "/chat/messages?after=" + last).then(function (r) { merge(r.lines); });
  }

  function start() {
    var saved = null;
    try { saved = localStorage.getItem(storeKey); } catch (e) { saved = null; }
    return call("POST", "/chat/session", {
      site: site, token: saved, userId: script.getAttribute("data-user-id") || null,
      userHash: script.getAttribute("data-user-hash") || null, userName: script.getAttribute("data-user-name") || null,
    }).then(function (s) { applySession(s); return connect(); })
      .catch(function (e) { showError(e.message); });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function send(text, clientId) {
    typingSentAt = 0; // typing after this line is news again: report it at once
    var pending = { id: Number.MAX_SAFE_INTEGER, author: "visitor", text: text, pending: clientId };
    state.lines.push(pending);
    state.busy = true;
    showError("");
    render();
    return call("POST", "/chat/messages", { clientId: clientId, text: text })
      .then(function (r) {
        state.lines = state.lines.filter(function (l) { return l !== pending; });
        merge([{ id: r.id, author: "visitor", text: text }]);
      })
      .catch(function (e) {
        // Refused (too fast, too long, away without an email): nothing was stored, so the text goes back to the box.
        state.lines = state.lines.filter(function (l) { return l !== pending; });
        if (!input.value) input.value = text;
        showError(e.message);
        if (e.status === 400 && /email/.test(e.message)) { state.needsEmail = true; }
      })
      .then(function () { state.busy = false; render(); });
  }

  var started = null;
  $(".launcher").addEventListener("click", function () {
    panel.classList.toggle("shown");
    if (!started) started = start();
    if (panel.classList.contains("shown")) input.focus();
  });
  leaveEmail.addEventListener("click", function () { state.askEmail = true; render(); });
  say.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text || state.busy) return;
    input.value = "";
    // A line typed before the session is ready waits for it rather than being dropped.
    var id = newId();
    (started || Promise.resolve()).then(function () {
      if (state.token) send(text, id); else { input.value = text; }
    });
  });
  // The agent sees "visitor is typing" for a few seconds per report, so one report every 2.5 s while typing is enough.
  input.addEventListener("input", function () {
    var now = Date.now();
    if (!state.token || !input.value.trim() || now - typingSentAt < 2500) return;
    typingSentAt = now;
    call("POST", "/chat/typing").catch(function () { /* only a hint: a lost report is harmless */ });
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); say.requestSubmit(); }
  });
  who.addEventListener("submit", function (ev) {
    ev.preventDefault();
    showError("");
    call("POST", "/chat/identify", { name: who.elements.name.value.trim() || null, email: who.elements.email.value.trim() })
      .then(function (s) { state.askEmail = false; applySession(s); })
      .catch(function (e) { showError(e.message); });
  });

  function mount() { document.body.appendChild(host); render(); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();

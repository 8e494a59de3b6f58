/* Touchpoint web snippet (docs/snippet.md). Plain JS, no build step, no dependencies.
 *   <script async src="https://touchpoint.example.com/t.js" data-key="tp_site_..."></script>
 * Sends a page view on load; touchpoint.track(type, props) sends custom events; touchpoint.identify(emailOrCustomerId,
 * traits) tells Touchpoint who the visitor is, and their earlier anonymous events move to that customer.
 * Events are batched (1 s or 20 events) and sent with sendBeacon when the page is hidden or closed. */
(function (w, d) {
  "use strict";
  var script = d.currentScript;
  var key = script && script.getAttribute("data-key");
  if (!key || (w.touchpoint && w.touchpoint.loaded)) return;
  var endpoint = new URL("/api/v1/collect?key=" + encodeURIComponent(key), script.src).toString();
  var STORE = "tp_aid", MAX_QUEUE = 100, BATCH = 20, DELAY_MS = 1000;
  var queue = [], identify = null, timer = null;

  function randomId() {
    var b = new Uint8Array(16);
    (w.crypto || w.msCrypto).getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  // First-party anonymous id: localStorage when the browser allows it, a cookie on this site otherwise.
  function readCookie() {
    var m = d.cookie.match(/(?:^|; )tp_aid=([A-Za-z0-9_-]+)/);
    return m ? m[1] : null;
  }
  function anonymousId() {
    var id = null;
    try { id = w.localStorage.getItem(STORE); } catch (e) { /* storage blocked: fall back to the cookie */ }
    id = id || readCookie();
    if (!id) id = randomId();
    try { w.localStorage.setItem(STORE, id); } catch (e) { /* ignore */ }
    d.cookie = "tp_aid=" + id + "; path=/; max-age=31536000; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
    return id;
  }
  var aid = anonymousId();

  function body(events) {
    var b = { anonymousId: aid, events: events };
    if (identify) { b.identify = identify; identify = null; }
    return JSON.stringify(b);
  }

  // text/plain keeps the request "simple" (no CORS preflight) and is what sendBeacon may send cross-origin.
  function send(useBeacon) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!queue.length && !identify) return;
    var events = queue.splice(0, MAX_QUEUE), who = identify;
    var payload = body(events);
    if (useBeacon && navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([payload], { type: "text/plain" }))) return;
    fetch(endpoint, { method: "POST", body: payload, headers: { "Content-Type": "text/plain" }, keepalive: true, credentials: "omit", mode: "cors" })
      .then(function (r) { if (r.status >= 500 || r.status === 429) throw new Error(String(r.status)); })
      .catch(function () { queue = events.concat(queue).slice(0, MAX_QUEUE); identify = identify || who; schedule(DELAY_MS * 5); });
  }

  function schedule(ms) {
    if (!timer) timer = setTimeout(function () { send(false); }, ms);
  }

  function track(type, props) {
    if (typeof type !== "string" || !type) return;
    queue.push({ id: randomId(), type: type, occurredAt: new Date().toISOString(), properties: props || {} });
    if (queue.length > MAX_QUEUE) queue.shift();
    if (queue.length >= BATCH) send(false); else schedule(DELAY_MS);
  }

  function page(props) {
    var p = { url: location.href, path: location.pathname, title: d.title, referrer: d.referrer || null };
    for (var k in props || {}) p[k] = props[k];
    track("page.viewed", p);
  }

  var api = {
    loaded: true,
    anonymousId: function () { return aid; },
    track: track,
    page: page,
    identify: function (who, traits) {
      if (typeof who !== "string" || !who) return;
      identify = who.indexOf("@") > 0 ? { email: who } : { customerId: who };
      if (traits) identify.traits = traits;
      send(false);
    },
    flush: function () { send(false); },
    /** Forget the visitor (sign-out on a shared computer): the next events start a new anonymous profile. */
    reset: function () {
      try { w.localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
      d.cookie = "tp_aid=; path=/; max-age=0";
      aid = anonymousId();
    }
  };

  // Calls made before the script loaded (window.touchpoint = [["track", ...], ...]) run now, in order.
  var early = Array.isArray(w.touchpoint) ? w.touchpoint : [];
  w.touchpoint = api;
  page();
  early.forEach(function (call) { if (api[call[0]]) api[call[0]].apply(null, call.slice(1)); });
  d.addEventListener("visibilitychange", function () { if (d.visibilityState === "hidden") send(true); });
  w.addEventListener("pagehide", function () { send(true); });
})(window, document);

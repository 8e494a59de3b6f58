// The workspace timer's eyes in the browser: it tells the circuit when the agent is really at the ticket (tab
// visible and some input within the idle limit) and sends a heartbeat while they are. The server decides what a
// session is; this file only reports what the browser knows.
const inputs = ["mousemove", "mousedown", "keydown", "wheel", "touchstart", "scroll", "focus"];

export function start(dotnet, heartbeatMs, idleMs) {
  const state = { dotnet, lastInput: Date.now(), active: false, stopped: false };
  const call = (method, ...args) => {
    if (state.stopped) return;
    dotnet.invokeMethodAsync(method, ...args).catch(() => { /* circuit gone: the server closes the session */ });
  };
  const activate = () => {
    if (document.visibilityState !== "visible" || state.active) return;
    state.active = true;
    call("Active");
  };
  const onInput = () => { state.lastInput = Date.now(); activate(); };
  const onVisibility = () => {
    if (document.visibilityState === "visible") { state.lastInput = Date.now(); activate(); }
    else if (state.active) { state.active = false; call("Pause", "hidden", 0); }
  };
  const tick = () => {
    if (!state.active) return;
    const idle = Date.now() - state.lastInput;
    if (idle > idleMs) { state.active = false; call("Pause", "idle", idle / 1000); }
    else call("Beat");
  };
  inputs.forEach(e => window.addEventListener(e, onInput, { passive: true, capture: true }));
  document.addEventListener("visibilitychange", onVisibility);
  state.timer = setInterval(tick, heartbeatMs);
  state.stop = () => {
    state.stopped = true;
    clearInterval(state.timer);
    inputs.forEach(e => window.removeEventListener(e, onInput, { capture: true }));
    document.removeEventListener("visibilitychange", onVisibility);
  };
  activate();
  return state;
}

export function stop(state) {
  if (state && state.stop) state.stop();
}

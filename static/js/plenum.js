// Plenum's only script: the countdown, the live socket's health, and the typing guard.
// The countdown runs in the browser from server timestamps, so nothing is pushed per second.
(function () {
  "use strict";

  // --- Countdown -------------------------------------------------------------------------
  // Each [data-deadline-ms] carries the server's time at render; the difference to this
  // device's clock is the skew, measured once per element and applied on every tick.
  function format(seconds) {
    const sign = seconds < 0 ? "+" : "";
    const s = Math.abs(Math.round(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, "0");
    return sign + (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + rest;
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll("[data-deadline-ms]").forEach(function (el) {
      if (!el.dataset.skewMs) {
        el.dataset.skewMs = String(Number(el.dataset.serverNowMs) - now);
      }
      const remaining = (Number(el.dataset.deadlineMs) - (now + Number(el.dataset.skewMs))) / 1000;
      el.textContent = format(remaining);
      el.classList.toggle("overtime", remaining < 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:wsAfterMessage", tick);

  // --- Live socket -------------------------------------------------------------------------
  // Reconnect soon (at most 10 s apart) instead of htmx's default of up to 64 s, and also after
  // closes htmx would not retry, except "forbidden" (4403). The server sends the full state on
  // every connect, so nothing missed while away is lost.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) {
      htmx.config.wsReconnectDelay = function (retryCount) {
        const base = Math.min(500 * Math.pow(2, retryCount), 10000);
        return base / 2 + Math.random() * base / 2;
      };
    }
  });

  function setStatus(state) {
    document.querySelectorAll(".live-status").forEach(function (el) {
      el.dataset.state = state;
      el.textContent = el.dataset[state === "open" ? "openText" : "closedText"] || "";
    });
    document.body.dataset.live = state;
  }

  // One retry at a time: htmx retries abnormal closes (1006, 1011-1013) itself; other closes
  // get one reconnect from here, and so does a phone that wakes up or comes back online.
  // A second reconnect while one is pending would close the fresh socket and loop.
  const HTMX_RETRIES = [1006, 1011, 1012, 1013];
  let wrapper = null;
  let retryPending = false;
  document.addEventListener("htmx:wsOpen", function (e) {
    wrapper = e.detail.socketWrapper;
    retryPending = false;
    setStatus("open");
  });
  document.addEventListener("htmx:wsClose", function (e) {
    setStatus("closed");
    const code = e.detail.event.code;
    if (retryPending || code === 4403) { return; }
    retryPending = true;
    if (HTMX_RETRIES.indexOf(code) < 0 && e.detail.socketWrapper) {
      const again = e.detail.socketWrapper;
      setTimeout(function () { again.reconnect(); }, 1000 + Math.random() * 1000);
    }
  });
  function reconnectIfClosed() {
    if (wrapper && document.body.dataset.live === "closed" && !retryPending) {
      retryPending = true;
      wrapper.reconnect();
    }
  }
  window.addEventListener("online", reconnectIfClosed);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { reconnectIfClosed(); }
  });

  // --- Typing guard -------------------------------------------------------------------------
  // A push never replaces a region while a person is typing in it; the region is marked stale
  // and the next push (or the state sent on reconnect) brings it up to date.
  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    // Two pushes of one region can arrive out of order (each request publishes from its own
    // thread): keep the newer, by the version the server wrote when it read the state.
    const incoming = e.detail.fragment && (e.detail.fragment.firstElementChild || e.detail.fragment);
    const current = e.detail.target.dataset.version;
    const next = incoming && incoming.dataset ? incoming.dataset.version : undefined;
    if (current && next && BigInt(next) < BigInt(current)) {
      e.detail.shouldSwap = false;
      return;
    }
    const active = document.activeElement;
    const typing = active && (active.tagName === "TEXTAREA" ||
      (active.tagName === "INPUT" && active.type !== "submit" && active.type !== "button"));
    if (typing && e.detail.target.contains(active) && active.value) {
      e.detail.shouldSwap = false;
      e.detail.target.dataset.stale = "true";
    }
  });

  // --- Cards and forms --------------------------------------------------------------------
  // Every post carries a key made here before the first try, so a retry on a flaky network is
  // stored once. crypto.randomUUID needs https; getRandomValues works on a plain LAN address.
  function uuid4() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) +
      "-" + h.slice(20);
  }

  function prepare(root) {
    root.querySelectorAll("input[data-fresh-key]").forEach(function (input) {
      if (!input.value) { input.value = uuid4(); }
    });
    // Cards carry their author; the author's own phone shows the edit and withdraw buttons.
    const me = document.body.dataset.participant;
    root.querySelectorAll(".idea[data-author]").forEach(function (card) {
      card.classList.toggle("mine", Boolean(me) && card.dataset.author === me);
    });
    // The goal card: has this phone (or this table's screen) given its handshake?
    const table = document.body.dataset.group;
    document.querySelectorAll("#goal-card").forEach(function (card) {
      const people = (card.dataset.shakers || "").split(",");
      const tables = (card.dataset.tables || "").split(",");
      card.classList.toggle("shaken", (Boolean(me) && people.indexOf(me) >= 0) ||
        (Boolean(table) && tables.indexOf(table) >= 0));
    });
    root.querySelectorAll("[data-counter-for]").forEach(function (help) {
      const field = document.getElementById(help.dataset.counterFor);
      if (!field || field.dataset.counting) { return; }
      field.dataset.counting = "true";
      const template = help.textContent;
      field.addEventListener("input", function () {
        help.textContent = template + " " + field.value.length + " / " + help.dataset.max;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("htmx:load", function (e) { prepare(e.detail.elt.parentNode || document); });

  // --- Confirmations -------------------------------------------------------------------------
  // Buttons with data-confirm ask first (no inline handlers: the CSP forbids them).
  document.addEventListener("click", function (e) {
    const button = e.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
})();

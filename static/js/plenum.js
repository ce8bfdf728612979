// Plenum's only script: the countdown, the live socket's health, the order of board pushes and the
// typing guard.
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
    if (retryPending || code === 4403 || code === 4409) { return; }  // 4409: a newer tab took over
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

  // --- Boards: versions and appended cards -------------------------------------------------
  // A board arrives whole (its `section.board` is replaced) after a change that rearranges it,
  // and on connect; a new card arrives alone, appended to the board's loose cards
  // (`ul[data-loose]`), with the card count badge. Each carries a version: the server's clock
  // when it read the state, which for an appended card is after the card's commit. Pushes can
  // arrive out of order (each request publishes from its own thread) and an append can repeat
  // what a board already showed, so the rules, which end with the server's state in any order:
  // 1. A board, or a count badge, older than the one shown is not swapped in.
  // 2. An appended card is dropped when the page already has a card of that id (the state on
  //    reconnect or a board push carried it), or when the board shown is newer than the card:
  //    that board was read after the card's commit, so it shows the card, or shows it gone
  //    (withdrawn, hidden, put under a heading).
  // 3. A board replacing the one shown (also inside #my-work or #boards) keeps the appended
  //    cards and the count that are newer than itself: it may have been read before those
  //    cards were committed, and it has no later change of them (a withdraw, hide or edit needs
  //    the card on a screen first, so its board push is newer than the card's). A board older
  //    than the one shown inside a larger region is replaced by the one shown (rule 1).
  function version(el) {
    return el && el.dataset && el.dataset.version ? BigInt(el.dataset.version) : null;
  }

  function dropPlaceholder(list) {
    list.querySelectorAll("[data-empty]").forEach(function (li) { li.remove(); });
  }

  function keepNewer(incoming) {
    const shown = incoming.id && document.getElementById(incoming.id);
    const since = version(incoming);
    if (!shown || since === null || shown === incoming) { return; }
    if (version(shown) !== null && version(shown) > since) {
      incoming.replaceWith(shown.cloneNode(true));  // rule 1, for a board inside a region
      return;
    }
    const list = incoming.querySelector("ul[data-loose]");
    shown.querySelectorAll("ul[data-loose] > .idea[data-version]").forEach(function (card) {
      if (list && version(card) > since && !incoming.querySelector("#" + CSS.escape(card.id))) {
        list.appendChild(card.cloneNode(true));
        dropPlaceholder(list);
      }
    });
    const count = shown.querySelector("[data-card-count]");
    const newCount = incoming.querySelector("[data-card-count]");
    if (count && newCount && version(count) !== null && version(count) > since) {
      newCount.replaceWith(count.cloneNode(true));
    }
  }

  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    const target = e.detail.target;
    const fragment = e.detail.fragment;
    const incoming = fragment && (fragment.firstElementChild || fragment);
    if (target.matches("ul[data-loose]") && fragment && fragment.children.length > 1) {
      // Many cards at once: a large state sent in parts (seminar/parts.py). Each card the page
      // already shows is left out (rule 2); the rest are appended in one swap.
      Array.from(fragment.children).forEach(function (card) {
        if (!card.id || document.getElementById(card.id)) { card.remove(); }
      });
      if (fragment.children.length) { dropPlaceholder(target); } else { e.detail.shouldSwap = false; }
      return;
    }
    if (target.matches("ul[data-loose]")) {  // an appended card (rule 2)
      const board = target.closest("section.board");
      if (!incoming || !incoming.id || document.getElementById(incoming.id) ||
          (version(board) !== null && version(incoming) !== null &&
           version(incoming) < version(board))) {
        e.detail.shouldSwap = false;
      } else {
        dropPlaceholder(target);
      }
      return;
    }
    const current = version(target);
    const next = version(incoming);
    if (current !== null && next !== null && next < current) {  // rule 1
      e.detail.shouldSwap = false;
      return;
    }
    // Form guard: a push or a reconnect never replaces a region holding a form with unsent
    // input (typed, ticked or chosen since it was shown). The newest version waits and is put
    // in when the person is done (the form sent, or its input cleared), or at once if they ask.
    if (holdsUnsentInput(target) && incoming && incoming.id === target.id) {
      e.detail.shouldSwap = false;
      hold(target, incoming);
      return;
    }
    if (fragment && fragment.querySelectorAll) {  // rule 3
      fragment.querySelectorAll("section.board[data-version]").forEach(keepNewer);
    }
  });

  function changed(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button" ||
        field.type === "file") {
      return field.type === "file" && field.files && field.files.length > 0;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      // A single select with no option marked `selected` shows its first one: that is not a
      // change the person made.
      const options = Array.from(field.options);
      const marked = options.some(function (o) { return o.defaultSelected; });
      return options.some(function (o, i) {
        const initially = o.defaultSelected || (!marked && !field.multiple && i === 0);
        return o.selected !== initially;
      });
    }
    return field.value !== field.defaultValue;
  }

  function holdsUnsentInput(region) {
    return Array.from(region.querySelectorAll("form")).some(function (form) {
      return Array.from(form.elements).some(changed);
    });
  }

  // The newest version of each held region, by id, and the notice that offers it.
  const held = {};

  function hold(target, incoming) {
    held[target.id] = {region: incoming.cloneNode(true), at: Date.now()};
    if (target.previousElementSibling && target.previousElementSibling.dataset.heldFor === target.id) {
      return;
    }
    const notice = document.createElement("p");
    notice.className = "held-notice";
    notice.dataset.heldFor = target.id;
    notice.setAttribute("role", "status");
    notice.textContent = (document.body.dataset.heldText || "") + " ";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "small secondary";
    button.textContent = document.body.dataset.heldButton || "";
    button.addEventListener("click", function () { release(target.id, true); });
    notice.appendChild(button);
    target.parentNode.insertBefore(notice, target);
  }

  function release(id, asked) {
    const waiting = held[id];
    const region = document.getElementById(id);
    if (!waiting || !region || (!asked && holdsUnsentInput(region))) { return; }
    delete held[id];
    const newest = waiting.region;
    // A part the person's own request answered after the hold (their saved form) is newer
    // than the held region's copy of it: it stays.
    region.querySelectorAll("[id][data-settled-at]").forEach(function (part) {
      const copy = newest.querySelector("#" + CSS.escape(part.id));
      if (copy && Number(part.dataset.settledAt) > waiting.at) { copy.replaceWith(part.cloneNode(true)); }
    });
    const notice = region.previousElementSibling;
    if (notice && notice.dataset.heldFor === id) { notice.remove(); }
    // Focus stays where it was when the region comes back with the same field.
    const active = document.activeElement;
    const focusId = active && region.contains(active) ? active.id : null;
    region.replaceWith(newest);
    if (window.htmx) { htmx.process(newest); }
    prepare(newest.parentNode || document);
    const again = focusId && document.getElementById(focusId);
    if (again) { again.focus(); }
  }

  function releaseAround(el) {
    Object.keys(held).forEach(function (id) {
      const region = document.getElementById(id);
      if (region && region.contains(el)) { release(id, false); }
    });
  }
  // Done: the form was sent (its answer has settled), or its input was cleared.
  document.addEventListener("htmx:afterSettle", function (e) {
    const elt = e.detail.elt;
    if (elt && elt.id && elt.dataset) { elt.dataset.settledAt = String(Date.now()); }
    releaseAround(elt);
  });
  document.addEventListener("input", function (e) { releaseAround(e.target); });

  // --- Focus through swaps ------------------------------------------------------------------
  // A button that replaces its own region (the clock's "Next", a handshake, a post) or a push
  // that replaces the region holding focus would drop keyboard focus to <body>. The focused
  // control is remembered by what it does (its id, or where it posts) and focused again in the
  // new region; if it is gone (Start became Next), the region's main button takes focus.
  let focusWas = null;

  function focusKey(el) {
    if (!el || el === document.body || !el.matches) { return null; }
    if (el.id) { return "#" + CSS.escape(el.id); }
    const post = el.getAttribute("hx-post");
    if (post) { return el.tagName.toLowerCase() + '[hx-post="' + post.replace(/"/g, '\\"') + '"]'; }
    const form = el.form || el.closest("form");
    const action = form && (form.getAttribute("hx-post") || form.getAttribute("action"));
    if (action && el.type === "submit") {
      return 'form[hx-post="' + action.replace(/"/g, '\\"') + '"] [type="submit"]';
    }
    return null;
  }

  function rememberFocus(target) {
    const active = document.activeElement;
    if (target && active && active !== document.body && target.contains(active)) {
      focusWas = {key: focusKey(active), regionId: target.id};
    }
  }

  function restoreFocus() {
    if (!focusWas) { return; }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) { focusWas = null; return; }
    const region = focusWas.regionId && document.getElementById(focusWas.regionId);
    const same = focusWas.key ? Array.from(document.querySelectorAll(focusWas.key)) : [];
    const inRegion = function (selector) {
      return region ? Array.from(region.querySelectorAll(selector)) : [];
    };
    // A control that is there but hidden now ("Give a handshake" once given) cannot hold focus:
    // the region's first visible control takes it.
    // A form answered with errors: the first field in error takes focus (its message is read).
    // A form that took the place of what was focused ("Edit" became the item's form): its
    // first field, so the next Tab does not skip it. In a list the form comes in its own row.
    const isForm = region && (region.tagName === "FORM" ||
      (region.childElementCount === 1 && region.firstElementChild.tagName === "FORM"));
    const fields = isForm ? inRegion("input:not([type=hidden]), select, textarea") : [];
    const again = firstVisible(inRegion('[aria-invalid="true"]')) || firstVisible(same) ||
      firstVisible(fields) ||
      firstVisible(inRegion("button:not(.secondary):not([disabled])")) ||
      firstVisible(inRegion("button:not([disabled]), [href], textarea, input:not([type=hidden])"));
    // A control htmx has not set up yet (its swap settles in a moment) would take focus but
    // not a key: its swap's settle focuses it instead.
    if (again && again.closest(".htmx-added")) { return; }
    focusWas = null;
    if (again) { again.focus({preventScroll: true}); }
  }

  function firstVisible(elements) {
    return elements.find(function (el) { return el.getClientRects().length > 0; }) || null;
  }

  document.addEventListener("htmx:beforeSwap", function (e) { rememberFocus(e.detail.target); });
  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    if (e.detail.shouldSwap !== false) { rememberFocus(e.detail.target); }
  });
  document.addEventListener("htmx:afterSettle", restoreFocus);
  document.addEventListener("htmx:oobAfterSwap", restoreFocus);
  document.addEventListener("htmx:wsAfterMessage", restoreFocus);

  // --- Announcements ----------------------------------------------------------------------
  // A live change is said in one short sentence by a polite announcer (#announcer), not by
  // re-reading the region it replaced: a region's root carries the sentence in data-announce,
  // and it is said only when it differs from the one that region said last (a pause or +5 min
  // leaves "Now: Coffee" as it was, so nothing is said; a reconnect's full state neither).
  const announced = {};

  function announce(text) {
    const box = document.getElementById("announcer");
    if (!box || !text) { return; }
    box.textContent = "";
    // A new text node a moment later: screen readers say a change, not a value set twice.
    setTimeout(function () { box.textContent = text; }, 100);
  }

  function noteAnnouncements(root, speak) {
    const found = root.matches && root.matches("[data-announce]") ? [root] : [];
    if (root.querySelectorAll) { found.push.apply(found, root.querySelectorAll("[data-announce]")); }
    found.forEach(function (el) {
      const text = el.dataset.announce;
      const key = el.id || text;
      if (speak && text && announced[key] !== text) { announce(text); }
      announced[key] = text;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    noteAnnouncements(document, false);
    // A message after a saved form (a full page load) is said once the page is there.
    const messages = document.querySelector("main .messages");
    if (messages) { announce(messages.textContent.replace(/\s+/g, " ").trim()); }
  });
  document.addEventListener("htmx:wsAfterMessage", function () { noteAnnouncements(document, true); });
  document.addEventListener("htmx:afterSettle", function () { noteAnnouncements(document, true); });

  // --- Posts that did not arrive ------------------------------------------------------------
  // A post that fails (no network, the server down or failing) says so at its form, and a
  // post that carries a key (a card, a goal, a Monday action: stored once whatever the
  // retries) is sent again by itself: when the phone is back online, or after a pause that
  // grows up to 15 s. The form keeps what was written until an answer replaces it.
  const MAX_RETRIES = 40;

  function unsentNotice(form) {
    let notice = form.querySelector(":scope > .unsent");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "unsent message error";
      notice.setAttribute("role", "alert");
      form.appendChild(notice);
    }
    return notice;
  }

  function unsent(form, text) {
    unsentNotice(form).textContent = text || "";
    if (!form.querySelector("[data-fresh-key]")) { return; }  // not safe to repeat by itself
    const tries = Number(form.dataset.retries || 0) + 1;
    form.dataset.retries = String(tries);
    if (tries > MAX_RETRIES) { return; }
    const resend = function () {
      if (form.isConnected && window.htmx) { htmx.trigger(form, "submit"); }
    };
    if (navigator.onLine === false) {
      window.addEventListener("online", resend, {once: true});
    } else {
      setTimeout(resend, Math.min(1000 * Math.pow(2, tries - 1), 15000));
    }
  }

  function postingForm(e) {
    const elt = e.detail && e.detail.elt;
    const form = elt && (elt.tagName === "FORM" ? elt : elt.closest("form"));
    return form && (form.getAttribute("hx-post") ? form : null);
  }

  document.addEventListener("htmx:sendError", function (e) {
    const form = postingForm(e);
    if (form) { unsent(form, document.body.dataset.unsentOffline); }
  });
  document.addEventListener("htmx:responseError", function (e) {
    const form = postingForm(e);
    if (form && e.detail.xhr && e.detail.xhr.status >= 500) {
      unsent(form, document.body.dataset.unsentServer);
    }
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    const form = postingForm(e);
    if (form && form.hasAttribute("data-autosave")) {
      form._sent = Array.from(form.elements).filter(function (field) {
        return "defaultValue" in field && field.type !== "file";
      }).map(function (field) {
        const box = field.type === "checkbox" || field.type === "radio";
        return {field: field, value: box ? field.checked : field.value};
      });
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    const form = postingForm(e);
    // A form saved as it is typed (data-autosave): what it held when the save was sent is
    // saved, so that no longer holds back a pushed region (what was typed since still does).
    if (form && e.detail.successful && form.hasAttribute("data-autosave") && form._sent) {
      form._sent.forEach(function (entry) {
        if (entry.field.type === "checkbox" || entry.field.type === "radio") {
          entry.field.defaultChecked = entry.value;
        } else {
          entry.field.defaultValue = entry.value;
        }
      });
      form._sent = null;
      releaseAround(form);
    }
    if (form && e.detail.successful) {
      delete form.dataset.retries;
      const notice = form.querySelector(":scope > .unsent");
      if (notice) { notice.remove(); }
    }
  });

  // A form that asks first (data-confirm): leaving the seminar on a phone.
  document.addEventListener("submit", function (e) {
    const form = e.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
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

  // A key names one answer, not the form: a retry of the same answer (the network failed, the
  // server answered 5xx) keeps it, so the server stores it once; an answer that differs from
  // the one last sent with the key (a slider moved again before the last save came back), or
  // any post after a save that went through, gets a new one. Otherwise the server would take
  // the new answer for a retry of the old and keep the old one.
  function formValues(formData) {
    const values = [];
    formData.forEach(function (value, name) {
      if (name !== "key" && name !== "csrfmiddlewaretoken" && typeof value === "string") {
        values.push(name + "=" + value);
      }
    });
    return values.join("&");
  }

  // And each answer is numbered in the order this page made it, with the page's own id: an
  // answer that reaches the server after a later one from the same page (overtaken on a flaky
  // network, or through another server process) is known to be the older (`sent`).
  const pageId = uuid4();
  let answersMade = 0;

  document.addEventListener("htmx:configRequest", function (e) {
    const form = postingForm(e);
    const input = form && form.querySelector("input[data-fresh-key]");
    if (!input || !e.detail.formData) { return; }
    const values = formValues(e.detail.formData);
    if (!input.value || (form._keyed !== undefined && form._keyed !== values)) {
      input.value = uuid4();
      e.detail.parameters.key = input.value;
    }
    form._keyed = values;
    if (!form._order || form._order.key !== input.value) {
      answersMade += 1;
      form._order = {key: input.value, number: answersMade};
    }
    e.detail.parameters.sent = pageId + "." + form._order.number;
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    const form = postingForm(e);
    const input = form && form.querySelector("input[data-fresh-key]");
    if (input && e.detail.successful) {
      input.value = uuid4();  // spent: the next post from this form is a new answer
      form._keyed = undefined;
    }
  });

  let shakenWas = null;  // the goal card's handshake as this page last showed it

  function prepare(root) {
    root.querySelectorAll("input[data-fresh-key]").forEach(function (input) {
      if (!input.value) { input.value = uuid4(); }
    });
    // Cards carry their author; the author's own phone shows the edit and withdraw buttons.
    const me = document.body.dataset.participant;
    root.querySelectorAll(".idea[data-author]").forEach(function (card) {
      card.classList.toggle("mine", Boolean(me) && card.dataset.author === me);
    });
    // Controls for one person (a group's process leader): shown on that person's phone only.
    root.querySelectorAll("[data-only-for]").forEach(function (el) {
      el.classList.toggle("for-me", Boolean(me) && el.dataset.onlyFor === me);
    });
    // The goal card: has this phone (or this table's screen) given its handshake? A change
    // while the page is open is said, and focus moves from the button that went away to the
    // one that took its place.
    const table = document.body.dataset.group;
    document.querySelectorAll("#goal-card").forEach(function (card) {
      const people = (card.dataset.shakers || "").split(",");
      const tables = (card.dataset.tables || "").split(",");
      const shaken = (Boolean(me) && people.indexOf(me) >= 0) ||
        (Boolean(table) && tables.indexOf(table) >= 0);
      card.classList.toggle("shaken", shaken);
      const goal = card.dataset.goal || "";
      if (shakenWas !== null && shakenWas.goal === goal && shakenWas.shaken !== shaken) {
        announce(shaken ? card.dataset.shakenText : card.dataset.unshakenText);
        const active = document.activeElement;
        if (!active || active === document.body || !active.isConnected ||
            active.getClientRects().length === 0 || card.contains(active)) {
          const next = firstVisible(Array.from(card.querySelectorAll("button")));
          if (next) { next.focus({preventScroll: true}); }
        }
      }
      shakenWas = {goal: goal, shaken: shaken};
    });
    // Plenum questions: has this phone upvoted the question (its "take back" form shows)?
    root.querySelectorAll(".question[data-voters]").forEach(function (question) {
      const voters = question.dataset.voters.split(",");
      question.classList.toggle("voted", Boolean(me) && voters.indexOf(me) >= 0);
    });
    // The speaker queue: is this phone waiting, or speaking? Its own place is marked.
    document.querySelectorAll("#speakers[data-queue]").forEach(function (queue) {
      const waiting = queue.dataset.queue.split(",");
      queue.classList.toggle("queued", Boolean(me) && waiting.indexOf(me) >= 0);
      queue.classList.toggle("speaking", Boolean(me) && queue.dataset.speaking === me);
      queue.querySelectorAll("[data-person]").forEach(function (place) {
        place.classList.toggle("mine", Boolean(me) && place.dataset.person === me);
      });
    });
    // The soapbox: the process leader's phone shows the leader's buttons; a phone fetches its
    // own speech into the group's shared region (a table screen has none to fetch).
    document.querySelectorAll(".soapbox[data-leader]").forEach(function (box) {
      box.classList.toggle("leading", Boolean(me) && box.dataset.leader === me);
    });
    root.querySelectorAll("[data-fetch-mine]").forEach(function (slot) {
      if (me && window.htmx && !slot.dataset.fetching) {
        slot.dataset.fetching = "true";
        htmx.ajax("GET", slot.dataset.fetchMine, {target: slot, swap: "outerHTML"});
      }
    });
    // A dot vote's state (ideas/votes/live.py): a ballot that shows another state than the
    // one pushed fetches itself again (it is the person's own: their dots); a reconnect that
    // finds the state unchanged fetches nothing.
    root.querySelectorAll("[data-ballot-state]").forEach(function (marker) {
      const ballot = document.getElementById("ballot");
      if (ballot && window.htmx && ballot.dataset.state !== marker.dataset.ballotState) {
        ballot.dataset.state = marker.dataset.ballotState;  // fetched once per change
        htmx.ajax("GET", marker.dataset.ballotUrl, {target: ballot, swap: "outerHTML"});
      }
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

  // --- Venue: shared screens awake, full screen, the countdown's zero (issue 18) --------------
  // A projector or table screen ([data-keep-awake]) holds a Screen Wake Lock while visible; the
  // browser drops it when the tab is hidden, so it is asked for again on coming back. Browsers
  // grant it only to secure pages (https, or 127.0.0.1 on the laptop itself): elsewhere a note
  // says to turn off the device's sleep. When a countdown on the projector reaches zero, its
  // "now" region flashes (a steady frame with prefers-reduced-motion: see plenum.css) and, if
  // the facilitator switched it on, a chime made with WebAudio sounds (no file is fetched).
  let wakeLock = null;

  async function keepAwake() {
    const screen = document.querySelector("[data-keep-awake]");
    if (!screen || document.visibilityState !== "visible" || wakeLock) { return; }
    const note = screen.querySelector(".screen-awake-note");
    if (!("wakeLock" in navigator)) {
      if (note) { note.textContent = screen.dataset.awakeUnavailable || ""; note.hidden = false; }
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      screen.dataset.awake = "true";
      wakeLock.addEventListener("release", function () {
        wakeLock = null;
        screen.dataset.awake = "false";
      });
    } catch (error) {
      screen.dataset.awake = "false";  // refused (battery saver): try again on the next visit
    }
  }
  document.addEventListener("DOMContentLoaded", keepAwake);
  document.addEventListener("visibilitychange", keepAwake);

  function fullscreenLabel(button) {
    const inFull = Boolean(document.fullscreenElement);
    button.textContent = button.dataset[inFull ? "leaveText" : "enterText"] || button.textContent;
    button.setAttribute("aria-pressed", inFull ? "true" : "false");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-fullscreen]").forEach(function (button) {
      if (!document.fullscreenEnabled) { return; }
      button.hidden = false;
      fullscreenLabel(button);
      button.addEventListener("click", function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else {
          document.documentElement.requestFullscreen().catch(function () {});
        }
      });
    });
  });
  document.addEventListener("fullscreenchange", function () {
    document.querySelectorAll("[data-fullscreen]").forEach(fullscreenLabel);
  });

  // The chime's switch is remembered on this device; browsers let sound start only after a
  // click or key on the page, so the audio is prepared on the first one.
  const SOUND_KEY = "plenum.zeroSound";
  let audio = null;

  function soundOn() {
    try { return localStorage.getItem(SOUND_KEY) === "on"; } catch (error) { return false; }
  }

  function prepareAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || !soundOn()) { return; }
    if (!audio) { audio = new Context(); }
    if (audio.state === "suspended") { audio.resume(); }
  }
  document.addEventListener("click", prepareAudio);
  document.addEventListener("keydown", prepareAudio);

  function chime() {
    if (!audio || !soundOn()) { return; }
    const start = audio.currentTime + 0.05;
    [880, 659.25, 523.25].forEach(function (frequency, i) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      const at = start + i * 0.35;
      tone.type = "sine";
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.65);
    });
  }

  function showSound(button) {
    button.setAttribute("aria-pressed", soundOn() ? "true" : "false");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-zero-sound]").forEach(function (button) {
      showSound(button);
      button.addEventListener("click", function () {
        try { localStorage.setItem(SOUND_KEY, soundOn() ? "off" : "on"); } catch (error) { return; }
        showSound(button);
        prepareAudio();
        if (soundOn()) { chime(); }  // switching it on plays it once: the volume can be set
      });
    });
  });

  // Zero is signalled once per deadline, and only when it passes while the page is open (a
  // projector opened in overtime does not flash).
  const signalled = {};
  function signalZero() {
    if (!document.body.classList.contains("projector")) { return; }
    const now = Date.now();
    document.querySelectorAll(".now [data-deadline-ms]").forEach(function (el) {
      const deadline = el.dataset.deadlineMs;
      const skew = Number(el.dataset.skewMs || 0);
      const past = (now + skew - Number(deadline)) / 1000;
      if (past < 0 || past > 3 || signalled[deadline]) { return; }
      signalled[deadline] = true;
      const region = el.closest(".now");
      region.classList.remove("at-zero");
      void region.offsetWidth;  // restart the animation
      region.classList.add("at-zero");
      document.body.dataset.zeroSignals = String(Number(document.body.dataset.zeroSignals || 0) + 1);
      chime();
    });
  }
  setInterval(signalZero, 500);


  // --- Pages of a shared screen (issue 20: the projector's stage, the table screen) ----------
  // A projector never scrolls: a board, the highlights or a vote's ranking that holds more than
  // its box shows a page of it at a time, "Page 1 of 3", turning every few seconds. The pages
  // are measured in the browser (the cards' sizes depend on the screen), again after every push.
  const PAGED = [
    [".stage-frame .stage .board", "li.idea"],
    [".stage-frame .stage[data-stage='highlights']", ".highlights > li"],
    [".stage-frame .stage[data-stage^='vote:']", ".ranking > li"],
    // A question round's stage: whole questions (with their conclusions) a page at a time.
    [".stage-frame .stage .round-stage", ".round-questions > li, .round-stage-questions > section"],
    ["body.table-screen #my-work .board", "li.idea"],
  ];
  const TURN_MS = {projector: 8000, screen: 15000};
  const shownPage = new Map();  // a box's key -> the page it shows

  function boxKey(box) {
    const board = box.closest("[data-board]");
    return (box.closest(".stage-preview") ? "preview:" : "") +
      (board ? "board:" + board.dataset.board : box.dataset.stage || "box");
  }

  function pageText(page, pages) {
    const text = document.body.dataset.pageText || "%(page)s / %(pages)s";
    return text.replace("%(page)s", page).replace("%(pages)s", pages);
  }

  function paginate(box, itemSelector) {
    const items = Array.from(box.querySelectorAll(itemSelector));
    items.forEach(function (item) { item.hidden = false; delete item.dataset.page; });
    let label = box.querySelector(":scope > .pager");
    if (label) { label.remove(); }
    const bottom = box.getBoundingClientRect().bottom;
    let rest = items;
    let page = 0;
    // Each page is what fits once the pages before it are hidden; a card too tall for the box
    // still gets a page of its own.
    while (rest.length) {
      page += 1;
      const fits = rest.filter(function (item) { return item.getBoundingClientRect().bottom <= bottom + 1; });
      const onPage = fits.length ? fits : [rest[0]];
      onPage.forEach(function (item) { item.dataset.page = String(page); item.hidden = true; });
      rest = rest.filter(function (item) { return !item.dataset.page; });
      if (page > 200) { break; }
    }
    box.dataset.pages = String(page);
    return items;
  }

  function showPage(box, itemSelector, page) {
    const pages = Number(box.dataset.pages || 1);
    page = ((page - 1) % pages) + 1;
    shownPage.set(boxKey(box), page);
    box.querySelectorAll(itemSelector).forEach(function (item) {
      item.hidden = item.dataset.page !== String(page);
    });
    let label = box.querySelector(":scope > .pager");
    if (pages > 1) {
      if (!label) {
        label = document.createElement("p");
        label.className = "pager";
        box.appendChild(label);
      }
      label.textContent = pageText(page, pages);
    } else if (label) {
      label.remove();
    }
  }

  function repage() {
    PAGED.forEach(function (entry) {
      document.querySelectorAll(entry[0]).forEach(function (box) {
        paginate(box, entry[1]);
        showPage(box, entry[1], shownPage.get(boxKey(box)) || 1);
      });
    });
  }

  function turnPages() {
    PAGED.forEach(function (entry) {
      document.querySelectorAll(entry[0]).forEach(function (box) {
        // Not while someone at the table works in it (a heading chosen, a card moved).
        if (Number(box.dataset.pages || 1) > 1 && !box.contains(document.activeElement)) {
          showPage(box, entry[1], (shownPage.get(boxKey(box)) || 1) + 1);
        }
      });
    });
  }

  let repageSoon = null;
  function scheduleRepage() {
    if (repageSoon) { return; }
    repageSoon = requestAnimationFrame(function () { repageSoon = null; repage(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector(".stage-frame, body.table-screen")) { return; }
    repage();
    document.addEventListener("htmx:afterSettle", scheduleRepage);
    document.addEventListener("htmx:oobAfterSwap", scheduleRepage);
    document.addEventListener("htmx:wsAfterMessage", scheduleRepage);
    window.addEventListener("resize", scheduleRepage);
    const role = document.body.classList.contains("table-screen") ? "screen" : "projector";
    setInterval(turnPages, TURN_MS[role]);
  });

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

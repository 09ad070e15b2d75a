/*
 * clickpulse browser tracker: no dependencies, include it on every page of a shop.
 *
 *   <script>window.clickpulseConfig = { endpoint: "https://collector.example.com/events" };</script>
 *   <script src="clickpulse.js"></script>
 *   clickpulse.pageView();                              // PageView
 *   clickpulse.productView(100001, 49.90);              // ViewContent, sent when the page is left,
 *                                                       //   with percent_viewed and time_on_data
 *   clickpulse.addToCart(100001, 49.90);                // AddToCart
 *   clickpulse.purchase([{ productId: 100001, price: 49.90 }]);  // one Purchase per item
 *   clickpulse.search("running shoes");                 // Search
 *   clickpulse.identify("customer-42");                 // the shop's own user id, once logged in
 *
 * Events are in the pixel tracker's shape (README "Event shapes"), each with its own click_id,
 * which the streaming job dedups on: a retried event counts once. They are batched (up to
 * maxBatch events or flushMs) and posted as a JSON array with Content-Type text/plain, a CORS
 * "simple" request: no preflight. When the page is hidden, what is queued goes with
 * navigator.sendBeacon (or fetch keepalive); what cannot be sent is kept in localStorage and sent
 * from the next page. A batch the collector answers 5xx (or a network error) is retried, failed
 * events only, at most maxRetries times, after Retry-After or a doubling backoff; a 4xx is not.
 */
(function (window, document) {
  "use strict";
  var config = window.clickpulseConfig || {};
  var endpoint = config.endpoint || window.CLICKPULSE_ENDPOINT;
  var pixelId = config.pixelId || "clickpulse-web";
  var maxBatch = config.maxBatch || 20;
  var flushMs = config.flushMs || 1000;
  var maxRetries = config.maxRetries === undefined ? 3 : config.maxRetries;
  var MAX_STORED = 200; // events kept across pages
  var MAX_BEACON_BYTES = 60000; // sendBeacon and fetch keepalive carry at most 64 KB in flight
  var STORE = "clickpulse.queue";

  var queue = []; // { event: {...}, tries: n }
  var timer = null;
  var currentView = null;

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /** A first-party id: localStorage, mirrored in a first-party cookie for a year. */
  function firstPartyId(name, prefix) {
    var s = storage();
    var id = s && s.getItem("clickpulse." + name);
    if (!id) {
      var m = document.cookie.match(new RegExp("(?:^|; )cp_" + name + "=([^;]*)"));
      id = m ? decodeURIComponent(m[1]) : prefix + uuid();
    }
    if (s) { s.setItem("clickpulse." + name, id); }
    document.cookie = "cp_" + name + "=" + encodeURIComponent(id) + "; path=/; max-age=31536000; SameSite=Lax";
    return id;
  }

  var deviceId = firstPartyId("did", "d-");
  var userId = firstPartyId("uid", "v-");

  function event(name, data) {
    var now = new Date().toISOString();
    var e = {
      timestamp: now,
      user_id: userId,
      device_id: deviceId,
      pixel_id: pixelId,
      click_id: uuid(),
      insertion_timestamp: now,
      event_name: name,
      user_agent: navigator.userAgent,
      page_url: location.href
    };
    if (document.referrer) { e.referrer = document.referrer; }
    if (data) { e.additional_data = data; }
    return e;
  }

  function enqueue(e) {
    queue.push({ event: e, tries: 0 });
    if (queue.length >= maxBatch) {
      flush();
    } else if (!timer) {
      timer = setTimeout(flush, flushMs);
    }
  }

  function schedule(delayMs) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(flush, delayMs);
  }

  /** Posts up to maxBatch queued events; on 5xx or network error re-queues the failed ones. */
  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!queue.length || !endpoint) { return; }
    var batch = queue.splice(0, maxBatch);
    var body = JSON.stringify(batch.map(function (q) { return q.event; }));
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: body,
      keepalive: body.length < MAX_BEACON_BYTES,
      credentials: "omit"
    }).then(function (response) {
      if (response.ok) { return null; }
      if (response.status < 500) {
        console.warn("clickpulse: events refused with " + response.status);
        return null;
      }
      var retryAfter = parseInt(response.headers.get("Retry-After") || "1", 10);
      return response.json().then(function (answer) {
        var failed = batch.filter(function (q, i) {
          var r = answer && answer.results && answer.results[i];
          return !r || r.status !== "accepted";
        });
        retry(failed, retryAfter * 1000);
      }, function () { retry(batch, retryAfter * 1000); });
    }, function () {
      retry(batch, 1000);
    });
    if (queue.length) { schedule(0); }
  }

  function retry(batch, delayMs) {
    var again = batch.filter(function (q) { q.tries++; return q.tries <= maxRetries; });
    if (!again.length) { return; }
    queue = again.concat(queue);
    schedule(delayMs * Math.pow(2, again[0].tries - 1));
  }

  /** The page is going away: the open product view, then everything queued, by beacon. */
  function leave() {
    closeView();
    if (!queue.length || !endpoint) { return; }
    var events = queue.map(function (q) { return q.event; });
    queue = [];
    if (timer) { clearTimeout(timer); timer = null; }
    var body = JSON.stringify(events);
    var sent = false;
    if (body.length < MAX_BEACON_BYTES && navigator.sendBeacon) {
      sent = navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain;charset=UTF-8" }));
    }
    if (!sent) {
      var s = storage();
      if (s) {
        var kept = JSON.parse(s.getItem(STORE) || "[]").concat(events);
        s.setItem(STORE, JSON.stringify(kept.slice(-MAX_STORED)));
      }
    }
  }

  function resumeStored() {
    var s = storage();
    var kept = s && JSON.parse(s.getItem(STORE) || "[]");
    if (kept && kept.length) {
      s.removeItem(STORE);
      kept.forEach(function (e) { queue.push({ event: e, tries: 0 }); });
      schedule(0);
    }
  }

  function scrolledPercent() {
    var el = document.documentElement;
    var seen = (window.scrollY || el.scrollTop) + window.innerHeight;
    var total = Math.max(el.scrollHeight, 1);
    return Math.min(100, Math.round((seen / total) * 1000) / 10);
  }

  function closeView() {
    if (!currentView) { return; }
    var v = currentView;
    currentView = null;
    window.removeEventListener("scroll", v.onScroll);
    enqueue(event("ViewContent", {
      product_id: v.productId,
      price: v.price,
      percent_viewed: Math.max(v.maxPercent, scrolledPercent()),
      time_on_data: Math.round((Date.now() - v.started) / 1000)
    }));
  }

  var clickpulse = {
    identify: function (id) {
      userId = String(id);
      var s = storage();
      if (s) { s.setItem("clickpulse.uid", userId); }
      document.cookie = "cp_uid=" + encodeURIComponent(userId) + "; path=/; max-age=31536000; SameSite=Lax";
    },
    userId: function () { return userId; },
    deviceId: function () { return deviceId; },
    pageView: function () { enqueue(event("PageView")); },
    productView: function (productId, price) {
      closeView();
      var v = { productId: productId, price: price, started: Date.now(), maxPercent: scrolledPercent() };
      v.onScroll = function () { v.maxPercent = Math.max(v.maxPercent, scrolledPercent()); };
      window.addEventListener("scroll", v.onScroll, { passive: true });
      currentView = v;
    },
    addToCart: function (productId, price) {
      enqueue(event("AddToCart", { product_id: productId, price: price }));
    },
    purchase: function (items) {
      items.forEach(function (i) {
        enqueue(event("Purchase", { product_id: i.productId, price: i.price }));
      });
    },
    search: function (query) {
      enqueue(event("Search", { query: String(query) }));
    },
    flush: function () { closeView(); flush(); },
    pending: function () { return queue.length; }
  };

  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leave(); }
  });
  resumeStored();
  window.clickpulse = clickpulse;
})(window, document);

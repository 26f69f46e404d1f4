/* Service worker of the check-in page (PRECACHE and CACHE_NAME are set above by the server).
   The page and its files are kept for offline use: the page network first (a fresh one when
   online), the static files from the cache. Scans and syncs are never cached: the page keeps
   them in IndexedDB and sends them when the network is back. */
/* global PRECACHE, CACHE_NAME */
"use strict";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE_NAME).then(function (cache) {
      return cache.addAll(PRECACHE.map(function (url) {
        return new Request(url, { credentials: "same-origin", cache: "reload" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("kongres-checkin-") === 0 && key !== CACHE_NAME;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.endsWith("/list.json")) { return; }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE_NAME).then(function (cache) { cache.put(url.pathname, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(url.pathname).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
    return;
  }
  if (PRECACHE.indexOf(url.pathname) !== -1) {
    event.respondWith(
      caches.match(url.pathname).then(function (cached) { return cached || fetch(request); })
    );
  }
});

// Service worker of the handbook: calculator pages work offline and start at once on a second visit.
//
// The build (macros/offline.py) writes the site's sw.js as this file preceded by
// `self.CLG_PRECACHE = {version, cacheFirst, networkFirst}`: paths relative to the site root.
// - cacheFirst: Pyodide, the standard library, the calculators archive and content-hashed theme
//   files. Served from the cache; a new deployment lists new files under a new version.
// - networkFirst: the calculator pages and the theme files without a hash in their name. Asked
//   of the network, so an update shows at once; the cache answers when the network does not.
// Nothing else is ever stored: only these build-time files, fetched at install, keyed by their
// address without a query (a page's query holds a reader's values and never reaches the cache).
// Every other request (other pages, POST, blobs, other origins) goes past the worker untouched.

const { version, cacheFirst, networkFirst } = self.CLG_PRECACHE;
const PREFIX = "clg-offline-";
const CACHE = `${PREFIX}${version}`;
const SCOPE = self.registration.scope;
const address = (path) => new URL(path, SCOPE).href;
const STRATEGIES = new Map([
  ...cacheFirst.map((path) => [address(path), "cache"]),
  ...networkFirst.map((path) => [address(path), "network"]),
]);

self.addEventListener("install", (event) => {
  // Files unchanged since the last visit come from the HTTP cache (immutable, or a 304).
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...STRATEGIES.keys()]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A response to HEAD has no body; the worker's check of the wasm's type asks with HEAD.
function answer(request, response) {
  if (request.method !== "HEAD") return response;
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function fromCache(key) {
  const cache = await caches.open(CACHE);
  return cache.match(key);
}

async function cacheFirstResponse(request, key) {
  const cached = await fromCache(key);
  return cached ? answer(request, cached) : fetch(request);
}

async function networkFirstResponse(request, key) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(key);
    if (!cached) throw error;
    return answer(request, cached);
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" && request.method !== "HEAD") return;
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  const strategy = STRATEGIES.get(key);
  if (strategy === "cache") event.respondWith(cacheFirstResponse(request, key));
  else if (strategy === "network") event.respondWith(networkFirstResponse(request, key));
});

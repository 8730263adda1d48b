// Registers the service worker (the site's sw.js, built by macros/offline.py) once Python has
// started on this visit: only readers who use a calculator get the runtime kept for offline use,
// and the worker's precache then finds the runtime in the HTTP cache instead of downloading it twice.

import { runtime } from "./runtime.js";

const SERVICE_WORKER = new URL("../../sw.js", import.meta.url);

function registerWhenReady(state) {
  if (state.state !== "ready") return;
  runtime.unsubscribe(registerWhenReady);
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(SERVICE_WORKER).catch((error) => {
    // Without the worker the site works as before, only not offline.
    console.warn("service worker not registered", error);
  });
}

runtime.subscribe(registerWhenReady);

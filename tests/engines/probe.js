// Test-only probe for engines whose driver cannot read the console (WebKitGTK's WebDriver):
// records uncaught errors, rejected promises, CSP violations and console.error calls in the tab's
// sessionStorage, so that what one page saw survives the navigation to the next.
(() => {
  const KEY = "clg-engine-probe";
  // A page being left is no longer the reader's: WebKit fails its requests still in flight (Material's
  // background XHRs then throw «Network error»), which no reader sees, and which would otherwise be
  // blamed on the next test, since the records outlive the navigation.
  let leaving = false;
  window.addEventListener("beforeunload", () => {
    leaving = true;
  });
  window.addEventListener("pageshow", () => {
    leaving = false;
  });
  const record = (text) => {
    if (leaving) return;
    const seen = JSON.parse(sessionStorage.getItem(KEY) || "[]");
    sessionStorage.setItem(KEY, JSON.stringify([...seen, text]));
  };
  const consoleError = console.error.bind(console);
  console.error = (...parts) => {
    record(parts.map(String).join(" "));
    consoleError(...parts);
  };
  window.addEventListener("error", (event) => record(`error: ${event.message}`));
  window.addEventListener("unhandledrejection", (event) => record(`unhandled rejection: ${event.reason}`));
  document.addEventListener("securitypolicyviolation", (event) =>
    record(`CSP blocked ${event.blockedURI} (${event.violatedDirective})`),
  );
})();

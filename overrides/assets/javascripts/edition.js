// The edition's page scripts: the search's trigger. The search itself (search.js, its dialog,
// its stylesheet and Pagefind's index) is fetched only when the reader opens it, with the
// header's button, "/" or Ctrl+K, or arrives by a result's link (?hl=…), never on a first view.
(function () {
  "use strict";

  const SEARCH = new URL("search.js", document.currentScript.src).href;
  let loaded = null; // Promise of search.js having run

  function load() {
    if (!loaded) {
      loaded = new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = SEARCH;
        script.onload = resolve;
        script.onerror = function () {
          loaded = null; // try again on the next press
          reject(new Error("search.js could not be loaded"));
        };
        document.head.append(script);
      });
    }
    return loaded;
  }

  function open() {
    load().then(() => window.editionSearch.open(), () => {});
  }

  const ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function ensureButton() {
    if (document.querySelector(".edition-search-button")) return;
    const header = document.querySelector(".md-header__inner") || document.querySelector("header");
    if (!header) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon edition-search-button";
    button.setAttribute("aria-label", "Search the book");
    button.setAttribute("aria-keyshortcuts", "/ Control+K");
    button.title = "Search the book (/ or Ctrl+K)";
    button.innerHTML = ICON;
    button.addEventListener("click", open);
    const palette = header.querySelector(".md-header__option");
    if (palette) palette.after(button);
    else header.append(button);
  }

  /** Is the reader typing in a field ("/" is then a character)? Not in the closed dialog's. */
  function typing(target) {
    if (!target || (target.closest && target.closest("dialog.edition-search:not([open])"))) return false;
    return target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
  }

  document.addEventListener(
    "keydown",
    function (event) {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
      if (ctrlK || slash) {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
    },
    true,
  );

  /** Each page (a full load or Material's instant navigation): the button; and, arriving by a
   *  result's link, the search script, which marks the words (once loaded it does so itself). */
  function page() {
    ensureButton();
    if (!loaded && /[?&]hl=/.test(location.search)) load().catch(() => {});
  }

  if (typeof document$ !== "undefined") document$.subscribe(page);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();

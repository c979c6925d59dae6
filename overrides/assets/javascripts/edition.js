// The search's trigger, in every page: the header's button, "/" and Ctrl+K. search.js (the
// dialog, its stylesheet, Pagefind) is fetched only when the reader opens it or follows a result.
(() => {
  "use strict";
  const { element, onEveryPage, root } = window.edition; // page.js
  const SEARCH = new URL("assets/javascripts/search.js", root).href;
  const ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3a6.5 6.5 0 0 1 5.2 10.4l5.9 5.9-1.4 1.4-5.9-5.9A6.5 6.5 0 1 1 9.5 3m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9"/></svg>';
  let loaded = null;

  function load() {
    loaded ||= new Promise((resolve, reject) => {
      const script = element("script", { src: SEARCH });
      script.onload = resolve;
      script.onerror = () => {
        loaded = null; // again at the next press
        reject(new Error("search.js could not be loaded"));
      };
      document.head.append(script);
    });
    return loaded;
  }

  function open() {
    load().then(
      () => window.editionSearch.open(),
      () => {},
    );
  }

  function button() {
    const header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".edition-search-button")) return;
    const node = element("button", {
      type: "button",
      class: "md-header__button md-icon edition-search-button",
      title: "Search the book (/ or Ctrl+K)",
      "aria-label": "Search the book",
      "aria-keyshortcuts": "/ Control+K",
    });
    node.innerHTML = ICON; // an SVG: element() makes HTML elements only
    node.addEventListener("click", open);
    const palette = header.querySelector(".md-header__option");
    if (palette) palette.after(node);
    else header.append(node);
  }

  // "/" is a character in a field (but not in the closed dialog's)
  function typing(target) {
    if (!target.closest || target.closest("dialog.edition-search:not([open])")) return false;
    return target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
  }

  document.addEventListener(
    "keydown",
    (event) => {
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

  // each page (Material's instant navigation too): the button; a result's link (?hl=) loads
  // search.js, which marks the words, then and on later pages itself
  onEveryPage(() => {
    button();
    if (!loaded && /[?&]hl=/.test(location.search)) load().catch(() => {});
  });
})();

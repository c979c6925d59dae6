// The search's trigger, in every page: the header's button, "/", Ctrl+K, a result's link (?hl=).
// Only this comes with the page (a few hundred bytes once scripts/postbuild.py strips these
// comments; scripts/bench.py prints them): search.js, fetched when asked for, brings the dialog,
// its stylesheet, Pagefind, and the landing on a result's words.
(() => {
  const { onEveryPage, root } = window.edition;
  let loaded;
  const load = () =>
    (loaded ||= new Promise((onload, reject) => {
      const onerror = () => {
        // asked again at the next press
        loaded = null;
        reject();
      };
      const src = new URL("assets/javascripts/search.js", root);
      document.head.append(Object.assign(document.createElement("script"), { src, onload, onerror }));
    }));
  const open = () => load().then(() => window.editionSearch.open(), Object);

  addEventListener("click", (event) => event.target.closest?.(".edition-search-button") && open());
  addEventListener(
    "keydown",
    (event) => {
      // "/" is a character in a field, but not in the closed dialog's
      const typing = event.target.matches?.(":is(input,textarea,select,[contenteditable]):not(dialog:not([open]) *)");
      const command = event.ctrlKey || event.metaKey;
      if (command ? event.key.toLowerCase() === "k" : event.key === "/" && !event.altKey && !typing) {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
    },
    true,
  );

  // each page (Material's instant navigation too): the button, once, after the colour switch;
  // a result's link loads search.js, which marks its words, then and on later pages itself
  onEveryPage(() => {
    const header = document.querySelector(".md-header__inner");
    if (header && !header.querySelector(".edition-search-button")) {
      (header.querySelector(".md-header__option") || header.lastElementChild).insertAdjacentHTML(
        "afterend",
        '<button type="button" class="md-header__button md-icon edition-search-button" title="Search the book (/ or Ctrl+K)" aria-label="Search the book" aria-keyshortcuts="/ Control+K"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3a6.5 6.5 0 0 1 5.2 10.4l5.9 5.9-1.4 1.4-5.9-5.9A6.5 6.5 0 1 1 9.5 3m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9"/></svg></button>',
      );
    }
    if (/[?&]hl=/.test(location.search)) load().catch(Object);
  });
})();

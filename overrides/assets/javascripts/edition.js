// The search's trigger, in every page: the header's button (in the page's HTML: overrides/
// main.html), "/", Ctrl+K, a result's link (?hl=). Only this comes with the page (a few hundred
// bytes, minified by scripts/postbuild.py; scripts/bench.py prints them): search.js, fetched when
// asked for, brings the dialog, its stylesheet, Pagefind, and the landing on a result's words.
(() => {
  let loaded;
  const load = () =>
    (loaded ||= new Promise((onload, reject) => {
      const onerror = () => {
        // asked again at the next press
        loaded = null;
        reject();
      };
      const src = new URL("assets/javascripts/search.js", window.edition.root);
      document.head.append(Object.assign(document.createElement("script"), { src, onload, onerror }));
    }));
  // the newest asking to open; an Escape before the dialog is up (search.js still coming on a
  // slow line) takes it back, so that the dialog does not open after the reader said no
  let asked = 0;
  const open = () => {
    const asking = ++asked;
    load().then(() => window.editionSearch.open(() => asking === asked), Object);
  };

  addEventListener("click", (event) => event.target.closest?.(".edition-search-button") && open());
  addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Escape") asked++;
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

  // the header's button works from now: shown (edition.css)
  document.documentElement.dataset.search = "ready";

  // a result's link loads search.js, which marks its words, then and on later pages itself
  window.edition.onEveryPage(() => /[?&]hl=/.test(location.search) && load().catch(Object));
})();

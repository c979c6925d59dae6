// The reader's tools: "Show the editor's changes", "Cite this", "Go to page N" on every part, and
// the filters of the Emendations page. Book facts and page ranges come from the page's
// <div id="edition-tools" data-tools> (written by scripts/prepare.py from book.yml and the model);
// the marks of the changes are the <span class="emended" id="e-…"> that prepare.py set in the
// text, what the scan had and why in the same data, by id.
(() => {
  "use strict";

  const STORAGE_KEY = "edition.showEdits";
  const { element, onEveryPage, root } = window.edition; // page.js

  function pageUrl(slug) {
    return new URL(`${slug}/`, root);
  }

  function readData() {
    const block = document.getElementById("edition-tools");
    return block ? JSON.parse(block.getAttribute("data-tools")) : null;
  }

  // ---- the tool bar ------------------------------------------------------------------------

  function toolbar(data) {
    const bar = element("div", { class: "edition-tools", role: "group", "aria-label": "Reading tools" });
    const form = element("form", { class: "goto-page", role: "search", "aria-label": "Go to a printed page" });
    const label = element("label", { for: "goto-page-input" }, "Go to page");
    const input = element("input", {
      id: "goto-page-input", type: "text", inputmode: "numeric", autocomplete: "off",
      size: "3", "aria-describedby": "goto-page-message",
      placeholder: `${data.pages.first}–${data.pages.last}`,
    });
    const go = element("button", { type: "submit", class: "tool-button" }, "Go");
    const message = element("span", { id: "goto-page-message", class: "goto-message", role: "status" });
    form.append(label, input, go, message);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      goToPage(data, input.value, message);
    });
    const toggle = element("button", {
      type: "button", class: "tool-button edits-switch", role: "switch", "aria-checked": "false",
    }, "Show the editor’s changes");
    toggle.addEventListener("click", () => {
      setShowEdits(toggle.getAttribute("aria-checked") !== "true");
    });
    const cite = element("button", { type: "button", class: "tool-button cite-in-view" }, "Cite…");
    cite.setAttribute("aria-label", "Cite the paragraph in view");
    cite.addEventListener("click", () => {
      const paragraph = paragraphInView();
      if (paragraph) {
        openCitation(data, paragraph, cite);
      }
    });
    bar.append(form, toggle, cite);
    return bar;
  }

  // ---- go to page N -----------------------------------------------------------------------

  function partOfPage(data, page) {
    return data.parts.find((part) => part.pages.some((run) => run[0] <= page && page <= run[1]));
  }

  function goToPage(data, value, message) {
    const page = Number(String(value).trim());
    message.textContent = "";
    if (!/^\d+$/.test(String(value).trim()) || page < data.pages.first || page > data.pages.last) {
      message.textContent = "The printed pages run from " + data.pages.first + " to " +
        data.pages.last + ": there is no page “" + String(value).trim() + "”.";
      return;
    }
    const part = partOfPage(data, page);
    if (!part) {
      message.textContent = `Page ${page} is not in this edition.`;
      return;
    }
    const hash = `#page-${page}`;
    if (part.slug === data.part.slug) {
      // a new history entry (Back returns here), not a hash change: on a hash change Material's
      // instant navigation (off in mkdocs.yml) fetched the page again and swapped it in, which
      // in WebKit left the reader at the top; the label is marked as :target marks it, in the
      // screen's middle
      if (window.location.hash !== hash) {
        window.history.pushState(null, "", hash);
      }
      const label = document.getElementById(`page-${page}`);
      for (const marked of document.querySelectorAll("a.pagenum.is-gone-to")) {
        marked.classList.remove("is-gone-to");
      }
      label.classList.add("is-gone-to");
      // at the next frame: in Firefox a scroll asked for in the Enter's own frame could lose to
      // the input's focus scroll still pending there (5 of 12 tries stopped 171 px down)
      requestAnimationFrame(() => label.scrollIntoView({ block: "center" }));
      return;
    }
    window.location.assign(pageUrl(part.slug).href + hash);
  }

  // ---- show the editor's changes ------------------------------------------------------------

  let popup = null;
  let hideTimer = 0;
  let lastTouch = 0;
  let tapping = false; // between a tap's touchstart and its click

  function showEdits() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "1";
    } catch (_error) {
      return false;
    }
  }

  function setShowEdits(on) {
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "1" : "0");
    } catch (_error) {
      // private mode: the switch still works for this page
    }
    applyShowEdits(on);
  }

  function applyShowEdits(on) {
    document.documentElement.classList.toggle("show-edits", on);
    document.querySelectorAll(".edits-switch").forEach((button) => {
      button.setAttribute("aria-checked", on ? "true" : "false");
    });
    document.querySelectorAll("article .emended").forEach((mark) => {
      if (on) {
        mark.setAttribute("tabindex", "0");
      } else {
        mark.removeAttribute("tabindex");
      }
    });
    if (!on) {
      hidePopup();
    }
  }

  function emendationUrl(id) {
    return `${pageUrl("emendations").href}#${id}`;
  }

  // An edit's first run of changed words carries its id; a further run names it (data-edit).
  function editId(mark) {
    return mark.id || mark.getAttribute("data-edit");
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Where the pop-up covers no other marked word (a tap there would land on the pop-up's
  // link): below the word, else above it, else the clear place on the screen nearest to it
  // (just past one of the marks); null where the screen has none. Viewport coordinates.
  function clearTop(mark, left, width, height) {
    const rect = mark.getBoundingClientRect();
    const screen = document.documentElement.clientHeight;
    const others = [];
    document.querySelectorAll("article .emended").forEach((other) => {
      if (other !== mark && !other.contains(mark) && !mark.contains(other)) {
        for (const box of other.getClientRects()) {
          if (box.bottom > -screen && box.top < 2 * screen) {
            others.push(box);
          }
        }
      }
    });
    const clear = (top) => {
      const box = { left, right: left + width, top, bottom: top + height };
      return !others.some((other) => overlaps(box, other)) && !overlaps(box, rect);
    };
    const places = [rect.bottom + 6, rect.top - 6 - height];
    for (const box of others) {
      places.push(box.bottom + 4, box.top - 4 - height);
    }
    const header = document.querySelector(".md-header");
    const high = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    const onScreen = places.filter((top) => top >= high && top + height <= screen && clear(top));
    if (!onScreen.length) {
      return null;
    }
    return onScreen.reduce((best, top) => (Math.abs(top - rect.top) < Math.abs(best - rect.top) ? top : best));
  }

  function ensurePopup() {
    if (!popup) {
      popup = element("div", { class: "edit-popup", id: "edit-popup", role: "tooltip", hidden: "" });
      popup.addEventListener("mouseenter", () => {
        window.clearTimeout(hideTimer);
      });
      popup.addEventListener("mouseleave", scheduleHide);
      document.body.append(popup);
    }
    return popup;
  }

  function showPopup(mark) {
    const edit = DATA?.edits?.[editId(mark)];
    if (!edit || !document.documentElement.classList.contains("show-edits")) {
      return;
    }
    window.clearTimeout(hideTimer);
    const box = ensurePopup();
    box.textContent = "";
    const scan = edit[0];
    const reading = element("p", { class: "edit-popup-scan" });
    const after = edit[1];
    // the words as <del> and <ins>, not in quotation marks: a change that begins with a
    // quotation mark read “““Paul Levi…”
    const prints = after.indexOf("¶") === 0 ? ["; the edition begins a paragraph here."] :
      after ? ["; the edition prints ", element("ins", {}, after), "."] : ["; the edition removes it."];
    reading.append("The scan has ", scan ? element("del", {}, scan) : "nothing here", ...prints);
    const why = element("p", { class: "edit-popup-why" });
    why.append(element("code", {}, edit[2]), ` ${edit[3]}`);
    const link = element("a", { href: emendationUrl(editId(mark)) }, "Its entry among the emendations");
    box.append(reading, why, link);
    box.hidden = false;
    mark.setAttribute("aria-describedby", "edit-popup");
    box.classList.remove("edit-popup--in-text");
    if (box.parentNode !== document.body) {
      document.body.append(box);
    }
    const rect = mark.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    box.style.width = `${width}px`;
    const left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX +
      document.documentElement.clientWidth - width - 8));
    box.style.left = `${left}px`;
    const top = clearTop(mark, left - window.scrollX, width, box.offsetHeight);
    box.dataset.for = editId(mark);
    if (top === null) {
      // marks too close together for it to float clear of them (a phone): in the text's flow,
      // under the paragraph, where it pushes the words below down instead of covering them
      box.classList.add("edit-popup--in-text");
      (mark.closest("p, li") || mark).after(box);
      box.scrollIntoView({ block: "nearest" });
      return;
    }
    box.style.top = `${Math.max(window.scrollY + 4, top + window.scrollY)}px`;
  }

  function hidePopup() {
    if (popup) {
      popup.hidden = true;
      document.querySelectorAll("[aria-describedby='edit-popup']").forEach((mark) => {
        mark.removeAttribute("aria-describedby");
      });
    }
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hidePopup, 400);
  }

  function wireMarks(article) {
    // a tap's emulated hover and focus come before its click: the click shows the pop-up (shown
    // earlier, it could move the text under the finger before the click landed)
    article.addEventListener("touchstart", () => {
      lastTouch = Date.now();
      tapping = true;
    }, { passive: true });
    article.addEventListener("touchend", () => {
      window.setTimeout(() => {
        tapping = false; // a touch that scrolled has no click
      }, 700);
    }, { passive: true });
    article.addEventListener("mouseover", (event) => {
      const mark = event.target.closest?.(".emended");
      if (mark && !tapping) {
        showPopup(mark);
      }
    });
    article.addEventListener("mouseout", (event) => {
      // a tap's emulated mouse "leaves" the word when the page scrolls the pop-up into view
      if (Date.now() - lastTouch < 1500) {
        return;
      }
      if (event.target.closest?.(".emended")) {
        scheduleHide();
      }
    });
    article.addEventListener("focusin", (event) => {
      if (!tapping && event.target.classList?.contains("emended")) {
        showPopup(event.target);
      }
    });
    article.addEventListener("focusout", (event) => {
      if (event.target.classList?.contains("emended")) {
        scheduleHide();
      }
    });
    article.addEventListener("click", (event) => {
      const mark = event.target.closest?.(".emended");
      tapping = false;
      if (mark && document.documentElement.classList.contains("show-edits")) {
        showPopup(mark);
      }
    });
    article.addEventListener("keydown", (event) => {
      const mark = event.target.classList?.contains("emended") && event.target;
      if (mark && event.key === "Enter") {
        window.location.assign(emendationUrl(editId(mark)));
      }
    });
  }

  // ---- cite this ----------------------------------------------------------------------------

  let citeButton = null;
  let panel = null;

  function paragraphs() {
    return Array.prototype.slice.call(document.querySelectorAll("article p[id^='p-']"));
  }

  function paragraphInView() {
    const top = 80;
    return paragraphs().find((paragraph) => paragraph.getBoundingClientRect().bottom > top);
  }

  // Is there any text of `paragraph` before `node`? (a page label at its very start opens it)
  function textBefore(paragraph, node) {
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEndBefore(node);
    return range.toString().trim() !== "";
  }

  // The printed pages a paragraph stands on, from the page labels in and before it.
  function pagesOf(data, paragraph) {
    let first = data.part.first_page;
    let last = null;
    document.querySelectorAll("article a.pagenum").forEach((label) => {
      const page = Number(label.getAttribute("data-page"));
      const position = paragraph.compareDocumentPosition(label);
      if (position & Node.DOCUMENT_POSITION_PRECEDING) {
        first = page;
      } else if (position & Node.DOCUMENT_POSITION_CONTAINED_BY) {
        if (textBefore(paragraph, label)) {
          last = page;
        } else {
          first = page;
        }
      }
    });
    return last && last !== first ? [first, last] : [first];
  }

  // The paragraph's address: the page's canonical address when the site's is configured
  // (SITE_URL), else the address this page was opened at, so a copied link resolves wherever
  // this copy of the edition lives.
  function permanentLink(paragraph) {
    const canonical = document.querySelector("link[rel='canonical']");
    const base = canonical ? canonical.href : window.location.href;
    return `${base.split("#")[0]}#${paragraph.id}`;
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // "5 December 2026": the access date as a citation writes it (the reader's own day)
  function accessDate(today) {
    return `${today.getDate()} ${MONTHS[today.getMonth()]} ${today.getFullYear()}`;
  }

  function isoDate(today) {
    return [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((n) => String(n).padStart(2, "0")).join("-");
  }

  // "trans. from the Russian edition of 1955": with the translator's name when the book gives
  // one (scripts/edition/citation.py, translation_phrase, says the same)
  function translationPhrase(book) {
    return ["trans.", book.translator, book.translated_from ? `from ${book.translated_from}` : ""]
      .filter(Boolean).join(" ");
  }

  // The citation in three forms, every fact from book.yml's catalogue (data.book): author, part,
  // book, translation, place, publisher, year ("n.d." when the book gives none), pages, address,
  // access date.
  function citation(data, paragraph) {
    const book = data.book;
    const pages = pagesOf(data, paragraph);
    const pageText = pages.length > 1 ? `pp. ${pages[0]}–${pages[1]}` : `p. ${pages[0]}`;
    const url = permanentLink(paragraph);
    const today = new Date();
    const publisher = [book.publisher, book.year].filter(Boolean).join(", ");
    const imprint = book.place ? `${book.place}: ${publisher}` : publisher;
    const reference = `${book.author}, “${data.part.title}”, in ${book.title}, ` +
      `${translationPhrase(book)} (${imprint}), ${pageText}`;
    const plain = `${reference}. Cited from ${book.edition_name}, ${url} (accessed ${accessDate(today)}).`;
    const family = book.author.split(" ").pop();
    const given = book.author.split(" ").slice(0, -1).join(" ");
    const key = `${family}-${data.part.slug}-${pages[0]}`.toLowerCase();
    const translated = `Translated${book.translated_from ? ` from ${book.translated_from}` : ""}` +
      (book.translator ? "" : ", translator not named");
    const note = `${translated}. Cited from ${book.edition_name}`;
    const fields = [
      ["author", bib(book.author)],
      ["title", bib(data.part.title)],
      ["booktitle", bib(book.title)],
      ["translator", book.translator ? bib(book.translator) : ""],
      ["publisher", bib(book.publisher)],
      ["address", bib(book.place)],
      ["year", bib(book.year)],
      ["pages", pages.join("--")],
      ["note", bib(note)],
      ["url", url],
      ["urldate", isoDate(today)],
    ].filter((field) => field[1]);
    const bibtex = `@incollection{${key},\n${fields.map((field) => `  ${field[0]} = {${field[1]}}`).join(",\n")}\n}`;
    const item = {
      id: key, type: "chapter", title: data.part.title, "container-title": book.title,
      author: [{ family: family, given: given }],
      translator: book.translator ? [{ literal: book.translator }] : undefined,
      publisher: book.publisher, "publisher-place": book.place || undefined,
      // CSL's own form of "no date"
      issued: /^\d+$/.test(book.year) ? { "date-parts": [[Number(book.year)]] } : { literal: book.year },
      page: pages.join("-"), note: note, URL: url,
      accessed: { "date-parts": [[today.getFullYear(), today.getMonth() + 1, today.getDate()]] },
    };
    const csl = JSON.stringify([item], null, 2);
    return { plain: plain, bibtex: bibtex, csl: csl, pages: pages, url: url };
  }

  function bib(text) {
    return text.replace(/[{}\\%&#$_]/g, (c) => `\\${c}`);
  }

  function copy(text) {
    if (navigator.clipboard?.writeText) {
      return navigator.clipboard.writeText(text);
    }
    const area = element("textarea", { class: "cite-copy-area", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  function ensureCiteButton(data) {
    if (!citeButton || !document.body.contains(citeButton)) {
      citeButton = element("button", { type: "button", class: "cite-button" }, "Cite");
      citeButton.addEventListener("click", () => {
        const paragraph = document.getElementById(citeButton.dataset.for);
        if (paragraph) {
          openCitation(data, paragraph, citeButton);
        }
      });
    }
    return citeButton;
  }

  // The cite button goes right after the paragraph (never inside it: its text stays the book's).
  function offerCite(data, paragraph) {
    const button = ensureCiteButton(data);
    if (button.dataset.for === paragraph.id && button.previousElementSibling === paragraph) {
      return;
    }
    button.dataset.for = paragraph.id;
    button.setAttribute("aria-label", `Cite this paragraph (${paragraph.id})`);
    paragraph.after(button);
    placeCite(button, paragraph);
  }

  // At the end of the paragraph's last line, which is mostly short; under the paragraph when
  // that line is full. Never in a margin: the page labels and the sidebars live there.
  function placeCite(button, paragraph) {
    button.classList.remove("cite-on-line");
    button.style.top = "";
    button.style.left = "";
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const lines = range.getClientRects();
    if (!lines.length) {
      return;
    }
    const last = lines[lines.length - 1];
    const box = paragraph.getBoundingClientRect();
    const width = button.offsetWidth;
    if (box.right - last.right < width + 12) {
      return;
    }
    button.classList.add("cite-on-line");
    button.style.top = `${paragraph.offsetTop + (last.top - box.top) + (last.height - button.offsetHeight) / 2}px`;
    button.style.left = `${paragraph.offsetLeft + paragraph.offsetWidth - width}px`;
  }

  function openCitation(data, paragraph, opener) {
    const cited = citation(data, paragraph);
    if (!panel || !document.body.contains(panel)) {
      panel = element("div", { class: "cite-panel", role: "dialog", "aria-labelledby": "cite-title" });
      document.body.append(panel);
    }
    panel.textContent = "";
    const title = element("p", { id: "cite-title", class: "cite-title" }, "Cite this paragraph");
    const status = element("p", { class: "cite-status", role: "status" });
    const text = element("p", { class: "cite-text" }, cited.plain);
    const buttons = element("div", { class: "cite-buttons" });
    [["Copy text", cited.plain], ["Copy BibTeX", cited.bibtex], ["Copy CSL-JSON", cited.csl]]
      .forEach((pair) => {
        const button = element("button", { type: "button", class: "tool-button" }, pair[0]);
        button.addEventListener("click", () => {
          copy(pair[1]).then(() => {
            status.textContent = `${pair[0].replace("Copy ", "")} copied.`;
          });
        });
        buttons.append(button);
      });
    const close = element("button", { type: "button", class: "tool-button cite-close" }, "Close");
    close.addEventListener("click", () => {
      closeCitation(opener);
    });
    buttons.append(close);
    const link = element("a", { href: `#${paragraph.id}`, class: "cite-link" }, cited.url);
    panel.append(title, text, buttons, status, link);
    panel.dataset.for = paragraph.id;
    panel.hidden = false;
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        closeCitation(opener);
      }
    });
    buttons.firstChild.focus();
    copy(cited.plain).then(() => {
      status.textContent = "Citation copied.";
    }, () => {
      status.textContent = "Select the citation above to copy it.";
    });
  }

  function closeCitation(opener) {
    if (panel) {
      panel.hidden = true;
    }
    if (opener && document.body.contains(opener)) {
      opener.focus();
    }
  }

  function wireCite(data, article) {
    const offer = (event) => {
      const paragraph = event.target.closest?.("p[id^='p-']");
      if (paragraph && article.contains(paragraph)) {
        offerCite(data, paragraph);
      }
    };
    article.addEventListener("mouseover", offer);
    article.addEventListener("focusin", offer);
    article.addEventListener("click", offer);
    const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    const paragraph = target && (target.matches("p[id^='p-']") ? target : target.closest("p[id^='p-']"));
    if (paragraph) {
      offerCite(data, paragraph);
    }
  }

  // ---- the Emendations page's filters -------------------------------------------------------

  function wireFilters() {
    const form = document.querySelector("form.emendation-filter");
    if (!form) {
      return;
    }
    const entries = Array.prototype.slice.call(document.querySelectorAll(".emendation-list li[data-kind]"));
    const output = form.querySelector("output");
    const apply = () => {
      const part = form.elements.part.value;
      const kind = form.elements.kind.value;
      const page = form.elements.page.value.trim();
      let shown = 0;
      const perList = new Map();  // each printed page's list: how many of its entries are shown
      entries.forEach((entry) => {
        const match = (!part || entry.dataset.part === part) && (!kind || entry.dataset.kind === kind) &&
          (!page || entry.dataset.page === page);
        entry.hidden = !match;
        shown += match ? 1 : 0;
        perList.set(entry.parentElement, (perList.get(entry.parentElement) || 0) + (match ? 1 : 0));
      });
      // a list with nothing shown takes no room; one laid out only near the screen (tools.css)
      // stands for as many entries as it shows
      perList.forEach((count, list) => {
        list.hidden = count === 0;
        list.style.setProperty("--entries", String(count));
      });
      const filtered = Boolean(part || kind || page);
      entries[0]?.closest(".emendation-list")?.toggleAttribute("data-filtered", filtered);
      output.textContent = `${shown} of ${entries.length} changes shown`;
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
    });
    form.hidden = false;
  }

  // ---- on every page (once a page; on every swap with Material's instant navigation) -------

  let DATA = null;  // this page's tools data (the edits' readings for the pop-up)

  function setUp() {
    wireFilters();
    const data = readData();
    DATA = data;
    const article = document.querySelector("article");
    if (!data || !article || article.dataset.toolsReady) {
      return;
    }
    article.dataset.toolsReady = "1";
    const heading = article.querySelector("h1");
    const after = heading?.nextElementSibling?.matches(".subtitle") ?
      heading.nextElementSibling : heading;
    if (after) {
      after.after(toolbar(data));
    }
    // Cite first: a tap moves its button (and the text below it) before a change's pop-up is
    // placed clear of the marks
    wireCite(data, article);
    wireMarks(article);
    applyShowEdits(showEdits());
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hidePopup();
    }
  });
  document.addEventListener("click", (event) => {
    if (popup && !popup.hidden && !popup.contains(event.target) &&
      !(event.target.closest?.(".emended"))) {
      hidePopup();
    }
  });

  onEveryPage(setUp);
})();

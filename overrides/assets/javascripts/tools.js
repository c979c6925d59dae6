// The reader's tools: "Show the editor's changes", "Cite this", "Go to page N" on every part, and
// the filters of the Emendations page. Book facts and page ranges come from the page's
// <div id="edition-tools" data-tools> (written by scripts/prepare.py from book.yml and the model);
// the marks of the changes are the <span class="emended" id="e-…"> that prepare.py set in the
// text, what the scan had and why in the same data, by id.
(function () {
  "use strict";

  var STORAGE_KEY = "edition.showEdits";
  var SITE_ROOT = siteRoot();

  // The site's root as an absolute URL, from Material's configuration (relative to this page).
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = "..";
    try {
      base = JSON.parse(config.textContent).base || base;
    } catch (error) {
      // no configuration block (another theme): parts are one level down, as in MkDocs
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function pageUrl(slug) {
    return new URL(slug + "/", SITE_ROOT);
  }

  function readData() {
    var block = document.getElementById("edition-tools");
    return block ? JSON.parse(block.getAttribute("data-tools")) : null;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // ---- the tool bar ------------------------------------------------------------------------

  function toolbar(data) {
    var bar = element("div", { class: "edition-tools", role: "group", "aria-label": "Reading tools" });
    var form = element("form", { class: "goto-page", role: "search", "aria-label": "Go to a printed page" });
    var label = element("label", { for: "goto-page-input" }, "Go to page");
    var input = element("input", {
      id: "goto-page-input", type: "text", inputmode: "numeric", autocomplete: "off",
      size: "3", "aria-describedby": "goto-page-message",
      placeholder: data.pages.first + "–" + data.pages.last,
    });
    var go = element("button", { type: "submit", class: "tool-button" }, "Go");
    var message = element("span", { id: "goto-page-message", class: "goto-message", role: "status" });
    form.append(label, input, go, message);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      goToPage(data, input.value, message);
    });
    var toggle = element("button", {
      type: "button", class: "tool-button edits-switch", role: "switch", "aria-checked": "false",
    }, "Show the editor’s changes");
    toggle.addEventListener("click", function () {
      setShowEdits(toggle.getAttribute("aria-checked") !== "true");
    });
    var cite = element("button", { type: "button", class: "tool-button cite-in-view" }, "Cite…");
    cite.setAttribute("aria-label", "Cite the paragraph in view");
    cite.addEventListener("click", function () {
      var paragraph = paragraphInView();
      if (paragraph) {
        openCitation(data, paragraph, cite);
      }
    });
    bar.append(form, toggle, cite);
    return bar;
  }

  // ---- go to page N -----------------------------------------------------------------------

  function partOfPage(data, page) {
    return data.parts.find(function (part) {
      return part.pages.some(function (run) {
        return run[0] <= page && page <= run[1];
      });
    });
  }

  function goToPage(data, value, message) {
    var page = Number(String(value).trim());
    message.textContent = "";
    if (!/^\d+$/.test(String(value).trim()) || page < data.pages.first || page > data.pages.last) {
      message.textContent = "The printed pages run from " + data.pages.first + " to " +
        data.pages.last + ": there is no page “" + String(value).trim() + "”.";
      return;
    }
    var part = partOfPage(data, page);
    if (!part) {
      message.textContent = "Page " + page + " is not in this edition.";
      return;
    }
    var hash = "#page-" + page;
    if (part.slug === data.part.slug) {
      // a real hash change: the label is the :target (highlighted) and Back returns here;
      // then the label in the middle of the screen, whatever the theme does with the hash
      if (window.location.hash !== hash) {
        window.location.hash = hash;
      }
      document.getElementById("page-" + page).scrollIntoView({ block: "center" });
      return;
    }
    window.location.assign(pageUrl(part.slug).href + hash);
  }

  // ---- show the editor's changes ------------------------------------------------------------

  var popup = null;
  var hideTimer = 0;
  var lastTouch = 0;
  var tapping = false; // between a tap's touchstart and its click

  function showEdits() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "1";
    } catch (error) {
      return false;
    }
  }

  function setShowEdits(on) {
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? "1" : "0");
    } catch (error) {
      // private mode: the switch still works for this page
    }
    applyShowEdits(on);
  }

  function applyShowEdits(on) {
    document.documentElement.classList.toggle("show-edits", on);
    document.querySelectorAll(".edits-switch").forEach(function (button) {
      button.setAttribute("aria-checked", on ? "true" : "false");
    });
    document.querySelectorAll("article .emended").forEach(function (mark) {
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
    return pageUrl("emendations").href + "#" + id;
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
    var rect = mark.getBoundingClientRect();
    var screen = document.documentElement.clientHeight;
    var others = [];
    document.querySelectorAll("article .emended").forEach(function (other) {
      if (other !== mark && !other.contains(mark) && !mark.contains(other)) {
        Array.prototype.forEach.call(other.getClientRects(), function (box) {
          if (box.bottom > -screen && box.top < 2 * screen) {
            others.push(box);
          }
        });
      }
    });
    var clear = function (top) {
      var box = { left: left, right: left + width, top: top, bottom: top + height };
      return !others.some(function (other) {
        return overlaps(box, other);
      }) && !overlaps(box, rect);
    };
    var places = [rect.bottom + 6, rect.top - 6 - height];
    others.forEach(function (box) {
      places.push(box.bottom + 4, box.top - 4 - height);
    });
    var header = document.querySelector(".md-header");
    var high = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var onScreen = places.filter(function (top) {
      return top >= high && top + height <= screen && clear(top);
    });
    if (onScreen.length) {
      return onScreen.reduce(function (best, top) {
        return Math.abs(top - rect.top) < Math.abs(best - rect.top) ? top : best;
      });
    }
    return null;
  }

  function ensurePopup() {
    if (!popup) {
      popup = element("div", { class: "edit-popup", id: "edit-popup", role: "tooltip", hidden: "" });
      popup.addEventListener("mouseenter", function () {
        window.clearTimeout(hideTimer);
      });
      popup.addEventListener("mouseleave", scheduleHide);
      document.body.append(popup);
    }
    return popup;
  }

  function showPopup(mark) {
    var edit = DATA && DATA.edits && DATA.edits[editId(mark)];
    if (!edit || !document.documentElement.classList.contains("show-edits")) {
      return;
    }
    window.clearTimeout(hideTimer);
    var box = ensurePopup();
    box.textContent = "";
    var scan = edit[0];
    var reading = element("p", { class: "edit-popup-scan" });
    var after = edit[1];
    // the words as <del> and <ins>, not in quotation marks: a change that begins with a quotation
    // mark read “““Paul Levi…”
    var prints = after.indexOf("¶") === 0 ? ["; the edition begins a paragraph here."] :
      after ? ["; the edition prints ", element("ins", {}, after), "."] : ["; the edition removes it."];
    reading.append.apply(reading, ["The scan has ", scan ? element("del", {}, scan) : "nothing here"].concat(prints));
    var why = element("p", { class: "edit-popup-why" });
    why.append(element("code", {}, edit[2]), " " + edit[3]);
    var link = element("a", { href: emendationUrl(editId(mark)) }, "Its entry among the emendations");
    box.append(reading, why, link);
    box.hidden = false;
    mark.setAttribute("aria-describedby", "edit-popup");
    box.classList.remove("edit-popup--in-text");
    if (box.parentNode !== document.body) {
      document.body.append(box);
    }
    var rect = mark.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX +
      document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    var top = clearTop(mark, left - window.scrollX, width, box.offsetHeight);
    box.dataset.for = editId(mark);
    if (top === null) {
      // marks too close together for it to float clear of them (a phone): in the text's flow,
      // under the paragraph, where it pushes the words below down instead of covering them
      box.classList.add("edit-popup--in-text");
      (mark.closest("p, li") || mark).after(box);
      box.scrollIntoView({ block: "nearest" });
      return;
    }
    box.style.top = Math.max(window.scrollY + 4, top + window.scrollY) + "px";
  }

  function hidePopup() {
    if (popup) {
      popup.hidden = true;
      document.querySelectorAll("[aria-describedby='edit-popup']").forEach(function (mark) {
        mark.removeAttribute("aria-describedby");
      });
    }
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hidePopup, 400);
  }

  function wireMarks(article) {
    article.addEventListener("mouseover", function (event) {
      var mark = event.target.closest && event.target.closest(".emended");
      if (mark && !tapping) { // a tap's emulated hover: its click shows the pop-up
        showPopup(mark);
      }
    });
    article.addEventListener("touchstart", function () {
      lastTouch = Date.now();
      tapping = true;
    }, { passive: true });
    article.addEventListener("touchend", function () {
      window.setTimeout(function () {
        tapping = false; // a touch that scrolled has no click
      }, 700);
    }, { passive: true });
    article.addEventListener("mouseout", function (event) {
      // a tap's emulated mouse "leaves" the word when the page scrolls the pop-up into view
      if (Date.now() - lastTouch < 1500) {
        return;
      }
      if (event.target.closest && event.target.closest(".emended")) {
        scheduleHide();
      }
    });
    article.addEventListener("focusin", function (event) {
      // a tap focuses the word before its click: the click shows the pop-up (shown here, it
      // could move the text under the finger before the click landed)
      if (tapping) {
        return;
      }
      if (event.target.classList && event.target.classList.contains("emended")) {
        showPopup(event.target);
      }
    });
    article.addEventListener("focusout", function (event) {
      if (event.target.classList && event.target.classList.contains("emended")) {
        scheduleHide();
      }
    });
    article.addEventListener("click", function (event) {
      var mark = event.target.closest && event.target.closest(".emended");
      tapping = false;
      if (mark && document.documentElement.classList.contains("show-edits")) {
        showPopup(mark);
      }
    });
    article.addEventListener("keydown", function (event) {
      var mark = event.target.classList && event.target.classList.contains("emended") && event.target;
      if (mark && event.key === "Enter") {
        window.location.assign(emendationUrl(editId(mark)));
      }
    });
  }

  // ---- cite this ----------------------------------------------------------------------------

  var citeButton = null;
  var panel = null;

  function paragraphs() {
    return Array.prototype.slice.call(document.querySelectorAll("article p[id^='p-']"));
  }

  function paragraphInView() {
    var top = 80;
    return paragraphs().find(function (paragraph) {
      return paragraph.getBoundingClientRect().bottom > top;
    });
  }

  // Is there any text of `paragraph` before `node`? (a page label at its very start opens it)
  function textBefore(paragraph, node) {
    var range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEndBefore(node);
    return range.toString().trim() !== "";
  }

  // The printed pages a paragraph stands on, from the page labels in and before it.
  function pagesOf(data, paragraph) {
    var first = data.part.first_page;
    var last = null;
    document.querySelectorAll("article a.pagenum").forEach(function (label) {
      var page = Number(label.getAttribute("data-page"));
      var position = paragraph.compareDocumentPosition(label);
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

  function permanentLink(paragraph) {
    var canonical = document.querySelector("link[rel='canonical']");
    var base = canonical ? canonical.href : window.location.href;
    return base.split("#")[0] + "#" + paragraph.id;
  }

  function citation(data, paragraph) {
    var book = data.book;
    var pages = pagesOf(data, paragraph);
    var pageText = pages.length > 1 ? "pp. " + pages[0] + "–" + pages[1] : "p. " + pages[0];
    var url = permanentLink(paragraph);
    var imprint = [book.translation, [book.publisher, book.edition].filter(Boolean).join("; ")]
      .filter(Boolean).map(capitalise).join(". ");
    var plain = book.author + ", " + book.title + ". " + imprint + ". “" + data.part.title + "”, " +
      pageText + ". Cited from " + (book.edition_name || "this edition") + ": " + url;
    var family = book.author.split(" ").pop();
    var key = (family + "-" + data.part.slug + "-" + pages[0]).toLowerCase();
    var note = [book.translation, book.edition].filter(Boolean).join(", ") + ". Cited from " +
      (book.edition_name || "this edition");
    var bibtex = "@incollection{" + key + ",\n" +
      "  author = {" + bib(book.author) + "},\n" +
      "  title = {" + bib(data.part.title) + "},\n" +
      "  booktitle = {" + bib(book.title) + "},\n" +
      "  publisher = {" + bib(book.publisher || "") + "},\n" +
      "  pages = {" + pages.join("--") + "},\n" +
      "  note = {" + bib(note) + "},\n" +
      "  url = {" + url + "}\n}";
    var given = book.author.split(" ").slice(0, -1).join(" ");
    var csl = JSON.stringify([{
      id: key, type: "chapter", title: data.part.title, "container-title": book.title,
      author: [{ family: family, given: given }], publisher: book.publisher || undefined,
      page: pages.join("-"), note: note, URL: url,
    }], null, 2);
    return { plain: plain, bibtex: bibtex, csl: csl, pages: pages };
  }

  function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function bib(text) {
    return text.replace(/[{}\\%&#$_]/g, function (c) {
      return "\\" + c;
    });
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    var area = element("textarea", { class: "cite-copy-area", "aria-hidden": "true" });
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
      citeButton.addEventListener("click", function () {
        var paragraph = document.getElementById(citeButton.dataset.for);
        if (paragraph) {
          openCitation(data, paragraph, citeButton);
        }
      });
    }
    return citeButton;
  }

  // The cite button goes right after the paragraph (never inside it: its text stays the book's).
  function offerCite(data, paragraph) {
    var button = ensureCiteButton(data);
    if (button.dataset.for === paragraph.id && button.previousElementSibling === paragraph) {
      return;
    }
    button.dataset.for = paragraph.id;
    button.setAttribute("aria-label", "Cite this paragraph (" + paragraph.id + ")");
    paragraph.after(button);
    placeCite(button, paragraph);
  }

  // At the end of the paragraph's last line, which is mostly short; under the paragraph when
  // that line is full. Never in a margin: the page labels and the sidebars live there.
  function placeCite(button, paragraph) {
    button.classList.remove("cite-on-line");
    button.style.top = "";
    button.style.left = "";
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    var lines = range.getClientRects();
    if (!lines.length) {
      return;
    }
    var last = lines[lines.length - 1];
    var box = paragraph.getBoundingClientRect();
    var width = button.offsetWidth;
    if (box.right - last.right < width + 12) {
      return;
    }
    button.classList.add("cite-on-line");
    button.style.top = paragraph.offsetTop + (last.top - box.top) + (last.height - button.offsetHeight) / 2 + "px";
    button.style.left = paragraph.offsetLeft + paragraph.offsetWidth - width + "px";
  }

  function openCitation(data, paragraph, opener) {
    var cited = citation(data, paragraph);
    if (!panel || !document.body.contains(panel)) {
      panel = element("div", { class: "cite-panel", role: "dialog", "aria-labelledby": "cite-title" });
      document.body.append(panel);
    }
    panel.textContent = "";
    var title = element("p", { id: "cite-title", class: "cite-title" }, "Cite this paragraph");
    var status = element("p", { class: "cite-status", role: "status" });
    var text = element("p", { class: "cite-text" }, cited.plain);
    var buttons = element("div", { class: "cite-buttons" });
    [["Copy text", cited.plain], ["Copy BibTeX", cited.bibtex], ["Copy CSL-JSON", cited.csl]]
      .forEach(function (pair) {
        var button = element("button", { type: "button", class: "tool-button" }, pair[0]);
        button.addEventListener("click", function () {
          copy(pair[1]).then(function () {
            status.textContent = pair[0].replace("Copy ", "") + " copied.";
          });
        });
        buttons.append(button);
      });
    var close = element("button", { type: "button", class: "tool-button cite-close" }, "Close");
    close.addEventListener("click", function () {
      closeCitation(opener);
    });
    buttons.append(close);
    var link = element("a", { href: "#" + paragraph.id, class: "cite-link" }, cited.plain.split(": ").pop());
    panel.append(title, text, buttons, status, link);
    panel.dataset.for = paragraph.id;
    panel.hidden = false;
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        closeCitation(opener);
      }
    });
    buttons.firstChild.focus();
    copy(cited.plain).then(function () {
      status.textContent = "Citation copied.";
    }, function () {
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
    var offer = function (event) {
      var paragraph = event.target.closest && event.target.closest("p[id^='p-']");
      if (paragraph && article.contains(paragraph)) {
        offerCite(data, paragraph);
      }
    };
    article.addEventListener("mouseover", offer);
    article.addEventListener("focusin", offer);
    article.addEventListener("click", offer);
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var paragraph = target && (target.matches("p[id^='p-']") ? target : target.closest("p[id^='p-']"));
    if (paragraph) {
      offerCite(data, paragraph);
    }
  }

  // ---- the Emendations page's filters -------------------------------------------------------

  function wireFilters() {
    var form = document.querySelector("form.emendation-filter");
    if (!form) {
      return;
    }
    var entries = Array.prototype.slice.call(document.querySelectorAll(".emendation-list li[data-kind]"));
    var output = form.querySelector("output");
    var apply = function () {
      var part = form.elements.part.value;
      var kind = form.elements.kind.value;
      var page = form.elements.page.value.trim();
      var shown = 0;
      entries.forEach(function (entry) {
        var match = (!part || entry.dataset.part === part) && (!kind || entry.dataset.kind === kind) &&
          (!page || entry.dataset.page === page);
        entry.hidden = !match;
        shown += match ? 1 : 0;
      });
      output.textContent = shown + " of " + entries.length + " changes shown";
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
  }

  // ---- on every page (Material's instant navigation swaps the content) ----------------------

  var DATA = null;  // this page's tools data (the edits' readings for the pop-up)

  function setUp() {
    wireFilters();
    var data = readData();
    DATA = data;
    var article = document.querySelector("article");
    if (!data || !article || article.dataset.toolsReady) {
      return;
    }
    article.dataset.toolsReady = "1";
    var heading = article.querySelector("h1");
    var after = heading && heading.nextElementSibling && heading.nextElementSibling.matches(".subtitle") ?
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

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hidePopup();
    }
  });
  document.addEventListener("click", function (event) {
    if (popup && !popup.hidden && !popup.contains(event.target) &&
      !(event.target.closest && event.target.closest(".emended"))) {
      hidePopup();
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

// The table of contents names sections "2 · ‘My first visit to…’ · p. 15": keep "p." with
// its number there (the Markdown's no-break space comes through as a plain one), and the "·"
// before it with the words it follows, so that no line of an entry starts with a lone "·".
function keepPageNumbersWhole() {
  document.querySelectorAll(".md-nav__link .md-ellipsis").forEach((label) => {
    label.childNodes.forEach((node) => {
      if (node.nodeType === 3 && /\bp\. \d/.test(node.data)) {
        node.data = node.data.replace(/ · p\.[ \u00a0](\d)/g, "\u00a0· p.\u00a0$1");
      }
    });
  });
}
window.edition.onEveryPage(keepPageNumbersWhole); // page.js

// Note pop-ups: a note marker shows its note in place, on hover, on keyboard focus and on a
// tap, with a link to the note in the Notes (or, for the editor's page-foot notes, at the end
// of the part). The note's text is the part's own copy of its notes (aside.part-notes, which
// print shows) or the page-foot note itself: both rendered from the document model.
// Escape, a tap elsewhere or the close button dismiss it. A mouse click still follows the link.
(() => {
  "use strict";

  const HOVER_DELAY = 120; // ms: a pointer passing over a marker does not open it
  const HIDE_DELAY = 250; // ms: time to move the pointer from the marker into the pop-up
  let popup = null;
  let current = null; // the marker whose note is shown
  let hideTimer = 0;
  let showTimer = 0;
  let lastPointer = "mouse";
  let returning = false; // focus given back to the marker on dismissal: do not reopen
  let mouseX = -1;
  let mouseY = -1; // where the mouse last was: a page scrolled under a still mouse is no hover
  let lastTab = 0; // when Tab was last pressed: focus given by a script (Material's landing
  // on #ref-3 when coming back from a note) shows no pop-up

  /** The element holding a marker's note: `aside.part-notes [data-note=N]` in a part,
   *  `.book-note[data-note=N]` in the whole-book page's Notes, or `#ed1`. */
  function noteSource(marker) {
    const number = marker.getAttribute("data-note");
    if (number) {
      const key = `[data-note="${number}"]`;
      return document.querySelector(`.part-notes ${key}, .book-note${key}`);
    }
    const hash = marker.hash;
    return hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  }

  /** The note's paragraphs, without their way back to the text: a page-foot note keeps its
   *  words (its page and place), a numbered note (the whole-book page's Notes) loses its "p. N". */
  function noteContent(marker, source) {
    const copy = source.cloneNode(true);
    const numbered = marker.hasAttribute("data-note");
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach((el) => { el.removeAttribute("id"); });
    copy.querySelectorAll(".note-back").forEach((el) => {
      if (numbered) el.remove();
      else el.replaceWith(document.createTextNode(el.textContent));
    });
    const body = document.createElement("div");
    body.className = "note-popup__body";
    body.append.apply(body, copy.tagName === "P" ? [copy] : Array.from(copy.childNodes));
    return body;
  }

  function linkLabel(marker) {
    return marker.getAttribute("data-note")
      ? `Note ${marker.getAttribute("data-note")} in the Notes`
      : "The editor’s note at the end of the part";
  }

  function build() {
    const el = document.createElement("div");
    el.className = "note-popup";
    el.id = "note-popup";
    el.setAttribute("role", "note");
    el.hidden = true;
    el.addEventListener("mouseenter", () => { clearTimeout(hideTimer); });
    el.addEventListener("mouseleave", () => { scheduleHide(); });
    el.addEventListener("focusout", (event) => {
      if (!el.contains(event.relatedTarget) && event.relatedTarget !== current) scheduleHide();
    });
    document.body.appendChild(el);
    return el;
  }

  function show(marker, byKeyboardOrTap) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    const source = noteSource(marker);
    if (!source) return;
    if (!popup || !document.body.contains(popup)) popup = build();
    if (current && current !== marker) current.removeAttribute("aria-describedby");
    current = marker;
    popup.replaceChildren();
    const close = document.createElement("button");
    close.type = "button";
    close.className = "note-popup__close";
    close.setAttribute("aria-label", "Close the note");
    close.textContent = "×";
    close.addEventListener("click", () => { hide(true); });
    const link = document.createElement("a");
    link.className = "note-popup__link";
    link.href = marker.href;
    link.textContent = `${linkLabel(marker)} →`;
    popup.append(close, noteContent(marker, source), link);
    popup.hidden = false;
    marker.setAttribute("aria-describedby", popup.id);
    place(marker);
    if (byKeyboardOrTap === "tap") close.focus({ preventScroll: true });
  }

  /** Below the marker's line (above it when there is no room), inside the viewport, and inside
   *  the text's column when it is wide enough: past it, the pop-up covered the contents. */
  function place(marker) {
    const box = marker.getBoundingClientRect();
    const width = Math.min(popup.offsetWidth, window.innerWidth - 16);
    let low = 8;
    let high = window.innerWidth - width - 8;
    const column = (marker.closest("p, li") || document.body).getBoundingClientRect();
    if (column.width >= width) {
      low = Math.max(low, column.left);
      high = Math.min(high, column.right - width);
    }
    const left = Math.max(low, Math.min(box.left + box.width / 2 - width / 2, high));
    const lineHeight = parseFloat(getComputedStyle(marker.parentElement).lineHeight) || 24;
    let top = box.top + lineHeight * 0.9;
    if (top + popup.offsetHeight > window.innerHeight - 8 && box.top - popup.offsetHeight - 8 > 0) {
      top = box.top - popup.offsetHeight - lineHeight * 0.4;
    }
    popup.style.left = `${left + window.scrollX}px`;
    popup.style.top = `${top + window.scrollY}px`;
  }

  function hide(returnFocus) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (!popup || popup.hidden) return;
    const marker = current;
    popup.hidden = true;
    current = null;
    if (marker) {
      marker.removeAttribute("aria-describedby");
      if (returnFocus) {
        returning = true;
        marker.focus({ preventScroll: true });
        returning = false;
      }
    }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => { hide(false); }, HIDE_DELAY);
  }

  function markerOf(target) {
    return target?.closest ? target.closest("article a.note-ref") : null;
  }

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    if (popup && !popup.hidden && !popup.contains(event.target) && !markerOf(event.target)) hide(false);
  }, true);

  document.addEventListener("click", (event) => {
    const marker = markerOf(event.target);
    if (!marker) return;
    const pointer = event.pointerType || lastPointer;
    if (pointer === "touch" || pointer === "pen") {
      event.preventDefault(); // a tap shows the note in place; its link is in the pop-up
      if (current === marker && !popup.hidden) hide(false);
      else show(marker, "tap");
    }
  });

  // hover: the mouse moved onto a marker (not a marker moved under the mouse by a scroll or a
  // landing on #ref-3, which browsers also report as mouse events, at the same place)
  document.addEventListener("mousemove", (event) => {
    const moved = event.clientX !== mouseX || event.clientY !== mouseY;
    mouseX = event.clientX;
    mouseY = event.clientY;
    const marker = markerOf(event.target);
    if (!marker || !moved || lastPointer !== "mouse") return;
    clearTimeout(hideTimer);
    if (current === marker && !popup.hidden) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(() => { show(marker, "hover"); }, HOVER_DELAY);
  });

  document.addEventListener("mouseout", (event) => {
    const marker = markerOf(event.target);
    if (!marker || marker.contains(event.relatedTarget)) return;
    clearTimeout(showTimer);
    scheduleHide();
  });

  // focus by the Tab key only: a link followed back to the text (#ref-3) shows nothing
  document.addEventListener("focusin", (event) => {
    const marker = markerOf(event.target);
    if (marker && !returning && Date.now() - lastTab < 1000) show(marker, "keyboard");
  });

  document.addEventListener("focusout", (event) => {
    const marker = markerOf(event.target);
    if (marker && !(popup?.contains(event.relatedTarget))) scheduleHide();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Tab") lastTab = Date.now();
    if (event.key === "Escape" && popup && !popup.hidden) {
      hide(popup.contains(document.activeElement) || document.activeElement === current);
    }
  });

  window.addEventListener("resize", () => { if (current && !popup.hidden) place(current); });

  // were Material's instant navigation on (mkdocs.yml), it would swap the page: a pop-up of
  // the last page goes with it
  if (typeof document$ !== "undefined") {
    document$.subscribe(() => { hide(false); });
  }
})();

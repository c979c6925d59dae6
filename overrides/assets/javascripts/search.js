// The edition's search: a dialog over Pagefind's index of the built site (site/pagefind/,
// written by scripts/search_index.py). Nothing of the index is fetched until the reader opens
// the dialog ("/", Ctrl+K or the header's button). Results are listed at the grain of the book:
// each place with its part, its printed page and a short snippet; a click lands on the word,
// highlighted, with the URL left as the paragraph's link (#p-N-M).
(function () {
  "use strict";

  const ROOT = new URL("../../", document.currentScript.src); // the site's root
  const SHOWN_PER_PART = 3; // places listed in a part before "n more in this part"
  const SNIPPET_WORDS = 25;
  const SAME_PLACE = 8; // hits of one term this close (in words) are one place
  const BLOCK = /^(p|h[1-6]|li|blockquote|dd|dt|td)$/; // elements a hit can link to
  const PAGE_QUERY = /^(?:p\.?|pp\.?|page)\s*(\d{1,3})$/i;
  const HIGHLIGHT = "hl"; // URL parameter: the words to mark on landing

  let loading = null; // Promise of {pagefind, pages}, on first open
  let dialog = null;
  let latest = 0; // number of the newest query, so a slow answer never overwrites a newer one

  // --- The query as a reader types it ---------------------------------------------------

  /** Straight and curly apostrophes and quotes alike: "Lenin’s" → "Lenin's". */
  function normalise(query) {
    return query
      .replace(/[‘’‛′`]/g, "'")
      .replace(/[“”„″]/g, '"')
      .replace(/\s+/g, " ")
      .trim();
  }

  /** A word without case and its surrounding punctuation: "“Lenin’s," → "lenin's". */
  function bare(word) {
    return word
      .toLowerCase()
      .replace(/[‘’]/g, "'")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  /** The query's units: quoted phrases whole, other words one by one.
   *  'glass "of water" p. 3' → [{text: "glass"}, {text: '"of water"', phrase: true}] */
  function parseQuery(query) {
    const units = [];
    const rest = query.replace(/"([^"]*)("|$)/g, function (_, phrase) {
      if (bare(phrase)) units.push({ text: '"' + phrase.trim() + '"', phrase: true });
      return " ";
    });
    for (const word of rest.split(" ")) {
      const term = bare(word);
      if (term) units.push({ text: term, term: term, phrase: false });
    }
    return units;
  }

  /** How many letters two words begin with alike: ("philistines", "philistine") → 10. */
  function sharedStart(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /** Does a word of the text answer a term? Pagefind matches stems and prefixes; for short
   *  terms ("of", "art") only the word itself, its plural or possessive, or a part of a
   *  hyphenated word, else "of" would mark "offer" and "office". A longer term must begin
   *  the word (or a part of it), all but its ending: Pagefind, finding no word for a term,
   *  answers a shorter prefix of it ("apostrophes", a word of no page it indexes, got every "a"). */
  function answers(term, word) {
    const w = bare(word);
    const parts = [w, ...w.split(/[-—–]/)];
    if (term.length > 3) {
      const needed = Math.min(term.length, Math.max(4, Math.ceil(term.length * 0.6)));
      return parts.some((part) => sharedStart(term, part) >= needed);
    }
    return parts.some(function (part) {
      return part === term || part === term + "s" || part === term + "'s";
    });
  }

  // --- Places in a part -----------------------------------------------------------------

  function lastAtOrBefore(anchors, location) {
    let found = null;
    for (const anchor of anchors) {
      if (anchor.location > location) break;
      found = anchor;
    }
    return found;
  }

  /** A part's text as Pagefind indexed it: words, blocks (paragraphs, headings, notes) and
   *  page anchors, each with its word location. */
  function partText(data) {
    const byLocation = function (a, b) {
      return a.location - b.location;
    };
    const anchors = data.anchors.slice().sort(byLocation);
    const blocks = anchors.filter(function (a) {
      return a.id && BLOCK.test(a.element);
    });
    blocks.forEach(function (block, i) {
      block.end = i + 1 < blocks.length ? blocks[i + 1].location : Infinity;
    });
    return {
      markers: new Map(anchors.map((a) => [a.id, a.location])),
      url: data.url,
      title: (data.meta && (data.meta.part || data.meta.title)) || data.url,
      words: data.content.split(/[\r\n\s]+/g),
      blocks: blocks,
      pageAnchors: anchors.filter(function (a) {
        return /^page-\d+$/.test(a.id);
      }),
    };
  }

  /** Runs of one unit's locations: consecutive words of a phrase, or hits close together. */
  function runsOf(locations, gap) {
    const runs = [];
    for (const location of locations) {
      const run = runs[runs.length - 1];
      if (run && location - run[run.length - 1] <= gap) run.push(location);
      else runs.push([location]);
    }
    return runs;
  }

  /** The shortest stretch of a block holding one location of every unit (closest first). */
  function shortestSpan(lists) {
    const points = [];
    lists.forEach(function (list, unit) {
      for (const location of list) points.push([location, unit]);
    });
    points.sort(function (a, b) {
      return a[0] - b[0];
    });
    const count = new Array(lists.length).fill(0);
    let covered = 0;
    let best = null;
    let left = 0;
    for (let right = 0; right < points.length; right++) {
      if (count[points[right][1]]++ === 0) covered++;
      while (covered === lists.length) {
        const span = points[right][0] - points[left][0];
        if (!best || span < best[1] - best[0]) best = [points[left][0], points[right][0]];
        if (--count[points[left][1]] === 0) covered--;
        left++;
      }
    }
    return best;
  }

  /** Sorted locations shared out among the blocks holding them (one pass over both). */
  function bucketByBlock(blocks, locations) {
    const buckets = new Array(blocks.length);
    let b = 0;
    for (const location of locations) {
      while (b < blocks.length && blocks[b].end <= location) b++;
      if (b === blocks.length) break;
      if (location < blocks[b].location) continue; // before the first block (furniture)
      if (!buckets[b]) buckets[b] = [];
      buckets[b].push(location);
    }
    return buckets;
  }

  /** Every place of a part answering all units; units[i].locations are this part's hits. */
  function placesIn(text, units) {
    const places = [];
    const perBlock = units.map((unit) => bucketByBlock(text.blocks, unit.locations));
    text.blocks.forEach(function (block, b) {
      const inBlock = perBlock.map((buckets) => buckets[b]);
      if (inBlock.some((list) => !list)) return;
      if (units.length === 1) {
        for (const run of runsOf(inBlock[0], units[0].phrase ? 1 : SAME_PLACE)) {
          places.push({ block: block, locations: run, span: 0 });
        }
        return;
      }
      const span = shortestSpan(inBlock);
      const within = inBlock.flat().filter(function (l) {
        return l >= span[0] && l <= span[1];
      });
      places.push({ block: block, locations: within.sort((a, b) => a - b), span: span[1] - span[0] });
    });
    for (const place of places) {
      // a note printed at the foot of a page (shown at the part's end) stands on its marker's page
      const marker = text.markers.get("ref-" + place.block.id);
      const pageAnchor = lastAtOrBefore(text.pageAnchors, marker === undefined ? place.locations[0] : marker);
      place.page = pageAnchor ? Number(pageAnchor.id.slice(5)) : null;
      place.exact = place.locations.some(function (l) {
        // apostrophes aside: "Lenins" typed puts "Lenin’s" first too
        const word = bare(text.words[l]).replace(/'/g, "");
        return units.some((unit) => unit.term && word === unit.term.replace(/'/g, ""));
      });
    }
    // closest together first; then the words as typed ("Lenin's" before "Lenin"); then book order
    return places.sort(function (a, b) {
      return a.span - b.span || b.exact - a.exact || a.locations[0] - b.locations[0];
    });
  }

  /** The words of a place to mark on landing: each run of consecutive hits as one string. */
  function highlightsOf(text, place) {
    return runsOf(place.locations, 1).map(function (run) {
      return bare(text.words.slice(run[0], run[run.length - 1] + 1).join(" "));
    });
  }

  function placeUrl(text, place) {
    const url = new URL(text.url, location.href);
    for (const words of new Set(highlightsOf(text, place))) url.searchParams.append(HIGHLIGHT, words);
    url.hash = place.block.id;
    return url.href;
  }

  /** Stretches of words [start, end) to show: ~25 around the place, inside its paragraph; a
   *  place too long for that (words far apart) shows its two ends. */
  function snippetWindows(place) {
    const first = place.locations[0];
    const last = place.locations[place.locations.length - 1];
    const from = place.block.location;
    const to = place.block.end;
    const clamp = (start, length) => {
      const end = Math.min(to, start + length);
      return [Math.max(from, Math.min(start, end - length)), end];
    };
    if (last - first < SNIPPET_WORDS - 6) return [clamp(Math.round((first + last - SNIPPET_WORDS) / 2), SNIPPET_WORDS)];
    const half = Math.floor(SNIPPET_WORDS / 2);
    return [clamp(first - 4, half), clamp(last - half + 5, half)];
  }

  /** The place's words in context, the place's own words marked. */
  function snippet(text, place) {
    const marked = new Set(place.locations);
    const span = document.createElement("span");
    span.className = "edition-search__snippet";
    const end0 = Math.min(text.words.length, place.block.end);
    let shownTo = place.block.location;
    for (const [start, end] of snippetWindows(place)) {
      if (start > shownTo) span.append(shownTo === place.block.location ? "… " : " … "); // words left out
      for (let i = Math.max(start, shownTo); i < end; i++) {
        const word = text.words[i];
        if (marked.has(i)) {
          // the word marked, its punctuation not: "‘glass-of-water’" → ‘<mark>glass-of-water</mark>’
          const parts = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
          const mark = document.createElement("mark");
          mark.textContent = parts[2];
          span.append(parts[1], mark, parts[3]);
        } else span.append(word);
        if (i + 1 < end) span.append(" ");
      }
      shownTo = Math.max(shownTo, end);
    }
    if (shownTo < end0) span.append(" …");
    return span;
  }

  // --- Asking Pagefind ------------------------------------------------------------------

  function load() {
    if (!loading) {
      const pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
        // the index's metadata and WebAssembly now, while the reader types the first word
        return module
          .options({ baseUrl: ROOT.pathname })
          .then(() => module.init())
          .then(() => module);
      });
      const pages = fetch(new URL("pagefind/pages.json", ROOT)).then((response) => response.json());
      loading = Promise.all([pagefind, pages]).then(function (both) {
        return { pagefind: both[0], pages: both[1] };
      });
      loading.catch(function () {
        loading = null; // try again on the next query
      });
    }
    return loading;
  }

  const texts = new Map(); // Pagefind's id of a part → Promise of its partText()

  /** A part's text, made once: Pagefind's data() copies the whole part (76 KB) out of its
   *  worker at each call, and partText() splits it into words, for every keystroke. */
  function textOf(result) {
    if (!texts.has(result.id)) {
      const text = result.data().then(partText);
      text.catch(() => texts.delete(result.id)); // asked again by the next query
      texts.set(result.id, text);
    }
    return texts.get(result.id);
  }

  let warmed = false;

  /** Once the first results are shown, every other part's text, while the reader reads them: a
   *  first "Ro" after "Krupskaya" waited for the parts that query did not need, fetched,
   *  unpacked and split (70–130 ms on a 4× slowed CPU). */
  function warmTexts(pagefind) {
    if (warmed) return;
    warmed = true;
    const idle = window.requestIdleCallback || ((then) => setTimeout(then, 200));
    idle(function () {
      pagefind
        .search(null) // every indexed page
        .then((all) => {
          for (const result of all.results) textOf(result).catch(() => {});
        })
        .catch(() => (warmed = false));
    });
  }

  const searched = new Map(); // a unit's text → Promise of Pagefind's answer, the latest few
  const SEARCHES_KEPT = 40;

  /** Pagefind's answer for a unit, asked once: "Rosa Lux" asks for "rosa" again otherwise. */
  function searchOf(pagefind, unit) {
    let search = searched.get(unit.text);
    if (!search) {
      search = pagefind.search(unit.text);
      search.catch(() => searched.delete(unit.text));
      if (searched.size >= SEARCHES_KEPT) searched.delete(searched.keys().next().value); // the oldest
    } else searched.delete(unit.text); // kept as the newest below
    searched.set(unit.text, search);
    return search;
  }

  /** The parts answering every unit, each with its places; best first; null once `stale()`
   *  says a newer query is under way (its parts' texts are not even asked for). */
  async function findPlaces(pagefind, units, stale) {
    const searches = await Promise.all(units.map((unit) => searchOf(pagefind, unit)));
    if (stale()) return null;
    const perUnit = searches.map(function (search) {
      return new Map(search.results.map((result) => [result.id, result]));
    });
    const rank = new Map(searches[0].results.map((result, i) => [result.id, i]));
    const ids = [...perUnit[0].keys()].filter((id) => perUnit.every((results) => results.has(id)));
    const parts = await Promise.all(
      ids.map(async function (id) {
        // the part's text once; each unit's locations from its own result (`words`): Pagefind
        // shares one fragment object between searches and overwrites its `locations`
        const text = await textOf(perUnit[0].get(id));
        const located = units.map(function (unit, i) {
          const locations = perUnit[i].get(id).words.filter(function (l) {
            return unit.phrase || answers(unit.term, text.words[l] || "");
          });
          return { ...unit, locations: locations.sort((a, b) => a - b) };
        });
        return { text: text, places: placesIn(text, located), rank: rank.get(id) };
      }),
    );
    return parts
      .filter((part) => part.places.length > 0)
      .sort(function (a, b) {
        return a.places[0].span - b.places[0].span || a.rank - b.rank;
      });
  }

  // --- The dialog -----------------------------------------------------------------------

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  function buildDialog() {
    const input = element("input", {
      id: "edition-search-input",
      type: "search",
      role: "combobox",
      "aria-expanded": "false",
      "aria-controls": "edition-search-results",
      "aria-autocomplete": "list",
      "aria-describedby": "edition-search-help",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Words, a “phrase”, or p. 37",
    });
    const node = element("dialog", { class: "edition-search", "aria-labelledby": "edition-search-label" }, [
      element("form", { class: "edition-search__form", role: "search", method: "dialog" }, [
        element("label", { id: "edition-search-label", for: "edition-search-input" }, ["Search the book"]),
        input,
        element("button", { type: "button", class: "edition-search__close", title: "Close (Esc)" }, ["Close"]),
      ]),
      element("p", { id: "edition-search-help", class: "edition-search__help" }, [
        "↑ ↓ to move, Enter to open, Esc to close",
      ]),
      element("p", { class: "edition-search__status", role: "status", "aria-live": "polite" }),
      element("div", {
        id: "edition-search-results",
        class: "edition-search__results",
        role: "listbox",
        "aria-label": "Places found",
      }),
    ]);
    node.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    node.querySelector(".edition-search__close").addEventListener("click", () => node.close());
    node.addEventListener("click", function (event) {
      if (event.target === node) node.close(); // a click on the backdrop
      const more = event.target.closest("[data-more]");
      if (more) showMore(more);
      else if (event.target.closest("a[role=option]")) node.close();
    });
    // focus must not stay in the closed dialog ("/" would then count as typing in it)
    node.addEventListener("close", function () {
      if (node.contains(document.activeElement)) document.activeElement.blur();
    });
    input.addEventListener("input", () => runQuery(input.value));
    input.addEventListener("keydown", onKey);
    document.body.append(node);
    return node;
  }

  function options() {
    return [...dialog.querySelectorAll("[role=option]")];
  }

  function setActive(option) {
    const input = dialog.querySelector("input");
    for (const other of dialog.querySelectorAll("[role=option]")) {
      other.setAttribute("aria-selected", String(other === option));
    }
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function onKey(event) {
    const list = options();
    const current = list.findIndex((o) => o.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!list.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive(list[(current + step + list.length) % list.length]);
    } else if (event.key === "Escape") {
      event.preventDefault(); // a search field's Esc would only clear it: close at once
      dialog.close();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = list[Math.max(current, 0)];
      if (chosen) chosen.click();
    }
  }

  /** "4 more in this part": list them, and keep the keyboard on the first of them. */
  function showMore(more) {
    const part = more.rest;
    const added = part.places.slice(SHOWN_PER_PART).map((place) => hitOption(part.text, place));
    more.replaceWith(...added);
    setActive(added[0]);
  }

  let optionCount = 0;
  function option(tag, attributes, children) {
    return element(tag, { role: "option", id: "edition-search-option-" + ++optionCount, "aria-selected": "false", ...attributes }, children);
  }

  function pageOption(pages, number) {
    const part = pages[String(number)];
    if (!part) return null;
    const url = new URL(part + "#page-" + number, ROOT).href;
    return option("a", { href: url, class: "edition-search__hit edition-search__hit--page" }, [
      element("span", { class: "edition-search__where" }, ["p. " + number]),
      element("span", { class: "edition-search__snippet" }, ["Printed page " + number + " itself"]),
    ]);
  }

  function hitOption(text, place) {
    const where = place.page ? "p. " + place.page : ""; // the title page and About: no page
    return option("a", { href: placeUrl(text, place), class: "edition-search__hit" }, [
      element("span", { class: "edition-search__where" }, [where]),
      snippet(text, place),
    ]);
  }

  function partGroup(part) {
    const count = part.places.length;
    const heading = part.text.title + " · " + count + (count === 1 ? " place" : " places");
    const group = element("div", { role: "group", class: "edition-search__part", "aria-label": heading }, [
      element("div", { class: "edition-search__part-title", "aria-hidden": "true" }, [heading]),
    ]);
    for (const place of part.places.slice(0, SHOWN_PER_PART)) group.append(hitOption(part.text, place));
    if (count > SHOWN_PER_PART) {
      const more = option("div", { class: "edition-search__more", "data-more": "" }, [
        count - SHOWN_PER_PART + " more in this part",
      ]);
      more.rest = part; // the rest are made when asked for: a common word has hundreds
      group.append(more);
    }
    return group;
  }

  function show(children, status) {
    const results = dialog.querySelector("[role=listbox]");
    results.replaceChildren(...children);
    dialog.querySelector("[role=status]").textContent = status;
    const input = dialog.querySelector("input");
    input.setAttribute("aria-expanded", String(children.length > 0));
    setActive(null);
  }

  async function runQuery(raw) {
    const number = ++latest;
    const query = normalise(raw);
    if (!query) return show([], "");
    let found;
    try {
      found = await load();
    } catch (error) {
      return show([], "The search index could not be loaded.");
    }
    // a single letter would match every word it begins: wait for the second, but have Pagefind
    // fetch and read its index's piece for the letter meanwhile (the most of a first "Ro")
    const parsed = parseQuery(query);
    const units = parsed.filter((unit) => unit.phrase || unit.term.length > 1 || /\d/.test(unit.term));
    for (const unit of parsed) if (!units.includes(unit)) found.pagefind.preload(unit.term).catch(() => {});
    const pageMatch = PAGE_QUERY.exec(query);
    const stale = () => number !== latest; // a newer query is under way: drop this one
    if (stale()) return;
    const parts = units.length ? await findPlaces(found.pagefind, units, stale) : [];
    if (stale()) return;
    const children = [];
    const page = pageMatch && pageOption(found.pages, Number(pageMatch[1]));
    if (page) children.push(element("div", { role: "group", "aria-label": "Printed page" }, [page]));
    for (const part of parts) children.push(partGroup(part));
    const places = parts.reduce((sum, part) => sum + part.places.length, 0);
    const status = places
      ? places + (places === 1 ? " place" : " places") + " in " + parts.length + (parts.length === 1 ? " part" : " parts")
      : page
        ? "Printed page " + pageMatch[1]
        : "Nothing found for " + raw.trim();
    show(children, status);
    if (parts.length) warmTexts(found.pagefind);
  }

  function open() {
    if (!dialog) dialog = buildDialog();
    if (!dialog.open) dialog.showModal();
    const input = dialog.querySelector("input");
    input.focus();
    input.select();
    load();
  }

  // --- The header's button and the keys -------------------------------------------------

  const ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function ensureButton() {
    if (document.querySelector(".edition-search-button")) return;
    const header = document.querySelector(".md-header__inner") || document.querySelector("header");
    if (!header) return;
    const button = element("button", {
      type: "button",
      class: "md-header__button md-icon edition-search-button",
      "aria-label": "Search the book",
      "aria-keyshortcuts": "/ Control+K",
      title: "Search the book (/ or Ctrl+K)",
    });
    button.innerHTML = ICON;
    button.addEventListener("click", open);
    const palette = header.querySelector(".md-header__option");
    if (palette) palette.after(button);
    else header.append(button);
  }

  function typing(target) {
    if (!target || (dialog && !dialog.open && dialog.contains(target))) return false;
    return target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
    const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    if (ctrlK || slash) {
      event.preventDefault();
      event.stopPropagation();
      open();
    }
  }, true);

  // --- Landing on a hit -----------------------------------------------------------------

  /** Text nodes of `root` with their offsets in its whole text. */
  function textNodes(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node, start: offset, end: offset + node.data.length });
      offset += node.data.length;
    }
    return nodes;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** Wrap the characters [start, end) of `root`'s text in <mark>s (one per text node crossed). */
  function markRange(root, start, end) {
    const marks = [];
    for (const piece of textNodes(root)) {
      const from = Math.max(start, piece.start);
      const to = Math.min(end, piece.end);
      if (from >= to) continue;
      const range = document.createRange();
      range.setStart(piece.node, from - piece.start);
      range.setEnd(piece.node, to - piece.start);
      const mark = document.createElement("mark");
      mark.className = "edition-search-hit";
      range.surroundContents(mark);
      marks.push(mark);
    }
    // a word in pieces (an editor's change inside it) is one highlight: no padding or round
    // corner where one piece meets the next
    marks.forEach(function (mark, i) {
      if (i > 0) mark.classList.add("edition-search-hit--after");
      if (i < marks.length - 1) mark.classList.add("edition-search-hit--before");
    });
    return marks;
  }

  /** Mark every occurrence of the words in `block` (case, apostrophes and spacing aside). */
  function markWords(block, wordsList) {
    const marks = [];
    for (const words of wordsList) {
      const pattern = words
        .split(/\s+/)
        .map((w) => escapeRegExp(w).replace(/'/g, "['’‘]"))
        .join("[\\s\\u00a0]*");
      const regex = new RegExp("(?<![\\p{L}\\p{N}])" + pattern + "(?![\\p{L}\\p{N}])", "giu");
      const found = [...block.textContent.matchAll(regex)];
      // from the end, so that earlier offsets stay valid as marks are inserted
      for (const match of found.reverse()) marks.push(...markRange(block, match.index, match.index + match[0].length));
    }
    // in the order of the text, whatever the order of the words
    return marks.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  /** Scroll so that `mark` stands a third of the way down, well clear of the sticky header. */
  function scrollToMark(mark) {
    const header = document.querySelector(".md-header");
    const below = header ? header.getBoundingClientRect().bottom : 0;
    const top = mark.getBoundingClientRect().top + window.scrollY;
    const wanted = Math.max(0, Math.round(top - Math.max(below + 24, window.innerHeight / 3)));
    // scrollTop, not scrollTo(): right after Material's instant navigation scrollTo() is ignored
    if (Math.abs(window.scrollY - wanted) > 2) document.scrollingElement.scrollTop = wanted;
  }

  /** Keep the mark there while the new page settles (Material's own scroll to the anchor,
   *  late layout), until the reader scrolls or presses a key. */
  function keepInView(mark) {
    let reader = false;
    const stop = () => (reader = true);
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
      window.addEventListener(type, stop, { once: true, passive: true });
    }
    const place = () => reader || !mark.isConnected || scrollToMark(mark);
    place();
    requestAnimationFrame(place);
    for (const delay of [50, 150, 400, 800, 1500]) setTimeout(place, delay);
    if (document.fonts) document.fonts.ready.then(place);
  }

  function land() {
    ensureButton();
    const url = new URL(location.href);
    const words = url.searchParams.getAll(HIGHLIGHT).filter(Boolean);
    if (!words.length) return;
    url.searchParams.delete(HIGHLIGHT);
    history.replaceState(history.state, "", url.href); // the URL stays a link to the paragraph
    const block = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!block) return;
    const marks = markWords(block, words);
    keepInView(marks[0] || block);
  }

  if (typeof document$ !== "undefined") document$.subscribe(land);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", land);
  else land();
})();

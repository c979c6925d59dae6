// The edition's search: a dialog over Pagefind's index of the built site (site/pagefind/,
// written by scripts/search_index.py). Nothing of the index is fetched until the reader opens
// the dialog ("/", Ctrl+K or the header's button). Results are listed at the grain of the book:
// each place with its part, its printed page and a short snippet; a click lands on the word,
// highlighted, with the URL left as the paragraph's link (#p-N-M).
// Loaded on demand by edition.js (the header's button, "/", Ctrl+K, or a link with ?hl=): a
// first view fetches nothing of the search; this script fetches its own stylesheet.
(() => {
  "use strict";

  if (window.editionSearch) return; // loaded once
  const SCRIPT = document.currentScript.src;
  const ROOT = new URL("../../", SCRIPT); // the site's root
  const SHOWN_PER_PART = 3; // places listed in a part before "n more in this part"
  const SNIPPET_WORDS = 25;
  const SAME_PLACE = 8; // hits of one term this close (in words) are one place
  const NEAR = 12; // several words within this many words of each other stand together
  // search_index.py sets a word joiner and a space after a dash or slash joining two words
  // ("ahead—restoration"), so that Pagefind finds both: shown joined again, as printed
  const JOINER = "\u2060";
  const BLOCK = /^(p|h[1-6]|li|blockquote|dd|dt|td)$/; // elements a hit can link to
  const PAGE_QUERY = /^(?:p\.?|pp\.?|page)\s*(\d{1,3})$/i;
  const HIGHLIGHT = "hl"; // URL parameter: the words to mark on landing
  const NTH = "hn"; // URL parameter: which of the marked words the result named (0 the first)
  // a link comes from anywhere: what landing reads of it is bounded
  const MAX_FORMS = 24; // distinct words to mark
  const MAX_FORM_LENGTH = 120; // characters of each
  const MAX_MARKS = 200; // marks in the block

  let loading = null; // Promise of {pagefind, pages}, on first open
  let dialog = null;
  let latest = 0; // number of the newest query, so a slow answer never overwrites a newer one
  let shownQuery = ""; // the query whose answer is listed: typing it again keeps the reader's place

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
    const rest = query.replace(/"([^"]*)("|$)/g, (_, phrase) => {
      const words = phrase.trim().split(" ");
      if (bare(phrase)) units.push({ text: `"${phrase.trim()}"`, phrase: true, length: words.length });
      return " ";
    });
    for (const word of rest.split(" ")) {
      const term = bare(word);
      if (term) units.push({ text: term, term: term, phrase: false, length: 1 });
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
    return parts.some((part) => part === term || part === `${term}s` || part === `${term}'s`);
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
    const byLocation = (a, b) => a.location - b.location;
    const anchors = data.anchors.slice().sort(byLocation);
    const words = data.content.split(/[\r\n\s]+/g);
    const blocks = anchors.filter((a) => a.id && BLOCK.test(a.element));
    // the last block ends with the part's words (not at Infinity: a snippet read past the
    // words showed "undefined")
    blocks.forEach((block, i) => {
      block.end = i + 1 < blocks.length ? blocks[i + 1].location : words.length;
    });
    return {
      markers: new Map(anchors.map((a) => [a.id, a.location])),
      url: data.url,
      title: (data.meta && (data.meta.part || data.meta.title)) || data.url,
      words: words,
      blocks: blocks,
      pageAnchors: anchors.filter((a) => /^page-\d+$/.test(a.id)),
    };
  }

  /** A word as compared in a phrase: no case, no surrounding punctuation, any apostrophe. */
  function phraseWord(word) {
    return bare(word).replace(/'/g, "");
  }

  /** Where each word of the part stands, made once per part, for phrases. */
  function wordIndex(text) {
    if (!text.index) {
      text.index = new Map();
      text.words.forEach((word, l) => {
        const key = phraseWord(word);
        if (!text.index.has(key)) text.index.set(key, []);
        text.index.get(key).push(l);
      });
    }
    return text.index;
  }

  /** Every place a "quoted phrase" stands in a part, each of its words: Pagefind gives only
   *  its first place in a page ("a better" on p. 37, not "principles—a better" on p. 38). */
  function phraseLocations(text, unit) {
    const words = unit.text.slice(1, -1).split(" ").map(phraseWord).filter(Boolean);
    if (!words.length) return [];
    const found = [];
    for (const start of wordIndex(text).get(words[0]) || []) {
      if (words.every((word, k) => phraseWord(text.words[start + k] || "") === word)) {
        for (let k = 0; k < words.length; k++) found.push(start + k);
      }
    }
    return found;
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

  /** Places of one word: its hits within `reach` words of a place's first hit. Not chained
   *  hit to hit: "the" every few words made one place of a whole paragraph, its middle hits
   *  neither shown nor named by page. */
  function placesOfWord(locations, reach) {
    const places = [];
    for (const location of locations) {
      const place = places[places.length - 1];
      if (place && location - place[0] <= reach) place.push(location);
      else places.push([location]);
    }
    return places;
  }

  /** Points of a block, [location, unit], in the order of the text. */
  function pointsOf(lists) {
    const points = [];
    lists.forEach((list, unit) => {
      for (const location of list) points.push([location, unit]);
    });
    return points.sort((a, b) => a[0] - b[0]);
  }

  /** Stretches of a block holding one location of every unit, [first, last]: each place where
   *  they stand within NEAR words of each other, left to right, none overlapping ("collective
   *  farm" three times in a paragraph: three); else the shortest stretch, however long. */
  function stretches(lists) {
    const points = pointsOf(lists);
    const found = [];
    let shortest = null;
    let count = new Array(lists.length).fill(0);
    let covered = 0;
    let left = 0;
    for (let right = 0; right < points.length; right++) {
      if (count[points[right][1]]++ === 0) covered++;
      while (covered === lists.length) {
        const span = [points[left][0], points[right][0]];
        if (!shortest || span[1] - span[0] < shortest[1] - shortest[0]) shortest = span;
        if (count[points[left][1]]-- === 1) covered--;
        left++;
        if (covered < lists.length && span[1] - span[0] <= NEAR) {
          found.push(span); // the next place begins after this one
          count = new Array(lists.length).fill(0);
          covered = 0;
          left = right + 1;
        }
      }
    }
    return found.length ? found : shortest ? [shortest] : [];
  }

  /** Do the units stand in a place as typed, one right after the other ("collective farm")?
   *  `sets[i]`: the part's locations of units[i]. */
  function asPhrase(units, sets, locations) {
    return locations.some((start) => {
      let at = start;
      return units.every((unit, i) => {
        if (!sets[i].has(at)) return false;
        at += unit.length;
        return true;
      });
    });
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
    const sets = units.length > 1 ? units.map((unit) => new Set(unit.locations)) : [];
    text.blocks.forEach((block, b) => {
      const inBlock = perBlock.map((buckets) => buckets[b]);
      if (inBlock.some((list) => !list)) return;
      const all = [...new Set(inBlock.flat())].sort((x, y) => x - y);
      if (units.length === 1) {
        const runs = units[0].phrase ? runsOf(inBlock[0], 1) : placesOfWord(inBlock[0], SAME_PLACE);
        for (const run of runs) {
          places.push({ block: block, locations: run, span: 0, phrase: true, hits: all });
        }
        return;
      }
      for (const [first, last] of stretches(inBlock)) {
        const within = all.filter((l) => l >= first && l <= last);
        places.push({ block: block, locations: within, span: last - first, phrase: asPhrase(units, sets, within), hits: all });
      }
    });
    for (const place of places) {
      // a note printed at the foot of a page (shown at the part's end) stands on its marker's page
      const marker = text.markers.get(`ref-${place.block.id}`);
      const pageAnchor = lastAtOrBefore(text.pageAnchors, marker === undefined ? place.locations[0] : marker);
      place.page = pageAnchor ? Number(pageAnchor.id.slice(5)) : null;
      place.exact = place.locations.some((l) => {
        // apostrophes aside: "Lenins" typed puts "Lenin’s" first too
        const word = bare(text.words[l]).replace(/'/g, "");
        return units.some((unit) => unit.term && word === unit.term.replace(/'/g, ""));
      });
    }
    // the words standing as typed first, then the closest together; then the words as typed
    // ("Lenin's" before "Lenin"); then book order
    return places.sort((a, b) => b.phrase - a.phrase || a.span - b.span || b.exact - a.exact || a.locations[0] - b.locations[0]);
  }

  /** Words of the text shown as printed: a joined word (search_index.py) meets the next. */
  function joinWords(words) {
    let out = "";
    words.forEach((word, i) => {
      const joined = word.endsWith(JOINER);
      out += joined ? word.slice(0, -1) : word;
      if (!joined && i + 1 < words.length) out += " ";
    });
    return out;
  }

  /** The words to mark on landing: every hit in the block (each query word, each of its forms,
   *  not only the place's), a run of consecutive hits as one string. */
  function highlightsOf(text, place) {
    return [...new Set(runsOf(place.hits, 1).map((run) => bare(joinWords(text.words.slice(run[0], run[run.length - 1] + 1)))))];
  }

  const blockStrings = new WeakMap(); // a block → its blockString(), made once

  /** The block's words as one string, and where each word begins in it; made once a block (the
   *  keystrokes of a word list the same places over again). */
  function blockString(text, block) {
    if (!blockStrings.has(block)) blockStrings.set(block, wordsOfBlock(text, block));
    return blockStrings.get(block);
  }

  function wordsOfBlock(text, block) {
    const starts = [];
    let string = "";
    for (let i = block.location; i < block.end; i++) {
      starts.push(string.length);
      const word = text.words[i] || "";
      const joined = word.endsWith(JOINER);
      string += joined ? word.slice(0, -1) : `${word} `;
    }
    return { string: string, starts: starts };
  }

  /** Which of the block's marked stretches (landing's rangesToMark) holds the place's first
   *  word: the page counts the same stretches in the same words and scrolls to that one. */
  function nthOf(text, place, forms) {
    const block = blockString(text, place.block);
    const at = block.starts[place.locations[0] - place.block.location];
    const ranges = rangesToMark(block.string, forms);
    const n = ranges.findIndex((range) => range[1] > at);
    return Math.max(0, n);
  }

  /** A place's link: its part's page, the words to mark, which of them the place is, its
   *  block. The page's address made once a part; the rest as a string, not a URL object whose
   *  every change rewrites it (12 of them in a list). */
  function placeUrl(text, place) {
    text.page ||= new URL(text.url, location.href).href.replace(/[?#].*$/, "");
    const words = new URLSearchParams();
    const forms = highlightsOf(text, place);
    for (const form of forms) words.append(HIGHLIGHT, form);
    const nth = nthOf(text, place, forms);
    if (nth) words.set(NTH, String(nth));
    const query = words.toString();
    return `${text.page}${query ? `?${query}` : ""}#${encodeURIComponent(place.block.id)}`;
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

  /** The place's words in context, every hit of the query in it marked (each word typed, in
   *  each of its forms). */
  function snippet(text, place) {
    const marked = new Set(place.hits);
    const own = new Set(place.locations);
    const span = document.createElement("span");
    span.className = "edition-search__snippet";
    const end0 = Math.min(text.words.length, place.block.end);
    // the words between two marks as one text node: a node a word was the most of the time a
    // first list of results took (4× slowed CPU, "Rosa": 12 snippets, 600 nodes)
    let plain = "";
    let shownTo = place.block.location;
    for (const [start, end] of snippetWindows(place)) {
      if (start > shownTo) plain += shownTo === place.block.location ? "… " : " … "; // words left out
      for (let i = Math.max(start, shownTo); i < end; i++) {
        let word = text.words[i];
        const joined = word.endsWith(JOINER);
        if (joined) word = word.slice(0, -1);
        if (marked.has(i)) {
          // the word marked, its punctuation not: "‘glass-of-water’" → ‘<mark>glass-of-water</mark>’
          const parts = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
          const mark = document.createElement("mark");
          mark.textContent = parts[2];
          if (own.has(i)) mark.className = "edition-search__here"; // the place's own words
          span.append(plain + parts[1], mark);
          plain = parts[3];
        } else plain += word;
        if (i + 1 < end && !joined) plain += " ";
      }
      shownTo = Math.max(shownTo, end);
    }
    if (shownTo < end0) plain += " …";
    span.append(plain);
    return span;
  }

  // --- Asking Pagefind ------------------------------------------------------------------

  function load() {
    if (!loading) {
      const pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then((module) => {
        // the index's metadata and WebAssembly now, while the reader types the first word
        return module
          .options({ baseUrl: ROOT.pathname })
          .then(() => module.init())
          .then(() => module);
      });
      const pages = fetch(new URL("pagefind/pages.json", ROOT)).then((response) => response.json());
      loading = Promise.all([pagefind, pages]).then((both) => {
        warmIndex(both[0]);
        warmTexts(both[0]);
        return { pagefind: both[0], pages: both[1] };
      });
      loading.catch(() => {
        loading = null; // try again on the next query
      });
    }
    return loading;
  }

  /** Every piece of the index a query can need (80 KB gzip), read once the dialog is open,
   *  while the reader types the first letters: the first "Ro" waited 50–75 ms (4× slowed CPU)
   *  for Pagefind to fetch and read its piece for "r". One request naming every letter and
   *  digit (Pagefind loads the pieces of each word of a query): a request for each letter in
   *  turn kept its worker busy for up to a second after the first query (4× slowed), into the
   *  reader's typing; now the pieces are in before it, every time. */
  function warmIndex(pagefind) {
    pagefind.preload("abcdefghijklmnopqrstuvwxyz0123456789".split("").join(" ")).catch(() => {});
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

  /** Every part's text, asked for all at once as soon as the dialog is open: a first "Ro"
   *  after "Krupskaya" waited for the parts that query had not needed (70–150 ms on a 4× slowed
   *  CPU), and for each in turn when they were asked for one after the other. Pagefind's worker
   *  fetches and unpacks them; here each arrives as a task of its own (a keystroke may come
   *  between), a few ms each since the index keeps no anchor's text (search_index.py). */
  function warmTexts(pagefind) {
    if (warmed) return;
    warmed = true;
    pagefind
      .search(null) // every indexed page
      .then((all) => {
        for (const result of all.results) textOf(result).catch(() => {});
      })
      .catch(() => (warmed = false));
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
    const perUnit = searches.map((search) => new Map(search.results.map((result) => [result.id, result])));
    const rank = new Map(searches[0].results.map((result, i) => [result.id, i]));
    const ids = [...perUnit[0].keys()].filter((id) => perUnit.every((results) => results.has(id)));
    const parts = await Promise.all(
      ids.map(async (id) => {
        // the part's text once; each unit's locations from its own result (`words`): Pagefind
        // shares one fragment object between searches and overwrites its `locations`
        const text = await textOf(perUnit[0].get(id));
        const located = units.map((unit, i) => {
          let locations = perUnit[i].get(id).words.filter((l) => unit.phrase || answers(unit.term, text.words[l] || ""));
          if (unit.phrase) locations = [...new Set([...locations, ...phraseLocations(text, unit)])];
          return { ...unit, locations: locations.sort((a, b) => a - b) };
        });
        return { text: text, places: placesIn(text, located), rank: rank.get(id) };
      }),
    );
    return parts
      .filter((part) => part.places.length > 0)
      .sort((a, b) => a.places[0].span - b.places[0].span || a.rank - b.rank);
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
    node.addEventListener("click", (event) => {
      if (event.target === node) node.close(); // a click on the backdrop
      const more = event.target.closest("[data-more]");
      if (more) showMore(more);
      else if (event.target.closest("a[role=option]")) node.close();
    });
    // focus must not stay in the closed dialog ("/" would then count as typing in it)
    node.addEventListener("close", () => {
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
    return element(tag, { role: "option", id: `edition-search-option-${++optionCount}`, "aria-selected": "false", ...attributes }, children);
  }

  function pageOption(pages, number) {
    const part = pages[String(number)];
    if (!part) return null;
    const url = new URL(`${part}#page-${number}`, ROOT).href;
    return option("a", { href: url, class: "edition-search__hit edition-search__hit--page" }, [
      element("span", { class: "edition-search__where" }, [`p. ${number}`]),
      element("span", { class: "edition-search__snippet" }, [`Printed page ${number} itself`]),
    ]);
  }

  function hitOption(text, place) {
    const where = place.page ? `p. ${place.page}` : ""; // the title page and About: no page
    return option("a", { href: placeUrl(text, place), class: "edition-search__hit" }, [
      element("span", { class: "edition-search__where" }, [where]),
      snippet(text, place),
    ]);
  }

  function partGroup(part) {
    const count = part.places.length;
    const heading = `${part.text.title} · ${count}${count === 1 ? " place" : " places"}`;
    const group = element("div", { role: "group", class: "edition-search__part", "aria-label": heading }, [
      element("div", { class: "edition-search__part-title", "aria-hidden": "true" }, [heading]),
    ]);
    for (const place of part.places.slice(0, SHOWN_PER_PART)) group.append(hitOption(part.text, place));
    if (count > SHOWN_PER_PART) {
      const more = option("div", { class: "edition-search__more", "data-more": "" }, [
        `${count - SHOWN_PER_PART} more in this part`,
      ]);
      more.rest = part; // the rest are made when asked for: a common word has hundreds
      group.append(more);
    }
    return group;
  }

  /** List a query's answer; until then the list says it is being updated (aria-busy). */
  function show(query, children, status) {
    shownQuery = query;
    const results = dialog.querySelector("[role=listbox]");
    results.removeAttribute("aria-busy");
    results.replaceChildren(...children);
    dialog.querySelector("[role=status]").textContent = status;
    const input = dialog.querySelector("input");
    input.setAttribute("aria-expanded", String(children.length > 0));
    setActive(null);
  }

  async function runQuery(raw) {
    const number = ++latest;
    const query = normalise(raw);
    const results = dialog.querySelector("[role=listbox]");
    // the same words again (the dialog reopened, its text typed over): the list stays as it is,
    // and so does the option the arrows chose in it
    if (query === shownQuery) {
      results.removeAttribute("aria-busy");
      return;
    }
    if (!query) return show(query, [], "");
    results.setAttribute("aria-busy", "true");
    let found;
    try {
      found = await load();
    } catch {
      return show(null, [], "The search index could not be loaded."); // null: the same words try again
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
      ? `${places + (places === 1 ? " place" : " places")} in ${parts.length}${parts.length === 1 ? " part" : " parts"}`
      : page
        ? `Printed page ${pageMatch[1]}`
        : `Nothing found for ${raw.trim()}`;
    show(query, children, status);
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

  // --- Landing on a hit -----------------------------------------------------------------

  /** Text nodes of `root` with their offsets in its whole text. */
  function textNodes(root) {
    // the block's words as search read them: not a note's marker ("Leghorn<a>3</a>" read as
    // "Leghorn3" was no word "Leghorn"), nor the permalinks search leaves out
    const furniture = (node) => {
      const outside = node.parentElement?.closest(".note-ref, .headerlink, .paragraph-link");
      return outside && root.contains(outside) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, furniture);
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
    marks.forEach((mark, i) => {
      if (i > 0) mark.classList.add("edition-search-hit--after");
      if (i < marks.length - 1) mark.classList.add("edition-search-hit--before");
    });
    return marks;
  }

  // A letter or digit just before or after a stretch (a surrogate pair is one letter): two
  // patterns made once. As lookarounds of each form's own pattern they were compiled anew with
  // it, 18 ms a form, the most of a keystroke's time (70 ms on a 4× slowed CPU).
  const LETTER_BEFORE = /[\p{L}\p{N}]$/u;
  const LETTER_AFTER = /^[\p{L}\p{N}]/u;

  /** Stretches [start, end) of `string` to mark: every whole-word occurrence of each form
   *  (case, apostrophes and spacing aside), overlapping ones merged, in the order of the text,
   *  at most MAX_MARKS. Search (nthOf) and landing both count with it.
   *  rangesToMark("Lenin’s and Lenin", ["lenin's", "lenin"]) → [[0, 7], [12, 17]] */
  function rangesToMark(string, forms) {
    const found = [];
    for (const words of forms) {
      const pattern = words
        .split(/\s+/)
        .map((w) => escapeRegExp(w).replace(/'/g, "['’‘]"))
        .join("[\\s\\u00a0]*");
      if (!pattern) continue;
      const regex = new RegExp(pattern, "giu");
      for (let match = regex.exec(string); match; match = regex.exec(string)) {
        const start = match.index;
        const end = start + match[0].length;
        if (LETTER_BEFORE.test(string.slice(Math.max(0, start - 2), start)) || LETTER_AFTER.test(string.slice(end, end + 2))) {
          regex.lastIndex = start + 1; // part of a longer word: on from the next character
          continue;
        }
        found.push([start, end]);
        if (found.length > MAX_MARKS * 4) break;
      }
    }
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const range of found) {
      const last = merged[merged.length - 1];
      if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
      else if (merged.length < MAX_MARKS) merged.push(range.slice());
    }
    return merged;
  }

  /** The words a link asks to mark: each once, whatever its case, and a bounded few of them
   *  (a link with "hl=the" 500 times marked 8,483 words and froze the page for 11 s). */
  function formsAsked(url) {
    const forms = new Set();
    for (const value of url.searchParams.getAll(HIGHLIGHT)) {
      const form = value.replace(/\s+/g, " ").trim().toLowerCase().slice(0, MAX_FORM_LENGTH);
      if (form) forms.add(form);
      if (forms.size >= MAX_FORMS) break;
    }
    return [...forms];
  }

  /** The element a link's #… names, or null: a malformed escape ("#%E0%A4%A") names none. */
  function target(hash) {
    if (!hash || hash.length > 200) return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return null; // a malformed escape
    }
  }

  /** Mark the words in `block`, last first (earlier offsets stay valid); the marks in order. */
  function markWords(block, forms) {
    const marks = [];
    const text = textNodes(block)
      .map((piece) => piece.node.data)
      .join("");
    for (const [start, end] of rangesToMark(text, forms).reverse()) {
      marks.unshift(markRange(block, start, end));
    }
    return marks; // one entry per marked stretch: its marks (a word in pieces has several)
  }

  /** Scroll so that `mark` stands a third of the way down, well clear of the sticky header. */
  function scrollToMark(mark) {
    const header = document.querySelector(".md-header");
    const below = header ? header.getBoundingClientRect().bottom : 0;
    const top = mark.getBoundingClientRect().top + window.scrollY;
    const wanted = Math.max(0, Math.round(top - Math.max(below + 24, window.innerHeight / 3)));
    // scrollTop, not scrollTo(): right after a swap of the page by Material's instant navigation
    // (off in mkdocs.yml) scrollTo() was ignored
    if (Math.abs(window.scrollY - wanted) > 2) document.scrollingElement.scrollTop = wanted;
  }

  /** Keep the mark there while the new page settles (Material's own scroll to the anchor,
   *  late layout), until the reader scrolls or presses a key. */
  function keepInView(mark, address) {
    let reader = false;
    const stop = () => (reader = true);
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
      window.addEventListener(type, stop, { once: true, passive: true });
    }
    const place = () => {
      if (reader || !mark.isConnected) return;
      scrollToMark(mark);
      // Material's navigation.tracking renames the address after our scroll (#section-2):
      // while the page settles it stays the paragraph's link
      if (location.href !== address) history.replaceState(history.state, "", address);
    };
    place();
    requestAnimationFrame(place);
    for (const delay of [50, 150, 400, 800, 1500]) setTimeout(place, delay);
    if (document.fonts) document.fonts.ready.then(place);
  }

  /** On arrival from a result (?hl=…&hn=…#block): mark the words in the block, and keep the
   *  n-th marked stretch, the one the result named, in view. */
  function land() {
    const url = new URL(location.href);
    if (!url.searchParams.has(HIGHLIGHT)) return;
    const forms = formsAsked(url);
    const nth = Math.min(Number.parseInt(url.searchParams.get(NTH), 10) || 0, MAX_MARKS);
    url.searchParams.delete(HIGHLIGHT);
    url.searchParams.delete(NTH);
    history.replaceState(history.state, "", url.href); // the URL stays a link to the paragraph
    const block = target(url.hash);
    if (!block || !forms.length) return;
    const start = performance.now();
    const stretches = markWords(block, forms);
    performance.measure("edition-search:marking", { start: start }); // for scripts/bench.py
    const named = stretches[Math.max(0, nth)] || stretches[0];
    keepInView(named?.[0] || block, url.href);
  }

  /** The dialog's stylesheet, fetched with this script; resolves once it applies. */
  function stylesheet() {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("../stylesheets/search.css", SCRIPT).href;
    const loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve); // unstyled rather than never
    });
    document.head.append(link);
    return loaded;
  }

  const styled = stylesheet();

  window.editionSearch = {
    // `wanted`: still asked for once the stylesheet is in (edition.js: not if Escape came first)
    open: (wanted = () => true) => styled.then(() => wanted() && open()),
  };

  if (typeof document$ !== "undefined") document$.subscribe(() => styled.then(land));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => styled.then(land));
  else styled.then(land);
})();

// What a page without the theme's script keeps of it: the whole book (its front matter's
// `without_theme_script`, overrides/main.html), where Material's bundle cost a phone the most of
// the first view (Lighthouse, 4x slowdown: 89 with it, 99 without). Two of its parts:
//   the colour switch: the reader's palette (kept from any page, under Material's own
//     "__palette" key, so every page agrees) or, the first time, the one whose media query
//     the device matches; set on <body>; the switch to the other shown; a change kept;
//   the back-to-top button: shown while the reader scrolls back up, past the header.
"use strict";

(() => {
  if (window.document$) return; // the theme's own script runs on this page
  const top = document.querySelector("[data-md-component=top]");
  if (top) backToTop(top);
  const inputs = [...document.querySelectorAll("input[name=__palette]")];
  if (!inputs.length) return;

  function colourOf(input) {
    const color = {};
    for (const name of ["media", "scheme", "primary", "accent"]) color[name] = input.getAttribute(`data-md-color-${name}`);
    return color;
  }

  function choose(index) {
    const color = colourOf(inputs[index]);
    for (const [name, value] of Object.entries(color)) {
      // the same value set again would still restyle every element of the book
      if (document.body.getAttribute(`data-md-color-${name}`) !== value) {
        document.body.setAttribute(`data-md-color-${name}`, value);
      }
    }
    inputs.forEach((input, i) => {
      const toggle = input.nextElementSibling; // the label that switches to the next palette
      if (toggle instanceof HTMLLabelElement) toggle.hidden = i !== index;
    });
    inputs[index].checked = true;
    __md_set("__palette", { index, color });
  }

  /** The browser's own colours (its bar on a phone, form controls) follow the header's. */
  function browserColours() {
    const header = getComputedStyle(document.querySelector("header"));
    for (const [name, value] of [["theme-color", header.backgroundColor], ["color-scheme", header.colorScheme]]) {
      let meta = document.head.querySelector(`meta[name="${name}"]`);
      if (!meta) meta = document.head.appendChild(Object.assign(document.createElement("meta"), { name }));
      meta.content = value;
    }
  }

  const kept = __md_get("__palette");
  const matching = inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
  const first = kept && Number.isInteger(kept.index) ? kept.index : matching;
  choose(Math.max(0, Math.min(first, inputs.length - 1)));
  // read once the page has been laid out for its first paint: not a second layout before it
  addEventListener("load", () => requestAnimationFrame(() => setTimeout(browserColours)));
  inputs.forEach((input, i) => {
    input.addEventListener("change", () => {
      choose(i);
      browserColours();
    });
  });
  // Enter on the focused switch moves to the next palette, as with Material's
  inputs[0].form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.click();
    next.focus();
  });

  /** Material's rule: shown while the page scrolls up, once past the header; a click goes to
   *  the top. Hidden, it takes no focus. Where it stands, and that a phone has none: reading.css. */
  function backToTop(button) {
    const header = document.querySelector("header");
    let last = scrollY;
    addEventListener(
      "scroll",
      () => {
        const y = scrollY;
        const shown = y < last && y > header.offsetHeight;
        last = y;
        if (button.hidden !== shown) return;
        button.hidden = !shown;
        if (shown) button.removeAttribute("tabindex");
        else {
          button.setAttribute("tabindex", "-1");
          button.blur();
        }
      },
      { passive: true },
    );
    button.addEventListener("click", (event) => {
      event.preventDefault();
      scrollTo({ top: 0 });
    });
  }
})();

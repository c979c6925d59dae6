// What the edition's page scripts share, written once: loaded before them on every page.
//   edition.onEveryPage(run)  run on each page view: through Material's document$ (once a
//                             page; on every swap were its instant navigation turned on in
//                             mkdocs.yml), or once when the page has loaded (any theme)
//   edition.element(tag, attributes, children)  a new element; children: a text, a node or a list
//   edition.root              the site's root as an absolute URL (this file is assets/javascripts/)
"use strict";

window.edition = Object.freeze({
  root: new URL("../../", document.currentScript.src),

  onEveryPage(run) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  },

  element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    node.append(...[].concat(children ?? []));
    return node;
  },
});
